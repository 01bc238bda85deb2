/**
 * Siting of new stations (#siting-section): where to put p new emergency stations so that as many
 * residents as possible are reached within the response-time standard (or, with the other
 * models, the fewest stations for a target, the shortest mean or worst time), on a road network
 * and the stored population, with the open stations kept. One server job, followed by the page's
 * JobRunner (jobs.js), computes it; the answer is shown as numbered sites on the map
 * (sitingLayer.js), coverage before and after, the curve "coverage against number of stations",
 * and can be saved as a scenario of planned facilities (scenarios.js: save, show, export, delete).
 *
 * The request (POST /api/siting/jobs), as readForm() makes it:
 *   networkId        the road network
 *   model            mclp (maximal covering) | lscp (set covering) | pmedian | pcenter
 *   p                new stations (not lscp)
 *   targetShare      lscp only: share of the coverable residents to cover, 0..1 (the form asks for %)
 *   mode             ambulance | drive | walk
 *   minutes          the response-time standard, turnout included
 *   turnoutMinutes   call to departure; 0 for walking
 *   candidateGrid    {spacingMeters, excludedAreas?: GeoJSON Polygon | MultiPolygon drawn on the map}
 *   fixedFacilities  {types, statuses: ["existing"] (+ "planned")}; left out when no type is ticked
 *   solver           auto | heuristic | exact;  timeLimitSeconds
 *   curveMaxP        models with p: also the curve p = 1 .. curveMaxP
 *
 * The answer (the job's result) is described in the project README and SitingAnswer.java; this
 * module reads status, objective, bound, gap, seconds, message, resultId, curve and network
 * {candidates, demand, leftOutFixedSites, sites, candidatePoints, before, after}.
 *
 * Test hooks: see README.md in this folder, section "Siting".
 */
import { startSitingJob } from './api.js';
import { facilityOf } from './facilities.js';
import { FieldErrors, fillNetworkSelect, typeCheckboxes, typeCounts } from './formParts.js';
import { formatNumber, onLanguageChange, t } from './i18n.js';
import { JobRunner } from './jobs.js';
import { MODES } from './networks.js';
import { beforeAfterTable, ScenarioPanel } from './scenarios.js';
import { ExcludedAreaDrawer, SitingLayer } from './sitingLayer.js';
import { h, onEscape } from './ui.js';

export const MODELS = ['mclp', 'lscp', 'pmedian', 'pcenter'];
const SOLVERS = ['auto', 'heuristic', 'exact'];
/** Siting modes in the order offered: emergency planning first. */
const SITING_MODES = ['ambulance', 'drive', 'walk'].filter((mode) => MODES.includes(mode));
const VEHICLE_MODES = ['drive', 'ambulance'];

/** Models that place a given number p of new stations (LSCP finds the number itself). */
const MODELS_WITH_P = ['mclp', 'pmedian', 'pcenter'];
/** Where candidates come from: a lattice on the roads, or registry facilities with status candidate. */
const CANDIDATE_SOURCES = ['grid', 'facilities'];

export const DEFAULTS = {
  model: 'mclp',
  p: 18,
  targetSharePercent: 100,
  mode: 'ambulance',
  minutes: 12,
  turnoutMinutes: 0,
  spacingMeters: 500,
  fixedType: 'emergency_station',
  solver: 'auto',
  timeLimitSeconds: 30,
};

/**
 * Request fields the server may name in a problem's `rejected` items, each with an error slot in
 * the siting form. Others (population, maxP, body) go to #siting-form-error.
 */
const FIELDS = ['networkId', 'model', 'p', 'targetShare', 'backup', 'mode', 'minutes', 'turnoutMinutes',
  'candidates', 'candidateFacilities', 'candidateGrid.spacingMeters', 'candidateGrid.excludedAreas', 'fixedFacilities.types', 'solver',
  'timeLimitSeconds', 'curveMaxP'];

/** The MCLP curve's guide lines: coverage targets planners commonly set, in %. */
const CURVE_GUIDES = [90, 95];

