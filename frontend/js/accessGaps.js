/**
 * "Access gaps": travel time from every population cell to the nearest chosen facility (one
 * server job), shown as a canvas surface, the gap polygons beyond the threshold, and a district
 * choropleth of the planning indicators.
 *
 * Calls: POST /api/accessibility/jobs → runJob → GET /api/accessibility/{id},
 * GET /api/accessibility/{id}/surface, GET /api/accessibility/{id}/gaps?minutes=&dissolve=true,
 * GET /api/districts/indicators?standard=<chosen>&networkId=&format=geojson (again after a target
 * is changed or reset in StandardTargets, or another standard is chosen).
 */
import { ApiError, csrfHeaders, redirectIfSignedOut } from './api.js';
import { fillNetworkSelect } from './formParts.js';
import { formatNumber, onLanguageChange, t } from './i18n.js';
import { resultOf, runJob } from './jobs.js';
import { MODES, modeLabel, problemBox, showJobProgress } from './networks.js';
import { StandardTargets } from './standardTargets.js';
import { h, ProgressBar } from './ui.js';

/** Upper bounds (minutes) of the surface classes; beyond the last is the darkest class. */
export const MINUTE_CLASSES = [5, 10, 15, 20, 30, 45, 60];
const SURFACE_RAMP = ['#fff5b8', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026', '#800026', '#4a0016'];
const UNREACHABLE = '#9a9a9a';
const CHOROPLETH_RAMP = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
/** Colours of a pass:<target> indicator. */
const VERDICT_COLOURS = { pass: '#1a9850', fail: '#d73027', unknown: '#d0d0d0' };
const NO_VALUE = '#d0d0d0';
/** Numeric columns of the indicator table, in the order the selector offers them (then facilities:, share:, pass:). */
const BASE_INDICATORS = ['population', 'beds', 'physicians', 'bedsPer1000', 'physiciansPer1000'];

function verdictOf(value) {
  return value === 'pass' ? 'pass' : value === 'fail' ? 'fail' : 'unknown';
}

async function jsonRequest(method, url, body) {
  const init = {
    method,
    headers: { Accept: 'application/json, application/geo+json, application/problem+json', ...csrfHeaders(method) },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String(cause?.message || cause) });
  }
  const text = await response.text();
  if (!response.ok) {
    redirectIfSignedOut(response.status);
    let problem = { status: response.status, title: response.statusText || `HTTP ${response.status}` };
    try {
      problem = { ...problem, ...JSON.parse(text) };
    } catch {
      // not JSON
    }
    throw new ApiError(problem);
  }
  return text ? JSON.parse(text) : undefined;
}

export function minutesClass(minutes) {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) {
    return -1;
  }
  const index = MINUTE_CLASSES.findIndex((bound) => minutes <= bound);
  return index < 0 ? MINUTE_CLASSES.length : index;
}

/**
 * The travel-time surface: one small square per cell on a canvas in the overlay pane, redrawn
 * after every move and zoom. Cells are bucketed by class once, so a redraw is one fillStyle per
 * class and a fillRect per visible cell (fast for 100,000+ cells).
 */
