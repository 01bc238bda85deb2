/**
 * The coverage-zone analysis, the "15-minute service circle": the area from which each chosen
 * facility is reachable within given minutes, along the road network or as a plain radius. This
 * module holds the form (#coverage-section), runs the computation as server jobs (jobs.js JobRunner) and
 * shows the result: zones on the map (coverageLayer.js), legend, unreachable facilities, export.
 *
 * The request (POST /api/coverage-zones/jobs), as buildRequest() makes it:
 *   networkId       the road network (required for method "network"; sent whenever one is chosen)
 *   facilityFilter  {types: [...], statuses: [...]}  – or –  facilityIds: [...] picked on the map
 *   mode            walk | drive | ambulance
 *   minutes         ascending whole minutes, each 1–180, at most MAX_BANDS
 *   method          network | radius
 *   radiusMeters    radius only, optional: one band of this fixed radius
 *   speedKmh        radius only, optional: radius = speed × minutes (else the mode's default)
 *   turnoutMinutes  time before a vehicle sets off (drive, ambulance); 0 for walking
 *   merge           none (one zone per facility and band) | dissolve (one zone per band)
 *
 * "Compare" runs the same request with both methods, side by side: road network filled, radius
 * as dashed outlines, with a table of the areas per band.
 *
 * Test hooks: see README.md (#coverage-*, body data-coverage-zones / -state, window.carecircle.coverage).
 */
import { coverageExportUrl, fetchCoverageZones, startCoverageJob } from './api.js';
import { STATUSES } from './catalogue.js';
import { CoverageLayer, formatArea, MAX_BANDS } from './coverageLayer.js';
import { facilityOf, statusLabel } from './facilities.js';
import { FieldErrors, fillNetworkSelect, typeCheckboxes, typeCounts } from './formParts.js';
import { formatNumber, onLanguageChange, t } from './i18n.js';
import { JobRunner } from './jobs.js';
import { MODES, modeLabel } from './networks.js';
import { h } from './ui.js';

export const DEFAULT_MINUTES = [5, 10, 15];
export const MIN_MINUTES = 1;
export const MAX_MINUTES = 180;
const DEFAULT_TYPE = 'community_health_centre';
const DEFAULT_STATUSES = ['existing'];
const METHODS = ['network', 'radius'];
const MERGES = ['none', 'dissolve'];

/** Modes with a vehicle, which needs time to set off (turnout) before it travels. */
const VEHICLE_MODES = ['drive', 'ambulance'];

/**
 * Request fields the server may name in a problem's `rejected` items, each with an error slot in
 * the form. `points` has no input here; its messages go to the form-level box.
 */
const FIELDS = ['networkId', 'facilityIds', 'facilityFilter', 'mode', 'minutes', 'method',
  'radiusMeters', 'speedKmh', 'turnoutMinutes', 'merge'];

export class CoveragePanel {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./map.js').LayerRegistry} options.registry
   * @param {import('./catalogue.js').Catalogue} options.catalogue
   * @param {import('./facilities.js').FacilityLayer} options.facilities
   * @param {import('./networks.js').NetworkPanel} options.networks
   * @param {HTMLElement} options.container  the body of #coverage-section
   * @param {(id) => void} options.openFacility  shows a facility (from the unreachable list)
   */
  constructor({ map, registry, catalogue, facilities, networks, container, openFacility }) {
    this.map = map;
    this.catalogue = catalogue;
    this.facilities = facilities;
    this.networks = networks;
    this.openFacility = openFacility;
    this.minutes = [...DEFAULT_MINUTES];
    this.types = new Set([catalogue.typeByCode.has(DEFAULT_TYPE) ? DEFAULT_TYPE : catalogue.types[0]?.code].filter(Boolean));
    this.statuses = new Set(DEFAULT_STATUSES);
    /** Facility ids (strings) picked on the map. */
    this.picked = new Set();
    /** {request, compare, sets: [{method, style, collection}]} of the last success, or null. */
    this.result = null;
    /** {cancelled: true} or {error} of the last run that did not succeed, or null. */
    this.outcome = null;

    this.form = this.buildForm();
    this.errors = new FieldErrors({
      form: this.form, fields: FIELDS, box: this.formError, inputFor: (field) => this.inputFor(field),
    });
    container.replaceChildren(this.form);
    this.layer = new CoverageLayer({ map, registry, legend: this.legend });

    facilities.addPopupSection((facility) => this.popupPick(facility));
    facilities.onMarkerShiftClick((facility) => this.setPicked(facility.id, !this.picked.has(String(facility.id))));
    facilities.onFilterChange(() => this.onFacilitiesChanged());
    networks.onChange((list) => this.fillNetworks(list));
    onLanguageChange(() => this.retranslate());

    this.renderTypes();
    this.renderStatuses();
    this.renderChips();
    this.fillNetworks(networks.networks);
    this.updatePickedCount();
    this.updateMatchCount();
    this.updateVisibility();
    this.renderResult();
  }