export class SitingPanel {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./map.js').LayerRegistry} options.registry
   * @param {import('./catalogue.js').Catalogue} options.catalogue
   * @param {import('./facilities.js').FacilityLayer} options.facilities
   * @param {import('./networks.js').NetworkPanel} options.networks
   * @param {HTMLElement} options.container  the body of #siting-section
   * @param {() => Promise} options.refreshFacilities  reloads the facility markers (after a save or delete)
   */
  constructor({ map, registry, catalogue, facilities, networks, container, refreshFacilities }) {
    this.map = map;
    this.catalogue = catalogue;
    this.facilities = facilities;
    this.networks = networks;
    this.fixedTypes = new Set([DEFAULTS.fixedType]);
    /** {request, answer} of the last successful run, or null. */
    this.result = null;
    /** {cancelled: true} or {error} of the last run that did not succeed, or null. */
    this.outcome = null;
    this.curveTouched = false;
    this.stopEscape = null;

    this.layer = new SitingLayer({ map, registry });
    this.drawer = new ExcludedAreaDrawer({ map, onChange: () => this.renderExcluded() });
    this.form = this.buildForm();
    this.formErrors = new FieldErrors({
      form: this.form, fields: FIELDS, box: this.formError, inputFor: (field) => inputIn(this.form, field),
    });
    this.scenarioPanel = new ScenarioPanel({ map, catalogue, refreshFacilities });
    container.replaceChildren(this.form, this.scenarioPanel.element);

    facilities.onFilterChange(() => this.renderFixedTypes());
    networks.onChange((list) => this.fillNetworks(list));
    onLanguageChange(() => this.retranslate());

    this.fillNetworks(networks.networks);
    this.renderFixedTypes();
    this.renderExcluded();
    this.updateVisibility();
    this.renderResult();
  }

  /* ------------------------------------------------------------ form */