export const SurfaceLayer = L.Layer.extend({
  initialize(surface) {
    const n = surface.lon.length;
    this.lon = Float64Array.from(surface.lon);
    this.lat = Float64Array.from(surface.lat);
    this.buckets = Array.from({ length: MINUTE_CLASSES.length + 2 }, () => []);
    let minLon = Infinity; let maxLon = -Infinity; let minLat = Infinity; let maxLat = -Infinity;
    for (let i = 0; i < n; i++) {
      this.buckets[minutesClass(surface.minutes[i]) + 1].push(i);
      minLon = Math.min(minLon, this.lon[i]); maxLon = Math.max(maxLon, this.lon[i]);
      minLat = Math.min(minLat, this.lat[i]); maxLat = Math.max(maxLat, this.lat[i]);
    }
    this.count = n;
    this.bounds = n ? L.latLngBounds([minLat, minLon], [maxLat, maxLon]) : null;
    // mean spacing of the cells, in degrees: the side of each drawn square
    const area = n ? Math.max((maxLon - minLon) * (maxLat - minLat), 1e-10) : 0;
    this.spacing = n ? Math.sqrt(area / n) : 0;
    this.drawn = 0;
  },

  onAdd(map) {
    this.map = map;
    this.canvas = L.DomUtil.create('canvas', 'access-surface leaflet-zoom-hide');
    this.canvas.style.opacity = '0.75';
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on('moveend zoomend resize viewreset', this.redraw, this);
    this.redraw();
  },

  onRemove(map) {
    map.off('moveend zoomend resize viewreset', this.redraw, this);
    this.canvas.remove();
    this.drawn = 0;
    document.body.dataset.accessCells = '0';
  },

  redraw() {
    const map = this.map;
    if (!map) {
      return;
    }
    const size = map.getSize();
    const canvas = this.canvas;
    canvas.width = size.x;
    canvas.height = size.y;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, size.x, size.y);
    // square side in pixels from the cell spacing at the map centre
    const centre = map.getCenter();
    const a = map.latLngToContainerPoint(centre);
    const b = map.latLngToContainerPoint([centre.lat, centre.lng + this.spacing]);
    const side = Math.max(1, Math.ceil(Math.abs(b.x - a.x)));
    const half = side / 2;
    let drawn = 0;
    const bounds = map.getBounds().pad(0.05);
    const west = bounds.getWest(); const east = bounds.getEast();
    const south = bounds.getSouth(); const north = bounds.getNorth();
    this.buckets.forEach((indices, bucket) => {
      if (!indices.length) {
        return;
      }
      ctx.fillStyle = bucket === 0 ? UNREACHABLE : SURFACE_RAMP[bucket - 1];
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        const lon = this.lon[i]; const lat = this.lat[i];
        if (lon < west || lon > east || lat < south || lat > north) {
          continue;
        }
        const p = map.latLngToContainerPoint([lat, lon]);
        ctx.fillRect(p.x - half, p.y - half, side, side);
        drawn++;
      }
    });
    this.drawn = drawn;
    document.body.dataset.accessCells = String(drawn);
  },
});

export class AccessGapsPanel {
  constructor({ map, registry, catalogue, facilities, networks, container }) {
    this.map = map;
    this.registry = registry;
    this.catalogue = catalogue;
    this.facilities = facilities;
    this.networks = networks;
    this.container = container;
    this.summary = null;
    this.surface = null;
    this.gaps = null;
    this.choropleth = null;
    this.districts = null;
    this.controller = null;
    this.build();
    networks.onChange((list) => this.fillNetworks(list));
    this.fillNetworks(networks.networks);
    onLanguageChange(() => this.renderAll());
  }