  /* ------------------------------------------------------------ form */

  buildForm() {
    const label = (forId, key, attrs = {}) => h('label', { for: forId, dataset: { i18n: key }, ...attrs }, t(key));
    const option = (value, key) => h('option', { value, dataset: { i18n: key } }, t(key));
    const errorSlot = (field) => h('div', {
      class: 'field-error', id: `coverage-${field}-error`, dataset: { errorFor: field }, 'aria-live': 'polite',
    });
    const hint = (key, attrs = {}) => h('div', { class: 'field-hint', dataset: { i18n: key }, ...attrs }, t(key));
    const field = (name, ...children) => h('div', { class: 'form-field', dataset: { field: name } }, ...children);

    this.networkSelect = h('select', {
      id: 'coverage-network', name: 'networkId', 'aria-describedby': 'coverage-networkId-error',
      on: { change: () => this.updateVisibility() },
    });
    this.noNetworkHint = hint('coverage.noNetworks', { id: 'coverage-network-hint', hidden: true });

    const sourceRadio = (value) => h('input', {
      type: 'radio', name: 'source', value, id: `coverage-source-${value}`, checked: value === 'filter',
      on: { change: () => this.updateVisibility() },
    });
    this.pickedLabel = h('span', {});
    this.typesBox = h('div', {
      id: 'coverage-types', class: 'check-list', role: 'group', 'aria-labelledby': 'coverage-types-label',
      'aria-describedby': 'coverage-facilityFilter-error',
    });
    this.statusBox = h('div', {
      id: 'coverage-statuses', class: 'check-row', role: 'group', 'aria-labelledby': 'coverage-statuses-label',
    });
    this.matchCount = h('div', { class: 'field-hint', id: 'coverage-match-count' });
    this.filterPart = h('div', { class: 'coverage-source-part', id: 'coverage-filter-part' },
      h('div', { class: 'field-caption', id: 'coverage-types-label', dataset: { i18n: 'coverage.field.types' } }, t('coverage.field.types')),
      this.typesBox,
      h('div', { class: 'field-caption', id: 'coverage-statuses-label', dataset: { i18n: 'coverage.field.statuses' } }, t('coverage.field.statuses')),
      this.statusBox,
      this.matchCount,
      errorSlot('facilityFilter'));
    this.pickedPart = h('div', { class: 'coverage-source-part', id: 'coverage-picked-part', hidden: true },
      hint('coverage.pickHint'),
      h('div', { class: 'input-row' },
        h('span', { class: 'field-hint', id: 'coverage-picked-count' }),
        h('button', {
          type: 'button', class: 'btn btn-small', id: 'coverage-picked-clear', dataset: { i18n: 'coverage.clearPicked' },
          on: { click: () => this.clearPicked() },
        }, t('coverage.clearPicked'))),
      errorSlot('facilityIds'));

    this.modeSelect = h('select', {
      id: 'coverage-mode', name: 'mode', 'aria-describedby': 'coverage-mode-error',
      on: { change: () => this.updateVisibility() },
    }, MODES.map((mode) => option(mode, `mode.${mode}`)));
    this.methodSelect = h('select', {
      id: 'coverage-method', name: 'method', 'aria-describedby': 'coverage-method-error',
      on: { change: () => this.updateVisibility() },
    }, METHODS.map((method) => option(method, `coverage.method.${method}`)));

    this.chipList = h('span', { class: 'chip-list' });
    this.minutesInput = h('input', {
      id: 'coverage-minutes-input', name: 'minutesInput', type: 'number', min: String(MIN_MINUTES), max: String(MAX_MINUTES),
      step: '1', inputmode: 'numeric', class: 'chip-input', 'aria-describedby': 'coverage-minutes-error',
      dataset: { i18nAriaLabel: 'coverage.minutesAdd', i18nPlaceholder: 'coverage.minutesPlaceholder' },
      'aria-label': t('coverage.minutesAdd'), placeholder: t('coverage.minutesPlaceholder'),
      on: {
        keydown: (event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            this.addMinutesFromInput();
          }
        },
      },
    });
    const minutesBox = h('div', { id: 'coverage-minutes', class: 'chips', role: 'group', 'aria-labelledby': 'coverage-minutes-label' },
      this.chipList,
      h('span', { class: 'chip-adder' }, this.minutesInput, h('button', {
        type: 'button', class: 'btn btn-small', id: 'coverage-minutes-add',
        dataset: { i18nAriaLabel: 'coverage.minutesAdd', i18nTitle: 'coverage.minutesAdd' },
        'aria-label': t('coverage.minutesAdd'), title: t('coverage.minutesAdd'),
        on: { click: () => this.addMinutesFromInput() },
      }, '+')));