  buildForm() {
    const label = (forId, key) => h('label', { for: forId, dataset: { i18n: key } }, t(key));
    const option = (value, key) => h('option', { value, dataset: { i18n: key } }, t(key));
    const errorSlot = (field) => h('div', {
      class: 'field-error', id: `siting-${slotId(field)}-error`, dataset: { errorFor: field }, 'aria-live': 'polite',
    });
    const hint = (key, attrs = {}) => h('div', { class: 'field-hint', dataset: { i18n: key }, ...attrs }, t(key));
    const field = (name, attrs, ...children) => h('div', { class: 'form-field', dataset: { field: name }, ...attrs }, ...children);
    const numberInput = (id, name, value, attrs = {}) => h('input', {
      id, name, type: 'number', inputmode: 'decimal', value: String(value),
      'aria-describedby': `siting-${slotId(name)}-error`, ...attrs,
    });

    this.networkSelect = h('select', { id: 'siting-network', name: 'networkId', 'aria-describedby': 'siting-networkId-error' });
    this.noNetworkHint = hint('siting.noNetworks', { id: 'siting-network-hint', hidden: true });
    this.modelSelect = h('select', {
      id: 'siting-model', name: 'model', 'aria-describedby': 'siting-model-error',
      on: { change: () => this.updateVisibility() },
    }, MODELS.map((model) => option(model, `siting.model.${model}`)));
    this.modelHint = h('div', { class: 'field-hint', id: 'siting-model-hint' });

    this.pInput = numberInput('siting-p', 'p', DEFAULTS.p, {
      min: '1', step: '1', inputmode: 'numeric',
      on: { input: () => this.followP() },
    });
    this.targetInput = numberInput('siting-target-share', 'targetShare', DEFAULTS.targetSharePercent, { min: '1', max: '100', step: 'any' });
    this.pField = field('p', { id: 'siting-p-field' }, label('siting-p', 'siting.field.p'), this.pInput, errorSlot('p'));
    this.targetField = field('targetShare', { id: 'siting-target-field' },
      label('siting-target-share', 'siting.field.targetShare'), this.targetInput, errorSlot('targetShare'));
    // MCLP's second objective: among the answers covering the most people, cover the most twice
    this.backupBox = h('input', { type: 'checkbox', id: 'siting-backup', name: 'backup' });
    this.backupField = h('div', { class: 'form-field form-field--wide', id: 'siting-backup-field', dataset: { field: 'backup' } },
      h('label', { class: 'check-option' }, this.backupBox,
        h('span', { dataset: { i18n: 'siting.field.backup' } }, t('siting.field.backup'))),
      errorSlot('backup'));

    this.modeSelect = h('select', {
      id: 'siting-mode', name: 'mode', 'aria-describedby': 'siting-mode-error',
      on: { change: () => this.updateVisibility() },
    }, SITING_MODES.map((mode) => option(mode, `mode.${mode}`)));
    this.minutesInput = numberInput('siting-minutes', 'minutes', DEFAULTS.minutes, { min: '0.5', step: 'any' });
    this.turnoutInput = numberInput('siting-turnout', 'turnoutMinutes', DEFAULTS.turnoutMinutes, { min: '0', step: 'any' });
    this.turnoutField = field('turnoutMinutes', { id: 'siting-turnout-field' },
      label('siting-turnout', 'siting.field.turnout'), this.turnoutInput, errorSlot('turnoutMinutes'));

    this.candidateSourceSelect = h('select', {
      id: 'siting-candidate-source', name: 'candidateSource', 'aria-describedby': 'siting-candidates-error',
      on: { change: () => this.updateVisibility() },
    }, CANDIDATE_SOURCES.map((source) => option(source, `siting.candidateSource.${source}`)));
    this.spacingInput = numberInput('siting-spacing', 'candidateGrid.spacingMeters', DEFAULTS.spacingMeters, { min: '100', step: '50' });
    this.drawButton = h('button', {
      type: 'button', class: 'btn btn-small', id: 'siting-draw-excluded', 'aria-pressed': 'false',
      on: { click: () => this.toggleDrawing() },
    });
    this.finishButton = h('button', {
      type: 'button', class: 'btn btn-small btn-primary', id: 'siting-draw-finish', hidden: true,
      dataset: { i18n: 'siting.drawFinish' }, on: { click: () => this.drawer.finish() },
    }, t('siting.drawFinish'));
    this.clearAreasButton = h('button', {
      type: 'button', class: 'btn btn-small btn-quiet', id: 'siting-excluded-clear',
      dataset: { i18n: 'siting.drawClear' }, on: { click: () => this.drawer.clear() },
    }, t('siting.drawClear'));
    this.excludedCount = h('span', { class: 'field-hint', id: 'siting-excluded-count' });
    this.drawHint = hint('siting.drawHint', { id: 'siting-draw-hint', hidden: true });

    this.fixedTypesBox = h('div', {
      id: 'siting-fixed-types', class: 'check-list', role: 'group', 'aria-labelledby': 'siting-fixed-label',
      'aria-describedby': 'siting-fixedFacilities-types-error',
    });
    this.plannedBox = h('input', {
      type: 'checkbox', id: 'siting-count-planned', name: 'countPlanned', on: { change: () => this.updateFixedCount() },
    });
    this.fixedCount = h('div', { class: 'field-hint', id: 'siting-fixed-count' });

    this.solverSelect = h('select', { id: 'siting-solver', name: 'solver', 'aria-describedby': 'siting-solver-error' },
      SOLVERS.map((solver) => option(solver, `siting.solver.${solver}`)));
    this.timeLimitInput = numberInput('siting-time-limit', 'timeLimitSeconds', DEFAULTS.timeLimitSeconds, { min: '1', step: 'any' });
    this.curveInput = numberInput('siting-curve-max', 'curveMaxP', DEFAULTS.p, {
      min: '1', step: '1', inputmode: 'numeric', on: { input: () => { this.curveTouched = true; } },
    });
    this.curveField = field('curveMaxP', { id: 'siting-curve-field' },
      label('siting-curve-max', 'siting.field.curveMaxP'), this.curveInput, errorSlot('curveMaxP'));

    this.runButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'siting-run', dataset: { i18n: 'siting.run' } }, t('siting.run'));
    this.formError = h('div', { class: 'form-error', id: 'siting-form-error', role: 'alert', hidden: true });
    this.progressSlot = h('div', { id: 'siting-progress-slot' });
    this.resultBox = h('div', { id: 'siting-result', class: 'siting-result', 'aria-live': 'polite' });
    this.runner = new JobRunner({ id: 'siting-progress', slot: this.progressSlot });

    return h('form', {
      id: 'siting-form',
      class: 'siting-form',
      novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.runFromForm(); } },
    },
    h('div', { class: 'form-grid' },
      field('networkId', { class: 'form-field form-field--wide' },
        label('siting-network', 'siting.field.network'), this.networkSelect, this.noNetworkHint, errorSlot('networkId')),
      field('model', { class: 'form-field form-field--wide' },
        label('siting-model', 'siting.field.model'), this.modelSelect, this.modelHint, errorSlot('model')),
      this.pField,
      this.targetField,
      this.backupField,
      this.curveField,
      field('mode', {}, label('siting-mode', 'siting.field.mode'), this.modeSelect, errorSlot('mode')),
      field('minutes', {}, label('siting-minutes', 'siting.field.minutes'), this.minutesInput, errorSlot('minutes')),
      this.turnoutField,
      field('candidates', { class: 'form-field form-field--wide' },
        label('siting-candidate-source', 'siting.field.candidateSource'), this.candidateSourceSelect,
        errorSlot('candidates'), errorSlot('candidateFacilities')),
      this.spacingField = field('candidateGrid.spacingMeters', {}, label('siting-spacing', 'siting.field.spacing'),
        this.spacingInput, errorSlot('candidateGrid.spacingMeters')),
      this.excludedField = h('div', { class: 'form-field form-field--wide', dataset: { field: 'candidateGrid.excludedAreas' } },
        h('div', { class: 'field-caption', dataset: { i18n: 'siting.field.excluded' } }, t('siting.field.excluded')),
        h('div', { class: 'input-row siting-draw-row' }, this.drawButton, this.finishButton, this.clearAreasButton, this.excludedCount),
        this.drawHint,
        errorSlot('candidateGrid.excludedAreas')),
      h('div', { class: 'form-field form-field--wide', dataset: { field: 'fixedFacilities.types' } },
        h('div', { class: 'field-caption', id: 'siting-fixed-label', dataset: { i18n: 'siting.field.fixed' } }, t('siting.field.fixed')),
        this.fixedTypesBox,
        h('label', { class: 'check-option' }, this.plannedBox,
          h('span', { dataset: { i18n: 'siting.countPlanned' } }, t('siting.countPlanned'))),
        this.fixedCount,
        errorSlot('fixedFacilities.types')),
      field('solver', {}, label('siting-solver', 'siting.field.solver'), this.solverSelect, errorSlot('solver')),
      field('timeLimitSeconds', {}, label('siting-time-limit', 'siting.field.timeLimit'), this.timeLimitInput,
        errorSlot('timeLimitSeconds'))),
    this.formError,
    h('div', { class: 'form-actions form-actions--tight' }, this.runButton),
    this.progressSlot,
    this.resultBox);
  }

  /** Shows the fields that apply to the chosen model and mode. */
  updateVisibility() {
    const model = this.modelSelect.value;
    const withP = MODELS_WITH_P.includes(model);
    this.pField.hidden = !withP;
    this.curveField.hidden = !withP;
    this.targetField.hidden = model !== 'lscp';
    this.backupField.hidden = model !== 'mclp';
    this.turnoutField.hidden = !VEHICLE_MODES.includes(this.modeSelect.value);
    const grid = this.candidateSourceSelect.value === 'grid';
    this.spacingField.hidden = !grid;
    this.excludedField.hidden = !grid;
    this.modelHint.textContent = t(`siting.modelHint.${model}`);
    this.noNetworkHint.hidden = this.networks.networks.length > 0;
  }

  /** The curve follows p until the planner sets it. */
  followP() {
    if (!this.curveTouched) {
      this.curveInput.value = this.pInput.value;
    }
  }

  fillNetworks(networks) {
    fillNetworkSelect(this.networkSelect, networks);
    this.updateVisibility();
  }

  /** The open-station types: only the types present in the data (plus any still ticked). */
  renderFixedTypes() {
    this.fixedTypesBox.replaceChildren(...typeCheckboxes({
      catalogue: this.catalogue,
      counts: typeCounts(this.facilities),
      selected: this.fixedTypes,
      name: 'siting-fixed-type',
      onToggle: (code, checked) => {
        if (checked) {
          this.fixedTypes.add(code);
        } else {
          this.fixedTypes.delete(code);
        }
        this.updateFixedCount();
      },
    }));
    this.updateFixedCount();
  }

  fixedStatuses() {
    return this.plannedBox.checked ? ['existing', 'planned'] : ['existing'];
  }

  /** Registry facilities the open-station choice selects, in the browser's copy of the data. */
  fixedMatchCount() {
    const statuses = this.fixedStatuses();
    let count = 0;
    this.facilities.features.forEach((feature) => {
      const facility = facilityOf(feature);
      if (this.fixedTypes.has(facility.type) && statuses.includes(facility.status)) {
        count += 1;
      }
    });
    return count;
  }

  updateFixedCount() {
    const names = this.catalogue.types.filter((type) => this.fixedTypes.has(type.code))
      .map((type) => this.catalogue.typeName(type.code));
    this.fixedCount.textContent = this.fixedTypes.size
      ? t('siting.fixedCount', { count: this.fixedMatchCount(), types: names.join(t('common.listSeparator')) })
      : t('siting.fixedNone');
  }

  /* ------------------------------------------------------------ excluded areas */

  toggleDrawing() {
    if (this.drawer.drawing) {
      this.drawer.stop();
    } else {
      this.drawer.start();
    }
  }

  renderExcluded() {
    const drawing = this.drawer.drawing;
    this.drawButton.setAttribute('aria-pressed', String(drawing));
    this.drawButton.textContent = t(drawing ? 'siting.drawStop' : 'siting.drawStart');
    this.finishButton.hidden = !drawing;
    this.finishButton.disabled = this.drawer.draftSize() < 3;
    this.drawHint.hidden = !drawing;
    this.clearAreasButton.disabled = this.drawer.count() === 0 && this.drawer.draftSize() === 0;
    this.excludedCount.textContent = t('siting.excludedCount', { count: this.drawer.count() });
    document.body.dataset.sitingExcludedAreas = String(this.drawer.count());
    if (drawing && !this.stopEscape) {
      this.stopEscape = onEscape(() => this.drawer.stop());
    } else if (!drawing && this.stopEscape) {
      this.stopEscape();
      this.stopEscape = null;
    }
  }

  /* ------------------------------------------------------------ request */

  /**
   * Reads the form. Returns {request} or {errors: {field: message}} with the fields named as in
   * the request. Only what the browser can tell is checked here (empty or unreadable numbers);
   * the server checks the rest (ranges, turnout below the standard) and its answer is shown at
   * the same fields.
   */
  readForm() {
    const errors = {};
    const model = this.modelSelect.value;
    const mode = this.modeSelect.value;
    const network = this.networks.get(this.networkSelect.value);
    if (!network) {
      errors.networkId = t('siting.networkRequired');
    }
    const request = { networkId: network ? network.id : null, model, mode };

    const p = readNumber(this.pInput, { integer: true, min: 1 });
    if (MODELS_WITH_P.includes(model)) {
      if (p === null || p === false) {
        errors.p = t('siting.pInvalid');
      } else {
        request.p = p;
      }
    } else {
      const share = readNumber(this.targetInput, { min: 0, max: 100 });
      if (share === null || share === false || share === 0) {
        errors.targetShare = t('siting.targetInvalid');
      } else {
        request.targetShare = share / 100;
      }
    }
    if (model === 'mclp' && this.backupBox.checked) {
      request.backup = true;
    }
    const minutes = readNumber(this.minutesInput, { min: 0 });
    if (minutes === null || minutes === false || minutes === 0) {
      errors.minutes = t('siting.positive');
    } else {
      request.minutes = minutes;
    }
    let turnout = 0;
    if (VEHICLE_MODES.includes(mode)) {
      turnout = readNumber(this.turnoutInput, { min: 0 });
      if (turnout === false) {
        errors.turnoutMinutes = t('siting.notNegative');
      }
    }
    request.turnoutMinutes = turnout || 0;

    if (this.candidateSourceSelect.value === 'facilities') {
      // registry facilities with status candidate (imported or added on the map)
      request.candidateFacilities = {};
    } else {
      const spacing = readNumber(this.spacingInput, { min: 0 });
      if (spacing === null || spacing === false || spacing === 0) {
        errors['candidateGrid.spacingMeters'] = t('siting.positive');
      }
      request.candidateGrid = { spacingMeters: spacing || null };
      const excluded = this.drawer.toGeoJson();
      if (excluded) {
        request.candidateGrid.excludedAreas = excluded;
      }
    }
    if (this.fixedTypes.size) {
      request.fixedFacilities = {
        types: this.catalogue.types.map((type) => type.code).filter((code) => this.fixedTypes.has(code))
          .concat([...this.fixedTypes].filter((code) => !this.catalogue.typeByCode.has(code))),
        statuses: this.fixedStatuses(),
      };
    }
    request.solver = this.solverSelect.value;
    const limit = readNumber(this.timeLimitInput, { min: 0 });
    if (limit === null || limit === false || limit === 0) {
      errors.timeLimitSeconds = t('siting.positive');
    } else {
      request.timeLimitSeconds = limit;
    }
    if (MODELS_WITH_P.includes(model)) {
      const curve = readNumber(this.curveInput, { integer: true, min: 1 });
      if (curve === false) {
        errors.curveMaxP = t('siting.pInvalid');
      } else if (curve !== null || Number.isFinite(request.p)) {
        request.curveMaxP = curve ?? request.p;
      }
    }
    return Object.keys(errors).length ? { errors } : { request };
  }

  async runFromForm() {
    if (this.runner.running) {
      return;
    }
    const { request, errors } = this.readForm();
    if (errors) {
      this.showErrors(errors);
      return;
    }
    try {
      await this.run(request);
    } catch {
      // shown in the form already
    }
  }

  /* ------------------------------------------------------------ running */

  /**
   * Runs request (see the module comment) as a server job and shows the answer. Resolves with the
   * answer; rejects with the error (ApiError, JobFailedError, JobCancelledError) after showing it.
   */
  async run(request) {
    if (this.runner.running) {
      throw new Error('A siting run is already going on');
    }
    if (this.drawer.drawing) {
      this.drawer.finish();
    }
    this.showErrors({});
    this.outcome = null;
    this.result = null;
    this.layer.clear();
    this.renderResult();
    this.scenarioPanel.clearShown();
    const body = document.body.dataset;
    delete body.sitingSites;
    delete body.sitingCandidates;
    delete body.sitingError;
    delete body.scenarioState;
    body.sitingState = 'running';
    this.runButton.disabled = true;
    this.form.setAttribute('aria-busy', 'true');

    try {
      // no signal on the POST: a job the server has accepted is cancelled through the runner
      const answer = await this.runner.run(async (step) => step.follow(await startSitingJob(request)),
        { label: t('siting.running'), scroll: true });
      if (!answer || typeof answer !== 'object') {
        throw new Error(t('siting.noResult'));
      }
      this.result = { request, answer };
      const drawn = this.layer.show(answer);
      const bounds = this.layer.bounds();
      if (bounds) {
        this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
      }
      body.sitingSites = String(drawn);
      body.sitingCandidates = String(this.layer.candidateCount());
      body.sitingState = 'succeeded';
      return answer;
    } catch (error) {
      if (error.cancelled) {
        this.outcome = { cancelled: true };
        body.sitingState = 'cancelled';
      } else {
        this.outcome = { error };
        body.sitingState = 'failed';
        body.sitingError = String(error.status ?? 0);
        this.formErrors.showServer(error, t('siting.failed'));
      }
      throw error;
    } finally {
      this.runButton.disabled = false;
      this.form.removeAttribute('aria-busy');
      this.renderResult();
      if (this.result) {
        this.resultBox.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  cancel() {
    this.runner.cancel();
  }

  clearResult() {
    this.result = null;
    this.outcome = null;
    this.layer.clear();
    ['sitingSites', 'sitingCandidates', 'sitingState', 'sitingError'].forEach((key) => delete document.body.dataset[key]);
    this.renderResult();
  }

  /* ------------------------------------------------------------ errors */

  showErrors(fieldErrors, formMessage) {
    this.formErrors.show(fieldErrors, formMessage);
  }

  /* ------------------------------------------------------------ result */

  renderResult() {
    const target = this.resultBox;
    delete target.dataset.outcome;
    target.replaceChildren();
    if (this.outcome?.cancelled) {
      target.dataset.outcome = 'cancelled';
      target.append(h('div', { class: 'result result--info' }, t('siting.cancelled')));
      return;
    }
    if (this.outcome?.error) {
      target.dataset.outcome = 'failed';
      return;
    }
    if (!this.result) {
      return;
    }
    const { answer, request } = this.result;
    const report = answer.network || {};
    target.dataset.outcome = 'success';
    target.dataset.status = answer.status || '';
    target.append(...[
      this.renderStatus(answer),
      beforeAfterTable('siting-before-after', report.before, report.after),
      this.renderSites(answer),
      this.renderCurve(answer, request),
      this.renderInputs(report),
      this.renderLeftOut(report),
      this.scenarioPanel.saveFormFor(answer),
      h('div', { class: 'export-row siting-actions' },
        h('button', {
          type: 'button', class: 'btn btn-small btn-quiet', id: 'siting-clear', on: { click: () => this.clearResult() },
        }, t('siting.clear'))),
    ].filter(Boolean));
  }

  renderStatus(answer) {
    const model = answer.model;
    const lines = [];
    const objective = formatObjective(model, answer.objective, answer);
    if (objective) {
      lines.push(h('div', { id: 'siting-objective' }, objective));
    }
    const proof = [];
    if (Number.isFinite(answer.bound)) {
      proof.push(t('siting.bound', { bound: formatObjective(model, answer.bound, answer, true) }));
    }
    if (Number.isFinite(answer.gap)) {
      proof.push(t('siting.gap', { gap: formatNumber(answer.gap, { style: 'percent', maximumFractionDigits: 2 }) }));
    }
    proof.push(t('siting.seconds', { seconds: formatNumber(answer.seconds, { maximumFractionDigits: 1 }) }));
    if (model === 'mclp' && Number.isFinite(answer.backupCoveredWeight)) {
      lines.push(h('div', { id: 'siting-backup-covered' }, t('siting.backupCovered', {
        population: formatNumber(answer.backupCoveredWeight, { maximumFractionDigits: 0 }),
      })));
    }
    lines.push(h('div', { class: 'field-hint', id: 'siting-proof' }, proof.join(' · ')));
    if (answer.message) {
      lines.push(h('div', { class: 'siting-message' }, answer.message));
    }
    const status = answer.status || 'feasible';
    return h('div', { id: 'siting-status', class: `result siting-status siting-status--${status}`, dataset: { status } },
      h('div', { class: 'result-title' },
        h('span', { class: 'siting-status-badge' }, t(`siting.status.${status}`)),
        ' ',
        t('siting.summary', {
          model: t(`siting.modelShort.${model}`),
          sites: (answer.network?.sites || answer.sites || []).length,
        })),
      lines);
  }

  renderSites(answer) {
    const sites = answer.network?.sites || [];
    if (!sites.length) {
      return h('p', { class: 'field-hint', id: 'siting-sites', dataset: { count: '0' } }, t('siting.noSites'));
    }
    return h('details', { class: 'siting-sites-details' },
      h('summary', {}, t('siting.sitesHeading', { count: sites.length })),
      h('ol', { id: 'siting-sites', class: 'siting-site-list', dataset: { count: String(sites.length) } },
        sites.map((site) => h('li', { dataset: { rank: String(site.rank) } },
          h('button', {
            type: 'button', class: 'link-button',
            on: { click: () => this.map.setView([site.lat, site.lon], Math.max(this.map.getZoom(), 15)) },
          }, t('siting.siteRank', { rank: site.rank })),
          ' ',
          h('span', { class: 'field-hint' }, formatGain(answer.model, site.marginalGain))))));
  }

  renderCurve(answer, request) {
    const curve = Array.isArray(answer.curve) ? answer.curve : [];
    const chosenP = request?.p ?? (answer.network?.sites || []).length;
    if (!curve.length) {
      return null;
    }
    return h('div', { class: 'siting-curve-box' },
      h('div', { class: 'subheading' }, t('siting.curveHeading')),
      h('div', { class: 'field-hint siting-curve-caption' }, t(`siting.curve.y.${answer.model}`)),
      curveChart(curve, answer.model, chosenP),
      h('div', { class: 'field-hint' }, t('siting.curveNote')));
  }

  renderInputs(report) {
    const c = report.candidates;
    const d = report.demand;
    const lines = [];
    if (c) {
      lines.push(h('li', { id: 'siting-candidates-note' }, t('siting.candidatesNote', {
        used: c.used, lattice: c.latticePoints ?? c.used, offRoad: c.offRoad, excluded: c.excluded, tooClose: c.tooClose,
      })));
    }
    if (d) {
      lines.push(h('li', {}, t('siting.demandNote', {
        population: formatNumber(d.totalPopulation, { maximumFractionDigits: 0 }),
        points: d.points,
        offRoad: formatNumber(d.offRoadPopulation, { maximumFractionDigits: 0 }),
        unreached: formatNumber(d.unreachedPopulation, { maximumFractionDigits: 0 }),
      })));
    }
    lines.push(h('li', {}, t('siting.fixedNote', { count: (report.fixedSites || []).length })));
    return h('ul', { class: 'result-list siting-inputs', id: 'siting-inputs' }, lines);
  }

  renderLeftOut(report) {
    const items = report.leftOutFixedSites || [];
    return h('div', { id: 'siting-left-out', class: 'coverage-unreachable', hidden: items.length === 0, dataset: { count: String(items.length) } },
      items.length ? h('div', { class: 'subheading' }, t('siting.leftOut', { count: items.length })) : null,
      items.length ? h('ul', { class: 'unreachable-list' }, items.map((item) => h('li', {
        dataset: { facilityId: String(item.facilityId ?? '') },
      },
      h('strong', {}, item.name || `#${item.facilityId ?? item.id}`),
      h('div', { class: 'unreachable-message' }, item.reason || '')))) : null);
  }

  /* ------------------------------------------------------------ language */

  retranslate() {
    this.updateVisibility();
    this.renderFixedTypes();
    this.renderExcluded();
    // the scenario save form is drawn again with the result, keeping what the planner typed
    this.renderResult();
  }
}

/* ------------------------------------------------------------ helpers */

function slotId(field) {
  return field.replace(/\./g, '-');
}

/** The input of form that the field's errors mark (aria-invalid). */
function inputIn(form, field) {
  if (field === 'fixedFacilities.types') {
    return form.querySelector('#siting-fixed-types');
  }
  if (field === 'candidateGrid.excludedAreas') {
    return form.querySelector('#siting-draw-excluded');
  }
  if (field === 'candidates' || field === 'candidateFacilities') {
    return form.querySelector('#siting-candidate-source');
  }
  return form.querySelector(`[name="${field}"]`);
}

/**
 * A number from an input: the number, null when empty, false when unreadable or out of range
 * (min and max inclusive; integer: whole numbers only).
 */
export function readNumber(input, { integer = false, min = -Infinity, max = Infinity } = {}) {
  const raw = input.value.trim();
  if (raw === '' && !input.validity.badInput) {
    return null;
  }
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    return false;
  }
  return value;
}

/** The objective in words for the model: people covered, stations needed, or minutes. */
function formatObjective(model, value, answer, bare = false) {
  if (!Number.isFinite(value)) {
    return null;
  }
  if (model === 'mclp') {
    const people = formatNumber(value, { maximumFractionDigits: 0 });
    if (bare) {
      return t('siting.people', { people });
    }
    return t('siting.objective.mclp', {
      people,
      share: formatNumber(answer.coveredShare ?? NaN, { style: 'percent', maximumFractionDigits: 1 }),
    });
  }
  if (model === 'lscp') {
    const stations = formatNumber(value, { maximumFractionDigits: 0 });
    return bare ? stations : t('siting.objective.lscp', { stations });
  }
  const minutes = formatNumber(value, { maximumFractionDigits: 2 });
  return bare ? t('siting.minutesValue', { minutes }) : t(`siting.objective.${model}`, { minutes });
}

function formatGain(model, gain) {
  if (gain === null || gain === undefined) {
    return t('siting.gainIndispensable');
  }
  return ['pmedian', 'pcenter'].includes(model)
    ? t('siting.gainMinutes', { minutes: formatNumber(gain, { maximumFractionDigits: 2 }) })
    : t('siting.gainPeople', { people: formatNumber(gain, { maximumFractionDigits: 0 }) });
}

/** The value the curve plots for a point: covered share in % (covering models) or minutes. */
function curveValue(model, point) {
  if (model === 'pmedian') {
    return point.meanCost;
  }
  if (model === 'pcenter') {
    return point.maxCost;
  }
  return Number.isFinite(point.coveredShare) ? point.coveredShare * 100 : null;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  Object.entries(attrs).forEach(([key, value]) => {
    if (value !== null && value !== undefined) {
      element.setAttribute(key, String(value));
    }
  });
  children.flat().filter(Boolean).forEach((child) => element.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return element;
}

/**
 * The curve as a small SVG line chart: x = p, y = covered share % (mclp) or minutes (pmedian: mean,
 * pcenter: worst), guide lines at 90 % and 95 % for mclp, the chosen p highlighted. Each point is a
 * circle.siting-curve-point with data-p and data-value.
 */
export function curveChart(curve, model, chosenP) {
  const width = 300;
  const height = 150;
  const margin = { left: 40, right: 12, top: 10, bottom: 26 };
  const points = curve.map((point) => ({ p: point.p, value: curveValue(model, point), status: point.status }))
    .filter((point) => Number.isFinite(point.p) && Number.isFinite(point.value))
    .sort((a, b) => a.p - b.p);
  const covering = model === 'mclp' || model === 'lscp';
  const values = points.map((point) => point.value);
  let low;
  let high;
  if (covering) {
    high = 100;
    low = Math.max(0, Math.floor((Math.min(...values, CURVE_GUIDES[0]) - 2) / 5) * 5);
  } else {
    low = Math.floor(Math.min(...values));
    high = Math.ceil(Math.max(...values));
    if (high - low < 1) {
      high = low + 1;
    }
  }
  const minP = points.length ? points[0].p : 1;
  const maxP = points.length ? points[points.length - 1].p : 1;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (p) => (maxP === minP ? margin.left + plotWidth / 2 : margin.left + ((p - minP) / (maxP - minP)) * plotWidth);
  const y = (value) => margin.top + (1 - (value - low) / (high - low)) * plotHeight;
  const unit = covering ? '%' : ` ${t('siting.minutesUnit')}`;
  const fmt = (value) => `${formatNumber(value, { maximumFractionDigits: covering ? 1 : 2 })}${unit}`;

  const guides = covering ? CURVE_GUIDES.filter((share) => share >= low && share <= high).map((share) => svg('g', {
    class: 'siting-curve-guide', 'data-share': share,
  },
  svg('line', { x1: margin.left, x2: width - margin.right, y1: y(share), y2: y(share) }),
  svg('text', { x: width - margin.right - 2, y: y(share) - 3, 'text-anchor': 'end' }, `${share} %`))) : [];

  const xTicks = [...new Set([minP, maxP, chosenP].filter((p) => Number.isFinite(p) && p >= minP && p <= maxP))];
  const axes = svg('g', { class: 'siting-curve-axes' },
    svg('line', { x1: margin.left, x2: margin.left, y1: margin.top, y2: margin.top + plotHeight }),
    svg('line', { x1: margin.left, x2: width - margin.right, y1: margin.top + plotHeight, y2: margin.top + plotHeight }),
    svg('text', { x: margin.left - 4, y: y(high) + 4, 'text-anchor': 'end' }, fmt(high)),
    svg('text', { x: margin.left - 4, y: y(low), 'text-anchor': 'end' }, fmt(low)),
    xTicks.map((p) => svg('text', { x: x(p), y: height - 12, 'text-anchor': 'middle' }, String(p))),
    svg('text', { x: margin.left + plotWidth / 2, y: height - 1, 'text-anchor': 'middle', class: 'siting-curve-axis-title' },
      t('siting.curve.x')));
  const line = svg('polyline', {
    class: 'siting-curve-line',
    points: points.map((point) => `${x(point.p).toFixed(1)},${y(point.value).toFixed(1)}`).join(' '),
  });
  const dots = points.map((point) => svg('circle', {
    class: `siting-curve-point${point.p === chosenP ? ' siting-curve-point--chosen' : ''}`,
    cx: x(point.p).toFixed(1), cy: y(point.value).toFixed(1), r: point.p === chosenP ? 5 : 3,
    'data-p': point.p, 'data-value': point.value,
  }, svg('title', {}, t('siting.curve.point', { p: point.p, value: fmt(point.value) }))));
  const chosen = points.find((point) => point.p === chosenP);
  const chosenLabel = chosen ? svg('text', {
    // above the point, or below it when the point is at the top of the plot
    class: 'siting-curve-chosen-label', x: x(chosen.p), y: y(chosen.value) - 8 < margin.top + 10 ? y(chosen.value) + 14 : y(chosen.value) - 8,
    'text-anchor': chosen.p === maxP ? 'end' : chosen.p === minP ? 'start' : 'middle',
  }, fmt(chosen.value)) : null;
  return svg('svg', {
    id: 'siting-curve', class: 'siting-curve', viewBox: `0 0 ${width} ${height}`, width: '100%',
    role: 'img', 'aria-label': t(`siting.curve.y.${model}`), 'data-points': points.length, 'data-model': model,
  }, guides, axes, line, dots, chosenLabel);
}