  build() {
    this.networkSelect = h('select', { id: 'access-network', class: 'input' });
    this.modeSelect = h('select', { id: 'access-mode', class: 'input' },
      MODES.map((mode) => h('option', { value: mode, dataset: { mode } }, modeLabel(mode))));
    this.modeSelect.value = 'drive';
    this.minutesInput = h('input', { id: 'access-minutes', class: 'input', type: 'number', min: '1', max: '240', step: '1', value: '15' });
    this.typesBox = h('div', { id: 'access-types', class: 'checkbox-list' });
    this.runButton = h('button', { type: 'button', id: 'access-run', class: 'btn btn-primary', on: { click: () => this.run() } });
    this.progressSlot = h('div', {});
    this.resultBox = h('div', { id: 'access-result' });
    this.choroplethBox = h('div', { id: 'choropleth-box' });
    this.standardBox = h('div', { id: 'standard-box' });
    this.labels = {
      network: h('label', { for: 'access-network' }),
      mode: h('label', { for: 'access-mode' }),
      minutes: h('label', { for: 'access-minutes' }),
      types: h('div', { class: 'field-label' }),
    };
    this.container.append(
      h('div', { class: 'field' }, this.labels.network, this.networkSelect),
      h('div', { class: 'field' }, this.labels.types, this.typesBox),
      h('div', { class: 'field-row' },
        h('div', { class: 'field' }, this.labels.mode, this.modeSelect),
        h('div', { class: 'field' }, this.labels.minutes, this.minutesInput)),
      h('div', { class: 'form-actions' }, this.runButton),
      this.progressSlot, this.resultBox, this.choroplethBox, this.standardBox);
    this.targets = new StandardTargets({
      container: this.standardBox,
      request: jsonRequest,
      onChange: () => this.reloadChoropleth(),
    });
    this.targets.load().catch((error) => this.standardBox.append(problemBox(error, t('standard.failed'))));
    this.container.addEventListener('focusin', () => this.fillTypes());
    this.container.addEventListener('mouseenter', () => this.fillTypes());
    this.renderLabels();
  }

  renderLabels() {
    this.labels.network.textContent = t('access.network');
    this.labels.mode.textContent = t('access.mode');
    this.labels.minutes.textContent = t('access.minutes');
    this.labels.types.textContent = t('access.types');
    this.runButton.textContent = t('access.run');
    [...this.modeSelect.options].forEach((option) => { option.textContent = modeLabel(option.value); });
  }

  renderAll() {
    this.renderLabels();
    this.targets.render();
    this.fillTypes();
    this.renderSummary();
    this.renderGapInfo();
    this.renderChoropleth();
  }

  fillNetworks(networks) {
    fillNetworkSelect(this.networkSelect, networks, { placeholder: false });
    this.fillTypes();
  }

  presentTypes() {
    const codes = new Set();
    (this.facilities.features ? [...this.facilities.features.values()] : []).forEach((feature) => {
      const props = feature.properties || feature;
      if (props.type) {
        codes.add(props.type);
      }
    });
    return codes.size ? [...codes] : this.catalogue.types.map((type) => type.code);
  }

  fillTypes() {
    const codes = this.presentTypes();
    const offered = [...this.typesBox.querySelectorAll('input')].map((input) => input.value);
    if (offered.length && offered.join() === codes.join() && document.activeElement?.name === 'access-type') {
      return;
    }
    const checked = new Set([...this.typesBox.querySelectorAll('input:checked')].map((input) => input.value));
    const hospitals = codes.filter((code) => /hospital/i.test(code) || /hospital/i.test(this.catalogue.type(code).group || ''));
    const defaults = new Set(checked.size ? checked : (hospitals.length ? hospitals : codes));
    this.typesBox.replaceChildren(...codes.map((code) => h('label', { class: 'checkbox' },
      h('input', { type: 'checkbox', name: 'access-type', value: code, checked: defaults.has(code) }),
      ' ', this.catalogue.typeName(code))));
  }

  readRequest() {
    const networkId = Number(this.networkSelect.value);
    const minutes = Number(this.minutesInput.value);
    const types = [...this.typesBox.querySelectorAll('input:checked')].map((input) => input.value);
    return {
      networkId: Number.isFinite(networkId) && networkId > 0 ? networkId : null,
      facilityFilter: { types, statuses: ['existing'] },
      mode: this.modeSelect.value,
      minutes: [Number.isFinite(minutes) && minutes > 0 ? minutes : 15],
    };
  }