    const numberInput = (id, name, attrs) => h('input', {
      id, name, type: 'number', inputmode: 'decimal', 'aria-describedby': `coverage-${name}-error`, ...attrs,
    });
    this.radiusInput = numberInput('coverage-radius', 'radiusMeters', { min: '1', step: 'any', placeholder: '800' });
    this.speedInput = numberInput('coverage-speed', 'speedKmh', {
      min: '0.1', step: 'any', dataset: { i18nPlaceholder: 'coverage.speedPlaceholder' }, placeholder: t('coverage.speedPlaceholder'),
    });
    this.radiusPart = h('div', { class: 'form-grid form-field--wide', id: 'coverage-radius-fields' },
      field('radiusMeters', label('coverage-radius', 'coverage.field.radius'), this.radiusInput, errorSlot('radiusMeters')),
      field('speedKmh', label('coverage-speed', 'coverage.field.speed'), this.speedInput, errorSlot('speedKmh')),
      hint('coverage.radiusHint', { class: 'field-hint form-field--wide' }));

    this.turnoutInput = numberInput('coverage-turnout', 'turnoutMinutes', { min: '0', step: 'any', value: '0' });
    this.turnoutPart = h('div', { class: 'form-field', id: 'coverage-turnout-field', dataset: { field: 'turnoutMinutes' } },
      label('coverage-turnout', 'coverage.field.turnout'), this.turnoutInput, errorSlot('turnoutMinutes'));
    this.turnoutHint = hint('coverage.turnoutHint', { class: 'field-hint form-field--wide', id: 'coverage-turnout-hint' });

    this.mergeSelect = h('select', { id: 'coverage-merge', name: 'merge', 'aria-describedby': 'coverage-merge-error' },
      MERGES.map((merge) => option(merge, `coverage.merge.${merge}`)));
    this.compareBox = h('input', {
      type: 'checkbox', id: 'coverage-compare', name: 'compare', on: { change: () => this.updateVisibility() },
    });

