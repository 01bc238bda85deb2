/**
 * "Access gaps": travel time from every population cell to the nearest chosen facility (one
 * server job on the page's JobRunner), shown as a canvas surface and the gap polygons beyond the
 * threshold; then the district indicators of that network (districtIndicators.js, composed here).
 *
 * Calls (through api.js): POST /api/accessibility/jobs → the job → GET /api/accessibility/{id},
 * GET /api/accessibility/{id}/surface, GET /api/accessibility/{id}/gaps?minutes=&dissolve=true,
 * then the district indicators.
 */
import {
  accessibilityGapsExportUrl, fetchAccessibility, fetchAccessibilityGaps, fetchAccessibilitySurface,
  startAccessibilityJob,
} from './api.js';
import { AREA_DATA_CHANGED } from './areaData.js';
import { DistrictIndicators } from './districtIndicators.js';
import { fillNetworkSelect } from './formParts.js';
import { formatNumber, onLanguageChange, t } from './i18n.js';
import { JobRunner, outcomeBox, outcomeName, outcomeOf } from './jobs.js';
import { MODES, modeLabel } from './networks.js';
import { h } from './ui.js';

/** Upper bounds (minutes) of the surface classes; beyond the last is the darkest class. */
export const MINUTE_CLASSES = [5, 10, 15, 20, 30, 45, 60];
const SURFACE_RAMP = ['#fff5b8', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026', '#800026', '#4a0016'];
const UNREACHABLE = '#9a9a9a';
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
    this.build();
    networks.onChange((list) => this.fillNetworks(list));
    this.fillNetworks(networks.networks);
    onLanguageChange(() => this.renderAll());
    document.addEventListener(AREA_DATA_CHANGED, () => this.areaDataChanged());
  }

  /**
   * A new population layer or new districts: a result shown was computed on the old data, so it
   * says so (the surface and gaps stay for comparison until the next run), and the district
   * indicators, which the server computes from the data stored now, are loaded again.
   */
  areaDataChanged() {
    this.stale = Boolean(this.summary);
    this.renderStale();
    this.indicators.reload();
  }

  renderStale() {
    this.resultBox.querySelector('#access-stale')?.remove();
    if (this.stale && this.summary) {
      this.resultBox.prepend(h('div', { id: 'access-stale', class: 'result result--info' }, t('access.stale')));
    }
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
    this.runner = new JobRunner({ id: 'access-progress', slot: this.progressSlot });
    this.indicators = new DistrictIndicators({
      map: this.map,
      registry: this.registry,
      catalogue: this.catalogue,
      choroplethBox: this.choroplethBox,
      standardBox: this.standardBox,
    });
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
    this.fillTypes();
    this.renderSummary();
    this.renderGapInfo();
    this.renderOutcome();
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

  /**
   * Computes access for the form's request and shows surface, gaps and district indicators. A run
   * started while another is going on cancels that one.
   */
  async run() {
    const body = document.body.dataset;
    this.runner.cancel();
    if (!this.typesBox.querySelector('input')) {
      this.fillTypes();
    }
    const request = this.readRequest();
    this.threshold = request.minutes[0];
    this.clear();
    body.accessState = 'running';
    try {
      await this.runner.run(async (step) => {
        const { resultId } = await step.follow(await startAccessibilityJob(request));
        this.resultId = resultId;
        this.summary = await fetchAccessibility(resultId);
        this.renderSummary();
        const [surface, gaps] = await Promise.all([
          fetchAccessibilitySurface(resultId),
          fetchAccessibilityGaps(resultId, this.threshold),
        ]);
        this.showSurface(surface);
        this.showGaps(gaps);
        body.accessState = 'succeeded';
        await this.indicators.load(request.networkId);
      }, { label: t('access.running') });
    } catch (error) {
      this.outcome = outcomeOf(error);
      body.accessState = error.cancelled ? 'cancelled' : 'failed';
      this.renderOutcome();
    }
  }

  /** A run that did not succeed: the cancelled note or the problem, in #access-result. */
  renderOutcome() {
    if (!this.outcome) {
      return;
    }
    this.resultBox.dataset.outcome = outcomeName(this.outcome);
    this.resultBox.replaceChildren(outcomeBox(this.outcome, { cancelled: t('access.cancelled'), failedTitle: t('access.failed') }));
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
    this.outcome = null;
    this.stale = false;
    delete this.resultBox.dataset.outcome;
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
      href: accessibilityGapsExportUrl(s.resultId, this.threshold),
    }, t('access.exportGaps'));
    this.legend = this.legendElement();
    this.resultBox.replaceChildren(this.summaryBox, this.legend, this.gapInfo, h('div', { class: 'export-row' }, this.exportLink));
    this.renderGapInfo();
    this.renderStale();
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
}