  async run() {
    const body = document.body.dataset;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    if (!this.typesBox.querySelector('input')) {
      this.fillTypes();
    }
    const request = this.readRequest();
    this.threshold = request.minutes[0];
    this.clear();
    body.accessState = 'running';
    const progress = new ProgressBar({ id: 'access-progress', onCancel: () => controller.abort() });
    this.progressSlot.replaceChildren(progress.element);
    progress.indeterminate(t('access.running'));
    try {
      const { jobId } = await jsonRequest('POST', '/api/accessibility/jobs', request);
      const job = await runJob(jobId, { signal: controller.signal, onProgress: (j) => showJobProgress(progress, j, t('access.running')) });
      const { resultId } = resultOf(job);
      this.resultId = resultId;
      this.networkId = request.networkId;
      this.summary = await jsonRequest('GET', `/api/accessibility/${resultId}`);
      this.renderSummary();
      const [surface, gaps] = await Promise.all([
        jsonRequest('GET', `/api/accessibility/${resultId}/surface`),
        jsonRequest('GET', `/api/accessibility/${resultId}/gaps?minutes=${this.threshold}&dissolve=true`),
      ]);
      this.showSurface(surface);
      this.showGaps(gaps);
      body.accessState = 'succeeded';
      await this.loadChoropleth();
    } catch (error) {
      if (controller.signal.aborted || error?.name === 'JobCancelledError') {
        body.accessState = 'cancelled';
      } else {
        body.accessState = 'failed';
        this.resultBox.replaceChildren(problemBox(error, t('access.failed')));
      }
    } finally {
      this.progressSlot.replaceChildren();
    }
  }

  clear() {
    [this.surface, this.gaps].forEach((layer) => {
      if (layer) {
        layer.remove();
        this.registry.removeOverlay(layer);
      }
    });
    this.surface = null;
    this.gaps = null;
    this.summary = null;
    this.resultBox.replaceChildren();
    ['accessCells', 'gapPolygons', 'accessState'].forEach((key) => delete document.body.dataset[key]);
  }

  renderSummary() {
    const s = this.summary;
    if (!s) {
      return;
    }
    const rows = Object.entries(s.coveredShare || {}).map(([minutes, share]) => h('tr', { dataset: { minutes } },
      h('td', {}, t('access.within', { minutes: formatNumber(Number(minutes)) })),
      h('td', {}, formatNumber(s.covered?.[minutes] ?? 0, { maximumFractionDigits: 0 })),
      h('td', {}, formatNumber(share ?? 0, { style: 'percent', maximumFractionDigits: 1 }))));
    this.summaryBox = h('div', { id: 'access-summary', class: 'result' },
      h('div', { class: 'result-title' }, t('access.total', {
        population: formatNumber(s.totalPopulation, { maximumFractionDigits: 0 }),
        cells: formatNumber(s.cells),
        facilities: formatNumber(s.facilities),
      })),
      h('table', { class: 'result-table' }, rows),
      h('div', {}, t('access.unreachable', { population: formatNumber(s.unreachablePopulation, { maximumFractionDigits: 0 }) })));
    this.gapInfo = h('div', { id: 'access-gap-info' });
    this.exportLink = h('a', {
      id: 'access-gaps-export', class: 'btn btn-small', download: '',
      href: `/api/accessibility/${s.resultId}/gaps/export?minutes=${this.threshold}&dissolve=true`,
    }, t('access.exportGaps'));
    this.legend = this.legendElement();
    this.resultBox.replaceChildren(this.summaryBox, this.legend, this.gapInfo, h('div', { class: 'export-row' }, this.exportLink));
    this.renderGapInfo();
  }

  legendElement() {
    const items = [h('div', { class: 'access-legend-item', dataset: { minutes: 'unreachable' } },
      h('span', { class: 'swatch', style: `background:${UNREACHABLE}` }), t('access.legend.unreachable'))];
    let lower = 0;
    MINUTE_CLASSES.forEach((bound, index) => {
      items.push(h('div', { class: 'access-legend-item', dataset: { minutes: String(bound) } },
        h('span', { class: 'swatch', style: `background:${SURFACE_RAMP[index]}` }),
        t('access.legend.range', { from: formatNumber(lower), to: formatNumber(bound) })));
      lower = bound;
    });
    items.push(h('div', { class: 'access-legend-item', dataset: { minutes: 'more' } },
      h('span', { class: 'swatch', style: `background:${SURFACE_RAMP[MINUTE_CLASSES.length]}` }),
      t('access.legend.more', { minutes: formatNumber(lower) })));
    return h('div', { id: 'access-legend', class: 'map-legend' }, h('div', { class: 'field-label' }, t('access.legend.title')), items);
  }

