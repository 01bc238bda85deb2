/**
 * Scenarios: a siting answer saved as planned facilities (#siting-section, below the siting
 * result). The save form under a siting result, the scenario just saved or opened (sites, coverage
 * before and after, export), the list of saved scenarios, and deleting one (its planned facilities
 * go too). SitingPanel (siting.js) composes it.
 *
 * Calls: GET /api/scenarios (start, and after a save or delete); POST /api/scenarios
 * {name, resultId, typeCode} → 201; DELETE /api/scenarios/{id} (204);
 * export links GET /api/scenarios/{id}/export?format=geojson|csv|gpkg.
 *
 * Test hooks: see README.md in this folder, section "Siting" (#scenario-*, body
 * data-scenario-state, data-scenario-id, data-scenarios-loaded).
 */
import { createScenario, deleteScenario, fetchScenarios, scenarioExportUrl } from './api.js';
import { FieldErrors } from './formParts.js';
import { formatDate, formatNumber, onLanguageChange, t } from './i18n.js';
import { modeLabel } from './networks.js';
import { confirmDialog, describeError, h, toast } from './ui.js';

/** The type a scenario's sites get unless the planner chooses another. */
const DEFAULT_TYPE = 'emergency_station';

const SCENARIO_FORMATS = ['geojson', 'csv', 'gpkg'];

/** Fields of the scenario form (POST /api/scenarios); resultId goes to #scenario-form-error. */
const SCENARIO_FIELDS = ['name', 'typeCode'];

/** The before/after rows, in display order, with how each is formatted. */
const MEASURES = [
  { key: 'coveredPopulation', format: (v) => formatNumber(v, { maximumFractionDigits: 0 }) },
  { key: 'coveredShare', format: (v) => formatNumber(v, { style: 'percent', maximumFractionDigits: 1 }) },
  { key: 'meanMinutes', format: (v) => t('siting.minutesValue', { minutes: formatNumber(v, { maximumFractionDigits: 1 }) }) },
  { key: 'maxMinutes', format: (v) => t('siting.minutesValue', { minutes: formatNumber(v, { maximumFractionDigits: 1 }) }) },
];

export class ScenarioPanel {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./catalogue.js').Catalogue} options.catalogue
   * @param {() => Promise} options.refreshFacilities  reloads the facility markers (after a save or delete)
   */
  constructor({ map, catalogue, refreshFacilities }) {
    this.map = map;
    this.catalogue = catalogue;
    this.refreshFacilities = refreshFacilities;
    this.scenarios = [];
    this.scenariosError = null;
    /** The scenario shown in #scenario-result (just saved, or opened from the list). */
    this.scenario = null;
    this.saving = false;
    /** The scenario result and the list, for the siting section. */
    this.element = this.buildPart();
    onLanguageChange(() => {
      this.renderScenario();
      this.renderScenarioList();
    });
  }

  /** Hides the scenario shown (a new siting run has started). */
  clearShown() {
    this.scenario = null;
    this.renderScenario();
  }

  /** The errors of the save form, which is rebuilt with every result. */
  errors() {
    return new FieldErrors({
      form: this.saveForm, fields: SCENARIO_FIELDS, box: this.scenarioFormError,
      inputFor: (field) => this.saveForm.querySelector(`[name="${field}"]`),
    });
  }

