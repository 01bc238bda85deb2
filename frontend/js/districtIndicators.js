/**
 * District indicators: the planning indicators of every district (population, beds, physicians,
 * per 1,000, facilities per type, access shares, pass/fail against the chosen planning standard's
 * targets) as a choropleth on the map, coloured by any column, with its legend, a district card
 * on click and the CSV download; and the standard's targets (StandardTargets, #standard-box),
 * after whose change the indicators are loaded again. AccessGapsPanel (accessGaps.js) composes
 * it: the access shares are those of its network.
 *
 * Calls (through api.js): GET /api/districts/indicators?standard=<chosen>&networkId=…&format=geojson
 * after an access run, after a target is changed or reset, and after another standard is chosen;
 * the CSV link is the same with format=csv. StandardTargets: GET /api/standards, PUT and DELETE
 * /api/standards/{code}/targets/{target}.
 *
 * Test hooks: see README.md in this folder, section "Access gaps" (#choropleth-*, path.choropleth-district,
 * .district-card, body data-choropleth-*).
 */
import { districtIndicatorsUrl, fetchDistrictIndicators } from './api.js';
import { formatNumber, onLanguageChange, t } from './i18n.js';
import { StandardTargets } from './standardTargets.js';
import { h, problemBox } from './ui.js';

const CHOROPLETH_RAMP = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
/** Colours of a pass:<target> indicator. */
const VERDICT_COLOURS = { pass: '#1a9850', fail: '#d73027', unknown: '#d0d0d0' };
const NO_VALUE = '#d0d0d0';
/** Numeric columns of the indicator table, in the order the selector offers them (then facilities:, share:, pass:). */
const BASE_INDICATORS = ['population', 'beds', 'physicians', 'bedsPer1000', 'physiciansPer1000'];

function verdictOf(value) {
  return value === 'pass' ? 'pass' : value === 'fail' ? 'fail' : 'unknown';
}

export class DistrictIndicators {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./map.js').LayerRegistry} options.registry
   * @param {import('./catalogue.js').Catalogue} options.catalogue
   * @param {HTMLElement} options.choroplethBox  where the indicator selector, legend and CSV link go
   * @param {HTMLElement} options.standardBox  where the standard and its targets go
   */
  constructor({ map, registry, catalogue, choroplethBox, standardBox }) {
    this.map = map;
    this.registry = registry;
    this.catalogue = catalogue;
    this.choroplethBox = choroplethBox;
    this.standardBox = standardBox;
    /** The network whose access shares the indicators carry; null until an access run. */
    this.networkId = null;
    this.districts = null;
    this.choropleth = null;
    this.targets = new StandardTargets({
      container: standardBox,
      onChange: () => this.reload(),
    });
    this.targets.load().catch((error) => standardBox.append(problemBox(error, t('standard.failed'))));
    onLanguageChange(() => {
      this.targets.render();
      this.renderChoropleth();
    });
  }

  /** After a target change or another standard: the indicators again, if a result is shown. */
  async reload() {
    if (!this.networkId) {
      return;
    }
    document.body.dataset.choroplethState = 'loading';
    try {
      await this.load();
    } catch (error) {
      document.body.dataset.choroplethState = 'failed';
      this.choroplethBox.replaceChildren(problemBox(error, t('access.failed')));
    }
  }

  /**
   * Loads the indicators with the access shares on network networkId (the one of the result
   * shown) and draws them; rejects with the ApiError when they cannot be read.
   */
  async load(networkId = this.networkId) {
    this.networkId = networkId;
    this.districts = await fetchDistrictIndicators(this.targets.code, networkId);
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
      href: districtIndicatorsUrl(this.targets.code, this.networkId, 'csv'),
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