  showSurface(surface) {
    this.surface = new SurfaceLayer(surface);
    this.registry.addOverlay(this.surface, 'access.layer.surface', { id: 'access-surface' });
    if (this.surface.bounds) {
      this.map.fitBounds(this.surface.bounds, { animate: false });
    }
    this.surface.addTo(this.map);
  }

  showGaps(collection) {
    this.gapCollection = collection;
    this.gaps = L.geoJSON(collection, {
      style: () => ({ className: 'gap-polygon', color: '#c0142b', weight: 2, dashArray: '4 3', fillColor: '#e31a1c', fillOpacity: 0.18 }),
    });
    this.registry.addOverlay(this.gaps, 'access.layer.gaps', { id: 'access-gaps' });
    this.gaps.addTo(this.map);
    document.body.dataset.gapPolygons = String((collection.features || []).length);
    this.renderGapInfo();
  }

  renderGapInfo() {
    const c = this.gapCollection;
    if (!this.gapInfo || !c || !this.gaps) {
      return;
    }
    this.gapInfo.textContent = t('access.gaps', {
      minutes: formatNumber(c.minutes ?? this.threshold),
      areas: formatNumber((c.features || []).length),
      population: formatNumber(c.gapPopulation ?? 0, { maximumFractionDigits: 0 }),
    });
  }

  standardCode() {
    return encodeURIComponent(this.targets.code);
  }

  /** After a target change or another standard: the indicators again, if a result is shown. */
  async reloadChoropleth() {
    if (!this.networkId) {
      return;
    }
    document.body.dataset.choroplethState = 'loading';
    try {
      await this.loadChoropleth();
    } catch (error) {
      document.body.dataset.choroplethState = 'failed';
      this.choroplethBox.replaceChildren(problemBox(error, t('access.failed')));
    }
  }

  async loadChoropleth() {
    const url = `/api/districts/indicators?standard=${this.standardCode()}&networkId=${this.networkId}&format=geojson`;
    this.districts = await jsonRequest('GET', url);
    const openId = this.popup?.isOpen() ? this.popupDistrictId : null;
    if (this.choropleth) {
      this.choropleth.remove();
      this.registry.removeOverlay(this.choropleth);
      this.choropleth = null;
    }
    const features = this.districts?.features || [];
    document.body.dataset.choroplethDistricts = String(features.length);
    if (!features.length) {
      this.renderChoropleth();
      return;
    }
    this.choropleth = L.geoJSON(this.districts, {
      style: (feature) => this.districtStyle(feature),
      onEachFeature: (feature, layer) => {
        layer.on('click', (event) => {
          this.popupDistrictId = feature.id;
          // a long card scrolls inside the popup rather than growing past the map's top edge
          this.popup = L.popup({ className: 'district-popup', maxWidth: 320, maxHeight: 280 })
            .setLatLng(event.latlng).setContent(this.districtCard(feature)).openOn(this.map);
        });
      },
    });
    this.registry.addOverlay(this.choropleth, 'access.layer.districts', { id: 'access-districts' });
    this.choropleth.addTo(this.map);
    this.renderChoropleth();
    // an open district card shows the new verdicts at once
    const reopened = openId === null ? null : features.find((feature) => feature.id === openId);
    if (reopened) {
      this.popup.setContent(this.districtCard(reopened));
    }
    document.body.dataset.choroplethState = 'loaded';
    document.body.dataset.choroplethLoads = String(Number(document.body.dataset.choroplethLoads || 0) + 1);
    document.body.dataset.choroplethStandard = this.targets.code;
  }