  /**
   * The save form for a siting answer (#scenario-form), or null when the answer has no sites or
   * no stored result to save.
   */
  saveFormFor(answer) {
    const sites = answer.network?.sites || [];
    if (answer.resultId === null || answer.resultId === undefined || !sites.length) {
      return null;
    }
    const errorSlot = (field) => h('div', {
      class: 'field-error', id: `scenario-${field}-error`, dataset: { errorFor: field }, 'aria-live': 'polite',
    });
    const typeCodes = this.catalogue.types.map((type) => type.code);
    const typeCode = typeCodes.includes(DEFAULT_TYPE) ? DEFAULT_TYPE : typeCodes[0];
    // a form drawn again for the same answer (after a language switch) keeps what the planner typed
    const typed = this.saveFormAnswer === answer && this.scenarioName
      ? { name: this.scenarioName.value, typeCode: this.scenarioType.value } : null;
    this.saveFormAnswer = answer;
    this.scenarioName = h('input', {
      id: 'scenario-name', name: 'name', type: 'text', maxlength: '200', autocomplete: 'off',
      value: this.suggestName(answer, typeCode), 'aria-describedby': 'scenario-name-error',
    });
    this.scenarioType = h('select', { id: 'scenario-type', name: 'typeCode', 'aria-describedby': 'scenario-typeCode-error' },
      this.catalogue.types.map((type) => h('option', { value: type.code }, this.catalogue.typeName(type.code))));
    this.scenarioType.value = typeCode;
    if (typed) {
      this.scenarioName.value = typed.name;
      this.scenarioType.value = typed.typeCode;
    }
    this.saveButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'scenario-save' }, t('siting.scenario.save'));
    this.scenarioFormError = h('div', { class: 'form-error', id: 'scenario-form-error', role: 'alert', hidden: true });
    this.saveForm = h('form', {
      id: 'scenario-form', class: 'scenario-form', novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.saveFromForm(answer); } },
    },
    h('div', { class: 'subheading' }, t('siting.scenario.heading')),
    h('div', { class: 'field-hint' }, t('siting.scenario.hint', { count: sites.length })),
    h('div', { class: 'form-grid' },
      h('div', { class: 'form-field form-field--wide', dataset: { field: 'name' } },
        h('label', { for: 'scenario-name' }, t('siting.scenario.name')), this.scenarioName, errorSlot('name')),
      h('div', { class: 'form-field form-field--wide', dataset: { field: 'typeCode' } },
        h('label', { for: 'scenario-type' }, t('siting.scenario.type')), this.scenarioType, errorSlot('typeCode'))),
    this.scenarioFormError,
    h('div', { class: 'form-actions form-actions--tight' }, this.saveButton));
    return this.saveForm;
  }

  /** "18 × Emergency station · Ambulance 12 min", made unique among the saved scenarios. */
  suggestName(answer, typeCode) {
    const report = answer.network || {};
    const base = t('siting.scenario.suggestion', {
      count: (report.sites || []).length,
      type: this.catalogue.typeName(typeCode),
      mode: modeLabel(report.mode),
      minutes: formatNumber(report.minutes ?? NaN),
    });
    const taken = new Set(this.scenarios.map((scenario) => scenario.name));
    let name = base;
    for (let n = 2; taken.has(name); n++) {
      name = `${base} (${n})`;
    }
    return name;
  }

  async saveFromForm(answer) {
    if (!answer || this.saving) {
      return;
    }
    const name = this.scenarioName.value.trim();
    if (!name) {
      this.errors().show({ name: t('siting.scenario.nameRequired') });
      return;
    }
    try {
      await this.save({ name, resultId: answer.resultId, typeCode: this.scenarioType.value });
    } catch {
      // shown in the form
    }
  }

  /**
   * Saves a scenario ({name, resultId, typeCode}), shows it, reloads the facilities (its sites are
   * planned facilities now) and the scenario list. Resolves with the scenario; rejects with the
   * error after showing it in the save form.
   */
  async save(scenarioRequest) {
    const body = document.body.dataset;
    this.saving = true;
    body.scenarioState = 'saving';
    if (this.saveForm) {
      this.saveButton.disabled = true;
      this.errors().show({});
    }
    try {
      const scenario = await createScenario(scenarioRequest);
      this.scenario = scenario;
      body.scenarioState = 'saved';
      body.scenarioId = String(scenario.id);
      this.renderScenario();
      toast(t('siting.scenario.saved', { name: scenario.name }), { kind: 'success' });
      await Promise.all([
        this.refreshFacilities().catch(() => {}),
        this.refresh(),
      ]);
      this.scenarioResult.scrollIntoView({ block: 'nearest' });
      return scenario;
    } catch (error) {
      body.scenarioState = 'failed';
      if (this.saveForm) {
        this.errors().showServer(error, t('siting.scenario.failed'));
      }
      throw error;
    } finally {
      this.saving = false;
      if (this.saveForm) {
        this.saveButton.disabled = false;
      }
    }
  }

  buildPart() {
    this.scenarioResult = h('div', { id: 'scenario-result', class: 'scenario-result', 'aria-live': 'polite' });
    this.scenarioList = h('ul', { id: 'scenario-list', class: 'network-list scenario-list', 'aria-live': 'polite' });
    return h('div', { class: 'scenario-part' },
      this.scenarioResult,
      h('h3', { class: 'subheading', dataset: { i18n: 'siting.scenario.listHeading' } }, t('siting.scenario.listHeading')),
      this.scenarioList);
  }

  /** The scenario just saved or opened: name, sites, before and after side by side, export. */
  renderScenario() {
    const scenario = this.scenario;
    const target = this.scenarioResult;
    target.replaceChildren();
    delete target.dataset.scenarioId;
    if (!scenario) {
      return;
    }
    target.dataset.scenarioId = String(scenario.id);
    const summary = scenario.summary || {};
    const sites = scenario.sites || [];
    target.append(h('div', { class: 'result siting-scenario' },
      h('div', { class: 'result-title', id: 'scenario-title' }, scenario.name),
      h('div', { id: 'scenario-sites', dataset: { count: String(sites.length) } }, t('siting.scenario.summary', {
        count: sites.length,
        type: this.catalogue.typeName(scenario.typeCode),
        model: t(`siting.modelShort.${summary.model}`),
        mode: modeLabel(summary.mode),
        minutes: formatNumber(summary.minutes ?? NaN),
      })),
      h('div', { class: 'field-hint' }, t('siting.scenario.meta', {
        fixed: summary.fixedStations ?? 0,
        population: formatNumber(summary.totalPopulation ?? NaN, { maximumFractionDigits: 0 }),
        date: formatDate(scenario.createdAt),
      })),
      beforeAfterTable('scenario-before-after', summary.before, summary.after),
      h('div', { class: 'export-row' },
        h('span', { class: 'export-label' }, t('export.label')),
        SCENARIO_FORMATS.map((format) => h('a', {
          class: 'btn btn-small',
          id: `scenario-export-${format}`,
          href: scenarioExportUrl(scenario.id, format),
          download: `scenario-${scenario.id}.${format}`,
          dataset: { format },
        }, t(`export.${format}`))))));
  }

  /** Re-reads GET /api/scenarios; resolves with the list (keeps the old one when the call fails). */
  async refresh() {
    delete document.body.dataset.scenariosLoaded;
    try {
      const list = await fetchScenarios();
      this.scenarios = Array.isArray(list) ? list : [];
      this.scenariosError = null;
    } catch (error) {
      this.scenariosError = error;
    }
    if (this.scenario && !this.scenarios.some((scenario) => scenario.id === this.scenario.id) && !this.scenariosError) {
      this.scenario = null;
      this.renderScenario();
    }
    this.renderScenarioList();
    document.body.dataset.scenariosLoaded = String(this.scenarios.length);
    return this.scenarios;
  }

  renderScenarioList() {
    const items = this.scenarios.map((scenario) => {
      const after = scenario.summary?.after;
      const share = Number.isFinite(after?.coveredShare)
        ? formatNumber(after.coveredShare, { style: 'percent', maximumFractionDigits: 1 }) : null;
      return h('li', { class: 'network-item', dataset: { scenarioId: String(scenario.id) } },
        h('div', { class: 'network-head' },
          h('button', {
            type: 'button', class: 'link-button network-name', title: scenario.name, dataset: { action: 'show' },
            on: { click: () => this.showScenario(scenario) },
          }, scenario.name),
          h('a', {
            class: 'btn-icon btn-icon--small', dataset: { action: 'export' }, href: scenarioExportUrl(scenario.id, 'geojson'),
            download: `scenario-${scenario.id}.geojson`, title: t('siting.scenario.export'), 'aria-label': `${t('siting.scenario.export')}: ${scenario.name}`,
          }, '↧'),
          h('button', {
            type: 'button', class: 'btn-icon btn-icon--small btn-icon--danger', dataset: { action: 'delete' },
            title: t('siting.scenario.delete'), 'aria-label': `${t('siting.scenario.delete')}: ${scenario.name}`,
            on: { click: () => this.confirmDelete(scenario) },
          }, '×')),
        h('div', { class: 'network-meta' }, [
          t('siting.scenario.sites', { count: (scenario.sites || []).length }),
          share ? t('siting.scenario.afterShare', { share }) : null,
          scenario.createdAt ? formatDate(scenario.createdAt) : null,
        ].filter(Boolean).join(' · ')));
    });
    if (this.scenariosError) {
      items.unshift(h('li', { class: 'network-message network-message--error' },
        t('siting.scenario.loadFailed', { message: describeError(this.scenariosError) })));
    } else if (!items.length) {
      items.push(h('li', { class: 'network-message' }, t('siting.scenario.none')));
    }
    this.scenarioList.replaceChildren(...items);
  }

  /** Shows a saved scenario and fits the map to its sites. */
  showScenario(scenario) {
    this.scenario = scenario;
    this.renderScenario();
    const points = (scenario.sites || []).map((site) => [site.lat, site.lon]);
    if (points.length) {
      this.map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 15 });
    }
  }

  async confirmDelete(scenario) {
    const confirmed = await confirmDialog({
      title: t('siting.scenario.deleteTitle'),
      message: t('siting.scenario.deleteMessage', { name: scenario.name, count: (scenario.sites || []).length }),
      okLabel: t('common.delete'),
      danger: true,
    });
    if (!confirmed) {
      return false;
    }
    try {
      await deleteScenario(scenario.id);
      toast(t('siting.scenario.deleted', { name: scenario.name }), { kind: 'success' });
    } catch (error) {
      if (error.status !== 404) {
        toast(t('siting.scenario.deleteFailed', { message: describeError(error) }), { kind: 'error', timeoutMs: 8000 });
      }
    }
    await Promise.all([this.refresh(), this.refreshFacilities().catch(() => {})]);
    return true;
  }
}