    this.runButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'coverage-run', dataset: { i18n: 'coverage.run' } }, t('coverage.run'));
    this.formError = h('div', { class: 'form-error', id: 'coverage-form-error', role: 'alert', hidden: true });
    this.progressSlot = h('div', { id: 'coverage-progress-slot' });
    this.runner = new JobRunner({ id: 'coverage-progress', slot: this.progressSlot });

    this.legend = h('div', { id: 'coverage-legend', class: 'coverage-legend', hidden: true });
    this.summary = h('p', { id: 'coverage-summary', class: 'coverage-summary' });
    this.compareTable = h('div', { id: 'coverage-compare-part' });
    this.unreachable = h('div', { id: 'coverage-unreachable', class: 'coverage-unreachable', hidden: true });
    this.exportLinks = h('div', { class: 'export-row coverage-actions' });
    this.resultBox = h('div', { id: 'coverage-result', class: 'coverage-result', 'aria-live': 'polite' },
      this.summary, this.legend, this.compareTable, this.unreachable, this.exportLinks);

    return h('form', {
      id: 'coverage-form',
      class: 'coverage-form',
      novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.computeFromForm(); } },
    },
    h('div', { class: 'form-grid' },
      h('div', { class: 'form-field form-field--wide', dataset: { field: 'networkId' } },
        label('coverage-network', 'coverage.field.network'), this.networkSelect, this.noNetworkHint, errorSlot('networkId')),
      h('fieldset', { class: 'form-field form-field--wide plain-fieldset', id: 'coverage-source' },
        h('legend', { dataset: { i18n: 'coverage.field.facilities' } }, t('coverage.field.facilities')),
        h('label', { class: 'radio-option' }, sourceRadio('filter'),
          h('span', { dataset: { i18n: 'coverage.sourceFilter' } }, t('coverage.sourceFilter'))),
        this.filterPart,
        h('label', { class: 'radio-option' }, sourceRadio('picked'), this.pickedLabel),
        this.pickedPart),
      field('mode', label('coverage-mode', 'coverage.field.mode'), this.modeSelect, errorSlot('mode')),
      field('method', label('coverage-method', 'coverage.field.method'), this.methodSelect, errorSlot('method')),
      h('div', { class: 'form-field form-field--wide', dataset: { field: 'minutes' } },
        h('label', { for: 'coverage-minutes-input', id: 'coverage-minutes-label', dataset: { i18n: 'coverage.field.minutes' } }, t('coverage.field.minutes')),
        minutesBox,
        errorSlot('minutes')),
      this.radiusPart,
      this.turnoutPart,
      field('merge', label('coverage-merge', 'coverage.field.merge'), this.mergeSelect, errorSlot('merge')),
      this.turnoutHint,
      h('div', { class: 'form-field form-field--wide' },
        h('label', { class: 'check-option' }, this.compareBox,
          h('span', { dataset: { i18n: 'coverage.compare' } }, t('coverage.compare'))),
        hint('coverage.compareHint'))),
    this.formError,
    h('div', { class: 'form-actions form-actions--tight' }, this.runButton),
    this.progressSlot,
    this.resultBox);
  }

  /** Shows the parts of the form that apply to the chosen source, mode and method. */
  updateVisibility() {
    const source = this.form.elements.source.value;
    const compare = this.compareBox.checked;
    const method = compare ? 'network' : this.methodSelect.value;
    const vehicle = VEHICLE_MODES.includes(this.modeSelect.value);
    this.filterPart.hidden = source !== 'filter';
    this.pickedPart.hidden = source !== 'picked';
    this.radiusPart.hidden = !(compare || method === 'radius');
    this.turnoutPart.hidden = !vehicle;
    this.turnoutHint.hidden = !vehicle;
    // comparing runs both methods, so the single choice does not apply
    this.methodSelect.disabled = compare;
    this.noNetworkHint.hidden = this.networks.networks.length > 0;
    this.form.classList.toggle('coverage-form--network', method === 'network');
  }

  fillNetworks(networks) {
    fillNetworkSelect(this.networkSelect, networks);
    this.updateVisibility();
  }

  renderTypes() {
    // a type without facilities would add nothing to the zones, so only the types in the data
    // are offered
    this.typesBox.replaceChildren(...typeCheckboxes({
      catalogue: this.catalogue,
      counts: typeCounts(this.facilities),
      selected: this.types,
      name: 'coverage-type',
      onToggle: (code, checked) => this.toggleIn(this.types, code, checked),
    }));
  }

  renderStatuses() {
    this.statusBox.replaceChildren(...STATUSES.map((status) => h('label', { class: 'check-option' },
      h('input', {
        type: 'checkbox',
        name: 'coverage-status',
        value: status,
        checked: this.statuses.has(status),
        on: { change: (event) => this.toggleIn(this.statuses, status, event.target.checked) },
      }),
      h('span', {}, statusLabel(status)))));
  }

  toggleIn(set, value, on) {
    if (on) {
      set.add(value);
    } else {
      set.delete(value);
    }
    this.updateMatchCount();
  }

  /** The facilities the type/status filter selects, counted in the browser's copy of the data. */
  matchingCount() {
    let count = 0;
    this.facilities.features.forEach((feature) => {
      const facility = facilityOf(feature);
      if (this.types.has(facility.type) && this.statuses.has(facility.status)) {
        count += 1;
      }
    });
    return count;
  }

  updateMatchCount() {
    this.matchCount.textContent = t('coverage.matching', { count: this.matchingCount() });
  }

  /* ------------------------------------------------------------ minutes chips */

  renderChips() {
    this.chipList.replaceChildren(...this.minutes.map((minutes) => h('span', { class: 'chip', dataset: { minutes: String(minutes) } },
      h('button', {
        type: 'button',
        class: 'chip-label',
        title: t('coverage.minutesEdit'),
        on: { click: () => this.editMinutes(minutes) },
      }, t('coverage.minutesChip', { minutes })),
      h('button', {
        type: 'button',
        class: 'chip-remove',
        'aria-label': t('coverage.minutesRemove', { minutes }),
        title: t('coverage.minutesRemove', { minutes }),
        on: { click: () => this.removeMinutes(minutes) },
      }, '×'))));
    this.minutesInput.disabled = this.minutes.length >= MAX_BANDS;
  }

  /**
   * Adds the minutes typed in the input as a chip. Returns true when added or nothing was typed,
   * false (with the reason at the field) when the value is refused.
   */
  addMinutesFromInput() {
    const raw = this.minutesInput.value.trim();
    if (!raw && !this.minutesInput.validity.badInput) {
      return true;
    }
    const value = Number(raw);
    let problem = null;
    if (!/^\d+$/.test(raw) || value < MIN_MINUTES || value > MAX_MINUTES) {
      problem = t('coverage.minutesRange', { min: MIN_MINUTES, max: MAX_MINUTES });
    } else if (this.minutes.includes(value)) {
      problem = t('coverage.minutesDuplicate', { minutes: value });
    } else if (this.minutes.length >= MAX_BANDS) {
      problem = t('coverage.minutesMax', { max: MAX_BANDS });
    }
    this.errors.set('minutes', problem);
    if (problem) {
      this.minutesInput.focus();
      return false;
    }
    this.minutes = [...this.minutes, value].sort((a, b) => a - b);
    this.minutesInput.value = '';
    this.renderChips();
    this.minutesInput.focus();
    return true;
  }

  removeMinutes(minutes) {
    this.minutes = this.minutes.filter((value) => value !== minutes);
    this.renderChips();
    this.minutesInput.focus();
  }

  /** Takes a chip back into the input for editing. */
  editMinutes(minutes) {
    this.removeMinutes(minutes);
    this.minutesInput.value = String(minutes);
    this.minutesInput.select();
  }

  /* ------------------------------------------------------------ picking facilities */

  popupPick(facility) {
    return h('label', { class: 'popup-pick check-option' },
      h('input', {
        type: 'checkbox',
        id: 'popup-pick',
        checked: this.picked.has(String(facility.id)),
        on: { change: (event) => this.setPicked(facility.id, event.target.checked) },
      }),
      h('span', {}, t('coverage.include')));
  }

  /** Picks (or unpicks) facility id for "facilities picked on the map". */
  setPicked(id, picked) {
    const before = this.picked.size;
    if (picked) {
      this.picked.add(String(id));
    } else {
      this.picked.delete(String(id));
    }
    this.pickedChanged(before);
  }

  /** Replaces the picked facilities (test hook and "Clear"). */
  setPickedIds(ids) {
    const before = this.picked.size;
    this.picked = new Set([...ids].map(String));
    this.pickedChanged(before);
  }

  clearPicked() {
    this.setPickedIds([]);
  }

  pickedChanged(before) {
    this.facilities.setPicked(this.picked);
    // the first pick shows what the planner is after: switch the source to the picked facilities
    if (before === 0 && this.picked.size > 0) {
      this.form.elements.source.value = 'picked';
      this.updateVisibility();
    }
    this.updatePickedCount();
  }

  updatePickedCount() {
    this.pickedLabel.textContent = t('coverage.sourcePicked', { count: this.picked.size });
    this.form.querySelector('#coverage-picked-count').textContent = t('coverage.pickedCount', { count: this.picked.size });
    document.body.dataset.coveragePicked = String(this.picked.size);
  }

  onFacilitiesChanged() {
    // a deleted facility can no longer be picked
    const known = new Set([...this.facilities.features.keys()].map(String));
    const kept = [...this.picked].filter((id) => known.has(id));
    if (kept.length !== this.picked.size) {
      this.setPickedIds(kept);
    }
    this.renderTypes();
    this.updateMatchCount();
  }

  /* ------------------------------------------------------------ request */

  /**
   * Reads the form. Returns {request, compare} or {errors: {field: message}} with the fields
   * named as in the request.
   */
  readForm() {
    const errors = {};
    const compare = this.compareBox.checked;
    const method = compare ? 'network' : this.methodSelect.value;
    const mode = this.modeSelect.value;
    const network = this.networks.get(this.networkSelect.value);
    if (method === 'network' && !network) {
      errors.networkId = t('coverage.networkRequired');
    }
    const profiles = Array.isArray(network?.profiles) ? network.profiles : [];
    if (method === 'network' && network && profiles.length && !profiles.includes(mode)) {
      errors.mode = t('coverage.profileMissing', {
        name: network.name || `#${network.id}`, profiles: profiles.map(modeLabel).join(t('common.listSeparator')),
      });
    }

    const request = {};
    if (network) {
      request.networkId = network.id;
    }
    if (this.form.elements.source.value === 'picked') {
      if (!this.picked.size) {
        errors.facilityIds = t('coverage.pickNone');
      }
      request.facilityIds = [...this.picked].map((id) => (/^\d+$/.test(id) ? Number(id) : id));
    } else {
      if (!this.types.size) {
        errors.facilityFilter = t('coverage.chooseType');
      } else if (!this.statuses.size) {
        errors.facilityFilter = t('coverage.chooseStatus');
      } else if (this.matchingCount() === 0) {
        errors.facilityFilter = t('coverage.noMatch');
      }
      request.facilityFilter = {
        types: this.catalogue.types.map((type) => type.code).filter((code) => this.types.has(code)),
        statuses: STATUSES.filter((status) => this.statuses.has(status)),
      };
    }
    request.mode = mode;

    // a value typed but not yet added as a chip counts too
    if (!this.addMinutesFromInput()) {
      errors.minutes = this.errors.text('minutes');
    } else if (!this.minutes.length) {
      errors.minutes = t('coverage.minutesRequired');
    }
    request.minutes = [...this.minutes];
    request.method = method;

    if (compare || method === 'radius') {
      const radius = readPositive(this.radiusInput);
      const speed = readPositive(this.speedInput);
      if (radius === false) {
        errors.radiusMeters = t('coverage.positive');
      } else if (radius !== null) {
        request.radiusMeters = radius;
      }
      if (speed === false) {
        errors.speedKmh = t('coverage.positive');
      } else if (speed !== null) {
        request.speedKmh = speed;
      }
    }
    let turnout = 0;
    if (VEHICLE_MODES.includes(mode)) {
      const raw = this.turnoutInput.value.trim();
      turnout = raw === '' ? 0 : Number(raw);
      if (this.turnoutInput.validity.badInput || !Number.isFinite(turnout) || turnout < 0) {
        errors.turnoutMinutes = t('coverage.turnoutRange');
      }
    }
    request.turnoutMinutes = turnout;
    request.merge = this.mergeSelect.value;
    return Object.keys(errors).length ? { errors } : { request, compare };
  }

  async computeFromForm() {
    if (this.runner.running) {
      return;
    }
    const { request, compare, errors } = this.readForm();
    if (errors) {
      this.showErrors(errors);
      return;
    }
    try {
      await this.compute(request, { compare });
    } catch {
      // shown in the form already
    }
  }

  /* ------------------------------------------------------------ computing */

  /**
   * Computes coverage zones for request (see the module comment) and draws them; with compare,
   * computes it with both methods. Resolves with the main zone set (the road-network one when
   * comparing); rejects with the error (ApiError, JobFailedError, JobCancelledError) after
   * showing it in the form.
   */
  async compute(request, { compare = false } = {}) {
    if (this.runner.running) {
      throw new Error('A coverage computation is already running');
    }
    this.showErrors({});
    this.outcome = null;
    this.result = null;
    this.layer.clear();
    this.renderResult();
    const body = document.body.dataset;
    delete body.coverageZones;
    delete body.coverageCompareZones;
    delete body.coverageError;
    body.coverageState = 'running';
    this.runButton.disabled = true;
    this.form.setAttribute('aria-busy', 'true');

    const methods = compare ? ['network', 'radius'] : [request.method];
    const label = t(compare ? 'coverage.computingBoth' : 'coverage.computing');
    try {
      // both jobs of a comparison share the bar; when one fails, the runner cancels the other
      const collections = await this.runner.run(async (step) => {
        const sets = await Promise.all(methods.map(async (method) => {
          // no signal on the POST: a job the server has accepted is cancelled through the runner
          const result = await step.follow(await startCoverageJob({ ...request, method }));
          const zoneSetId = result?.zoneSetId;
          if (zoneSetId === undefined || zoneSetId === null) {
            throw new Error(t('coverage.noResult'));
          }
          return fetchCoverageZones(zoneSetId);
        }));
        step.progress(1, t('coverage.drawing'));
        return sets;
      }, { label, scroll: true });
      const sets = collections.map((collection, index) => ({
        method: methods[index],
        style: index === 0 ? 'filled' : 'outline',
        collection,
      }));
      this.result = { request, compare, sets };
      this.layer.show(sets);
      const bounds = this.layer.bounds();
      if (bounds) {
        this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
      }
      const counts = this.layer.counts();
      body.coverageZones = String(this.layer.count());
      if (compare) {
        body.coverageCompareZones = String(counts.radius ?? 0);
      }
      body.coverageState = 'succeeded';
      this.renderResult();
      this.resultBox.scrollIntoView({ block: 'nearest' });
      return collections[0];
    } catch (error) {
      if (error.cancelled) {
        this.outcome = { cancelled: true };
        body.coverageState = 'cancelled';
      } else {
        this.outcome = { error };
        body.coverageState = 'failed';
        body.coverageError = String(error.status ?? 0);
        this.errors.showServer(error, t('coverage.failed'));
      }
      throw error;
    } finally {
      this.runButton.disabled = false;
      this.form.removeAttribute('aria-busy');
      this.renderResult();
    }
  }

  cancel() {
    this.runner.cancel();
  }

  clearResult() {
    this.result = null;
    this.outcome = null;
    this.layer.clear();
    delete document.body.dataset.coverageZones;
    delete document.body.dataset.coverageCompareZones;
    delete document.body.dataset.coverageState;
    this.renderResult();
  }

  /* ------------------------------------------------------------ errors */

  inputFor(field) {
    return {
      networkId: this.networkSelect,
      facilityFilter: this.typesBox,
      facilityIds: this.pickedPart,
      mode: this.modeSelect,
      minutes: this.minutesInput,
      method: this.methodSelect,
      radiusMeters: this.radiusInput,
      speedKmh: this.speedInput,
      turnoutMinutes: this.turnoutInput,
      merge: this.mergeSelect,
    }[field] || null;
  }

  /** Shows {field: message} next to the fields (clearing the others) and formMessage on top. */
  showErrors(fieldErrors, formMessage) {
    this.errors.show(fieldErrors, formMessage);
  }

  /* ------------------------------------------------------------ result */

  renderResult() {
    const target = this.resultBox;
    delete target.dataset.outcome;
    this.summary.replaceChildren();
    this.compareTable.replaceChildren();
    this.unreachable.replaceChildren();
    this.unreachable.hidden = true;
    this.unreachable.dataset.count = '0';
    this.exportLinks.replaceChildren();
    if (this.outcome?.cancelled) {
      target.dataset.outcome = 'cancelled';
      this.summary.append(h('span', { class: 'result result--info' }, t('coverage.cancelled')));
      return;
    }
    if (this.outcome?.error) {
      target.dataset.outcome = 'failed';
      return;
    }
    if (!this.result) {
      return;
    }
    target.dataset.outcome = 'success';
    const { sets, request } = this.result;
    const main = sets[0].collection;
    const parameters = { ...request, ...(main.parameters || {}) };
    const features = main.features || [];
    const facilityCount = new Set(features.map((f) => f.properties?.facilityId).filter((id) => id !== null && id !== undefined)).size;
    const method = t(`coverage.method.${sets.length > 1 ? 'network' : sets[0].method}`);
    this.summary.textContent = parameters.merge === 'dissolve'
      ? t('coverage.summaryDissolved', { zones: features.length, mode: modeLabel(parameters.mode), method })
      : t('coverage.summary', { zones: features.length, facilities: facilityCount, mode: modeLabel(parameters.mode), method });
    if (parameters.turnoutMinutes > 0) {
      this.summary.append(h('span', { class: 'coverage-summary-note' }, t('coverage.turnoutNote', { minutes: parameters.turnoutMinutes })));
    }
    if (sets.length > 1) {
      this.compareTable.append(this.renderComparison(sets));
    }
    this.renderUnreachable(sets);
    this.exportLinks.append(h('span', { class: 'export-label' }, t('export.label')));
    sets.forEach((set, index) => {
      const zoneSetId = set.collection.zoneSetId;
      if (zoneSetId === undefined || zoneSetId === null) {
        return;
      }
      const key = sets.length > 1 ? `coverage.export.${set.method}` : 'export.geojson';
      this.exportLinks.append(h('a', {
        class: 'btn btn-small',
        id: index === 0 ? 'coverage-export' : `coverage-export-${set.method}`,
        href: coverageExportUrl(zoneSetId),
        download: `coverage-zones-${zoneSetId}.geojson`,
        dataset: { zoneSetId: String(zoneSetId) },
      }, t(key)));
    });
    this.exportLinks.append(h('button', {
      type: 'button', class: 'btn btn-small btn-quiet', id: 'coverage-clear', on: { click: () => this.clearResult() },
    }, t('coverage.clear')));
  }

  /** Areas per band for both methods, and the share of the circle the roads actually reach. */
  renderComparison(sets) {
    const areaByBand = (collection) => {
      const areas = new Map();
      (collection.features || []).forEach((feature) => {
        const minutes = feature.properties?.minutes;
        const area = feature.properties?.areaSquareMeters;
        if (Number.isFinite(minutes) && Number.isFinite(area)) {
          areas.set(minutes, (areas.get(minutes) || 0) + area);
        }
      });
      return areas;
    };
    const [network, radius] = sets.map((set) => areaByBand(set.collection));
    const bands = [...new Set([...network.keys(), ...radius.keys()])].sort((a, b) => a - b);
    const cell = (value) => h('td', { class: 'num' }, Number.isFinite(value) ? formatArea(value) : t('common.none'));
    return h('div', {},
      h('table', { class: 'data-table compare-table', id: 'coverage-compare-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('coverage.col.minutes')),
          h('th', { scope: 'col', class: 'num' }, t('coverage.col.network')),
          h('th', { scope: 'col', class: 'num' }, t('coverage.col.radius')),
          h('th', { scope: 'col', class: 'num' }, t('coverage.col.share')))),
        h('tbody', {}, bands.map((minutes) => {
          const a = network.get(minutes);
          const b = radius.get(minutes);
          return h('tr', { dataset: { minutes: String(minutes) } },
            h('td', { class: 'nowrap' }, t('coverage.legendBand', { minutes })),
            cell(a),
            cell(b),
            h('td', { class: 'num' }, Number.isFinite(a) && b > 0 ? formatNumber(a / b, { style: 'percent' }) : t('common.none')));
        }))),
      h('div', { class: 'field-hint' }, t('coverage.compareNote')));
  }

  renderUnreachable(sets) {
    const seen = new Set();
    const items = sets.flatMap((set) => set.collection.unreachable || []).filter((item) => {
      const key = `${item.facilityId}|${item.pointIndex}|${item.message}`;
      return seen.has(key) ? false : seen.add(key);
    });
    this.unreachable.dataset.count = String(items.length);
    this.unreachable.hidden = items.length === 0;
    if (!items.length) {
      return;
    }
    this.unreachable.append(
      h('div', { class: 'subheading' }, t('coverage.unreachable', { count: items.length })),
      h('ul', { class: 'unreachable-list' }, items.map((item) => {
        const known = item.facilityId !== null && item.facilityId !== undefined ? this.facilities.get(item.facilityId) : null;
        const name = item.facilityName || known?.name
          || (Number.isFinite(item.pointIndex) ? t('coverage.point', { index: item.pointIndex + 1 }) : `#${item.facilityId}`);
        return h('li', { dataset: { facilityId: String(item.facilityId ?? '') } },
          known
            ? h('button', { type: 'button', class: 'link-button', on: { click: () => this.openFacility(item.facilityId) } }, name)
            : h('strong', {}, name),
          h('div', { class: 'unreachable-message' }, item.message || ''));
      })),
    );
  }

  retranslate() {
    this.renderTypes();
    this.renderStatuses();
    this.renderChips();
    this.updatePickedCount();
    this.updateMatchCount();
    this.renderResult();
  }
}

/** A positive number from an optional input: the number, null when empty, false when invalid. */
function readPositive(input) {
  const raw = input.value.trim();
  if (raw === '' && !input.validity.badInput) {
    return null;
  }
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 && raw !== '' ? value : false;
}