  /** Every column of the indicator table the map can be coloured by. */
  indicators() {
    const first = this.districts?.features?.[0]?.properties || {};
    const keys = [...BASE_INDICATORS];
    ['facilities:', 'share:', 'pass:'].forEach((prefix) => Object.keys(first)
      .filter((key) => key.startsWith(prefix)).forEach((key) => keys.push(key)));
    return keys;
  }

  targetName(code) {
    return this.targets.target(code)?.name || code;
  }

  indicatorLabel(key) {
    if (key.startsWith('share:')) {
      return t('access.indicator.share', { target: this.targetName(key.slice(6)) });
    }
    if (key.startsWith('pass:')) {
      return t('access.indicator.pass', { target: this.targetName(key.slice(5)) });
    }
    if (key.startsWith('facilities:')) {
      return t('access.indicator.facilities', { type: this.catalogue.typeName(key.slice(11)) });
    }
    return t(`access.indicator.${key}`);
  }

  formatIndicator(key, value) {
    if (value === null || value === undefined || value === '') {
      return '–';
    }
    if (key.startsWith('share:')) {
      return formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
    }
    return formatNumber(value, { maximumFractionDigits: key === 'population' ? 0 : 2 });
  }

  classBreaks() {
    const key = this.indicatorSelect?.value || 'population';
    if (key.startsWith('pass:')) {
      const counts = { pass: 0, fail: 0, unknown: 0 };
      (this.districts?.features || []).forEach((f) => { counts[verdictOf(f.properties[key])]++; });
      return { key, verdicts: counts, count: counts.pass + counts.fail };
    }
    const values = (this.districts?.features || []).map((f) => f.properties[key]).filter(Number.isFinite);
    if (!values.length) {
      return { key, min: 0, max: 0, count: 0 };
    }
    return { key, min: Math.min(...values), max: Math.max(...values), count: values.length };
  }

  colourOf(value, breaks) {
    if (breaks.verdicts) {
      return VERDICT_COLOURS[verdictOf(value)];
    }
    if (!Number.isFinite(value)) {
      return NO_VALUE;
    }
    if (breaks.max === breaks.min) {
      return CHOROPLETH_RAMP[CHOROPLETH_RAMP.length - 1];
    }
    const index = Math.min(CHOROPLETH_RAMP.length - 1,
      Math.floor(((value - breaks.min) / (breaks.max - breaks.min)) * CHOROPLETH_RAMP.length));
    return CHOROPLETH_RAMP[index];
  }

  districtStyle(feature) {
    const breaks = this.classBreaks();
    return {
      className: 'choropleth-district',
      color: '#34495e', weight: 1.5, fillOpacity: 0.55,
      fillColor: this.colourOf(feature.properties[breaks.key], breaks),
    };
  }

  districtCard(feature) {
    const p = feature.properties || {};
    const rows = ['population', 'beds', 'physicians', 'bedsPer1000', 'physiciansPer1000']
      .map((key) => h('tr', { dataset: { field: key } },
        h('th', {}, t(`access.indicator.${key}`)), h('td', {}, this.formatIndicator(key, p[key]))));
    Object.keys(p).filter((key) => key.startsWith('share:')).forEach((key) => rows.push(h('tr', { dataset: { field: key } },
      h('th', {}, this.indicatorLabel(key)), h('td', {}, this.formatIndicator(key, p[key])))));
    const checks = Object.keys(p).filter((key) => key.startsWith('pass:')).map((key) => {
      const state = verdictOf(p[key]);
      const target = this.targets.target(key.slice(5));
      const mark = target ? ` (≥ ${this.formatTarget(target)})` : '';
      return h('li', { class: `target target--${state}`, dataset: { target: key.slice(5), pass: state } },
        `${this.targetName(key.slice(5))}${mark}: ${t(`access.target.${state}`)}`);
    });
    return h('div', { class: 'district-card', dataset: { districtId: String(feature.id ?? '') } },
      h('div', { class: 'popup-title' }, p.name || p.code || `#${feature.id}`),
      h('table', { class: 'popup-table' }, rows),
      checks.length ? h('ul', { class: 'target-list' }, checks) : null);
  }