/** Before and after side by side, with the change; rows where both are null are left out. */
export function beforeAfterTable(id, before, after) {
  const rows = MEASURES.filter(({ key }) => Number.isFinite(before?.[key]) || Number.isFinite(after?.[key]))
    .map(({ key, format }) => {
      const a = before?.[key];
      const b = after?.[key];
      const change = Number.isFinite(a) && Number.isFinite(b) ? b - a : null;
      let changeText = t('common.none');
      if (change !== null) {
        const formatted = key === 'coveredShare'
          ? formatNumber(change * 100, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }) + t('siting.percentPoints')
          : key === 'coveredPopulation'
            ? formatNumber(change, { maximumFractionDigits: 0, signDisplay: 'exceptZero' })
            : t('siting.minutesValue', { minutes: formatNumber(change, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }) });
        changeText = formatted;
      }
      const cell = (value, when) => h('td', {
        class: 'num', dataset: { when, value: Number.isFinite(value) ? String(value) : '' },
      }, Number.isFinite(value) ? format(value) : t('common.none'));
      return h('tr', { dataset: { measure: key } },
        h('th', { scope: 'row' }, t(`siting.measure.${key}`)),
        cell(a, 'before'),
        cell(b, 'after'),
        h('td', { class: 'num siting-change', dataset: { when: 'change' } }, changeText));
    });
  return h('table', { class: 'data-table siting-before-after', id },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, ''),
      h('th', { scope: 'col', class: 'num' }, t('siting.before')),
      h('th', { scope: 'col', class: 'num' }, t('siting.after')),
      h('th', { scope: 'col', class: 'num' }, t('siting.change')))),
    h('tbody', {}, rows));
}