  /** A target's pass mark as a planner reads it: per cent of residents, a count, or per 1,000. */
  formatTarget(target) {
    if (target.kind === 'access') {
      return `${formatNumber(target.value, { style: 'percent', maximumFractionDigits: 1 })}, ${formatNumber(target.minutes)} min`;
    }
    return formatNumber(target.value, { maximumFractionDigits: 2 });
  }

  renderChoropleth() {
    if (!this.districts) {
      return;
    }
    const features = this.districts.features || [];
    if (!features.length) {
      this.choroplethBox.replaceChildren(h('p', { id: 'choropleth-empty', class: 'field-hint' }, t('access.noDistricts')));
      return;
    }
    const previous = this.indicatorSelect?.value || 'population';
    this.indicatorSelect = h('select', { id: 'choropleth-indicator', class: 'input', on: { change: () => this.restyle() } },
      this.indicators().map((key) => h('option', { value: key }, this.indicatorLabel(key))));
    this.indicatorSelect.value = this.indicators().includes(previous) ? previous : 'population';
    const csv = h('a', {
      id: 'choropleth-export', class: 'btn btn-small', download: '',
      href: `/api/districts/indicators?standard=${this.standardCode()}&networkId=${this.networkId}&format=csv`,
    }, t('access.exportCsv'));
    this.choroplethLegend = h('div', { id: 'choropleth-legend', class: 'map-legend' });
    this.choroplethBox.replaceChildren(
      h('div', { class: 'field' }, h('label', { for: 'choropleth-indicator' }, t('access.indicator')), this.indicatorSelect),
      this.choroplethLegend, h('div', { class: 'export-row' }, csv));
    this.restyle();
  }

  restyle() {
    this.choropleth?.setStyle((feature) => this.districtStyle(feature));
    const breaks = this.classBreaks();
    const items = [];
    if (breaks.verdicts) {
      ['pass', 'fail', 'unknown'].forEach((state) => items.push(h('div', { class: 'choropleth-legend-item', dataset: { verdict: state } },
        h('span', { class: 'swatch', style: `background:${VERDICT_COLOURS[state]}` }),
        `${t(`access.target.${state}`)}: ${formatNumber(breaks.verdicts[state])}`)));
      const target = this.targets.target(breaks.key.slice(5));
      this.choroplethLegend.replaceChildren(h('div', { class: 'field-label' }, this.indicatorLabel(breaks.key)),
        target ? h('div', { class: 'field-hint' }, `≥ ${this.formatTarget(target)}`) : null, ...items);
      return;
    }
    if (breaks.count) {
      const step = (breaks.max - breaks.min) / CHOROPLETH_RAMP.length;
      CHOROPLETH_RAMP.forEach((colour, index) => {
        if (breaks.max === breaks.min && index < CHOROPLETH_RAMP.length - 1) {
          return;
        }
        const from = breaks.min + step * index;
        const to = breaks.max === breaks.min ? breaks.max : from + step;
        items.push(h('div', { class: 'choropleth-legend-item' }, h('span', { class: 'swatch', style: `background:${colour}` }),
          breaks.max === breaks.min ? this.formatIndicator(breaks.key, to)
            : `${this.formatIndicator(breaks.key, from)} – ${this.formatIndicator(breaks.key, to)}`));
      });
    }
    items.push(h('div', { class: 'choropleth-legend-item' }, h('span', { class: 'swatch', style: `background:${NO_VALUE}` }), t('access.noValue')));
    this.choroplethLegend.replaceChildren(h('div', { class: 'field-label' }, this.indicatorLabel(breaks.key)), ...items);
  }
}
