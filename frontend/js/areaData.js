/**
 * "Population and districts": the city's population layer and district boundaries, shown and
 * imported from the page. The population import uploads the file and follows the server's import
 * job on a JobRunner (progress, Cancel: the layer then stays as it was); the district import
 * uploads the file and waits for the all-or-nothing answer on its own JobRunner (Cancel aborts
 * the upload). A rejected file's problems are shown with their row and field (problemBox).
 *
 * After an import the panel announces the change with a DOM event on document,
 * AREA_DATA_CHANGED ({detail: {what: 'population' | 'districts'}}), which the panels built on
 * population or districts listen to (accessGaps.js: its result and district indicators).
 *
 * Calls (through api.js): GET /api/population/summary, GET /api/districts?limit=…;
 * POST /api/population/import-jobs → the job; POST /api/districts/import.
 *
 * Test hooks: body data-area-data-loaded="<cells>/<districts>" after every listing (removed
 * while one is in flight; data-area-data-error="<status>" when it failed); #population-summary
 * [data-cells]; #district-summary[data-count] with li[data-district-id]; the forms
 * #population-import-form, #district-import-form (hidden from viewers by app.css), their
 * results #population-import-result, #district-import-result [data-outcome=success|failed|cancelled],
 * progress bars #population-import-progress, #district-import-progress.
 */
import { fetchDistricts, fetchPopulationSummary, importDistricts, startPopulationImport } from './api.js';
import { formatDate, formatNumber, locale, onLanguageChange, t } from './i18n.js';
import { CRS_OPTIONS } from './formParts.js';
import { JobRunner, outcomeBox, outcomeName, outcomeOf } from './jobs.js';
import { describeError, h } from './ui.js';

/** The event the panel sends on document after an import changed the population or the districts. */
export const AREA_DATA_CHANGED = 'carecircle:area-data-changed';

/** District names listed; the count says how many there are in all. */
const LISTED_DISTRICTS = 200;

/** The formats the population import reads (what the server detects them by). */
const POPULATION_ACCEPT = '.tif,.tiff,.csv,.txt,.geojson,.json,.gpkg';
/** District boundaries: GeoJSON, GeoPackage or OSM boundary relations. */
const DISTRICT_ACCEPT = '.geojson,.json,.gpkg,.pbf';


export class AreaDataPanel {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container  where the summary, the lists and the forms go
   */
  constructor({ container }) {
    this.container = container;
    this.summary = null;
    this.districts = null;
    this.loadError = null;
    this.populationOutcome = null;
    this.districtOutcome = null;
    this.populationBox = h('div', { id: 'population-summary', class: 'area-summary', 'aria-live': 'polite' });
    this.districtBox = h('div', { id: 'district-summary', class: 'area-summary', 'aria-live': 'polite' });
    this.populationForm = this.buildForm({
      prefix: 'population',
      accept: POPULATION_ACCEPT,
      extra: this.valueColumnField(),
      submit: () => this.importPopulation(),
    });
    this.districtForm = this.buildForm({
      prefix: 'district',
      accept: DISTRICT_ACCEPT,
      extra: null,
      submit: () => this.importDistricts(),
    });
    this.populationRunner = new JobRunner({
      id: 'population-import-progress', slot: this.populationForm.querySelector('.import-progress-slot'),
    });
    this.districtRunner = new JobRunner({
      id: 'district-import-progress', slot: this.districtForm.querySelector('.import-progress-slot'),
    });
    container.replaceChildren(
      h('h3', { class: 'subheading', dataset: { i18n: 'area.populationHeading' } }, t('area.populationHeading')),
      this.populationBox, this.populationForm,
      h('h3', { class: 'subheading', dataset: { i18n: 'area.districtsHeading' } }, t('area.districtsHeading')),
      this.districtBox, this.districtForm);
    onLanguageChange(() => this.renderAll());
  }

  /* ------------------------------------------------------------ what is stored */

  /** Reads the population summary and the districts again; failures are shown in the panel. */
  async refresh() {
    const body = document.body.dataset;
    delete body.areaDataLoaded;
    delete body.areaDataError;
    try {
      const [summary, districts] = await Promise.all([
        fetchPopulationSummary(),
        fetchDistricts({ limit: LISTED_DISTRICTS }),
      ]);
      this.summary = summary;
      this.districts = districts;
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
      body.areaDataError = String(error.status ?? 0);
    }
    this.renderSummaries();
    body.areaDataLoaded = `${this.summary?.cells ?? 0}/${this.districtCount()}`;
  }

  districtCount() {
    const features = this.districts?.features ?? [];
    return Number.isFinite(this.districts?.numberMatched) ? this.districts.numberMatched : features.length;
  }

  renderAll() {
    this.renderSummaries();
    this.renderOutcome('population');
    this.renderOutcome('district');
  }

  renderSummaries() {
    if (this.loadError) {
      const message = h('p', { class: 'area-message area-message--error' },
        t('area.loadFailed', { message: describeError(this.loadError) }));
      this.populationBox.replaceChildren(message);
      this.districtBox.replaceChildren();
      return;
    }
    this.renderPopulation();
    this.renderDistricts();
  }

  renderPopulation() {
    const summary = this.summary;
    const box = this.populationBox;
    box.dataset.cells = String(summary?.cells ?? 0);
    if (!summary || !summary.cells) {
      box.replaceChildren(h('p', { class: 'area-message' }, t('area.noPopulation')));
      return;
    }
    const source = summary.source || {};
    box.replaceChildren(h('dl', { class: 'area-facts' },
      fact(t('area.source'), source.sourceName || t('common.none'), 'source'),
      fact(t('area.cells'), formatNumber(summary.cells), 'cells'),
      fact(t('area.residents'), formatNumber(summary.totalPopulation, { maximumFractionDigits: 0 }), 'residents'),
      source.importedAt ? fact(t('area.importedAt'), formatDateTime(source.importedAt), 'imported-at') : null));
  }

  renderDistricts() {
    const box = this.districtBox;
    const features = this.districts?.features ?? [];
    const count = this.districtCount();
    box.dataset.count = String(count);
    if (!count) {
      box.replaceChildren(h('p', { class: 'area-message' }, t('area.noDistricts')));
      return;
    }
    const items = features.map((feature) => {
      const props = feature.properties || {};
      const population = Number.isFinite(props.population)
        ? t('area.districtPopulation', { population: formatNumber(props.population, { maximumFractionDigits: 0 }) })
        : '';
      return h('li', { dataset: { districtId: String(props.id ?? feature.id ?? '') } },
        h('span', { class: 'district-name' }, props.name || props.code || `#${props.id}`),
        population ? h('span', { class: 'district-population' }, population) : null);
    });
    const parts = [
      h('p', { class: 'area-count' }, t('area.districtCount', { count: formatNumber(count) })),
      h('ul', { class: 'district-list' }, items),
    ];
    if (count > features.length) {
      parts.push(h('p', { class: 'field-hint' }, t('area.moreDistricts', { count: formatNumber(count - features.length) })));
    }
    box.replaceChildren(...parts);
  }

  /* ------------------------------------------------------------ import forms */

  valueColumnField() {
    return h('div', { class: 'form-field' },
      h('label', { for: 'population-import-value-column', dataset: { i18n: 'area.valueColumn' } }, t('area.valueColumn')),
      h('input', {
        id: 'population-import-value-column', name: 'valueColumn', type: 'text', maxlength: '200', autocomplete: 'off',
        dataset: { i18nPlaceholder: 'area.valueColumnPlaceholder' }, placeholder: t('area.valueColumnPlaceholder'),
      }));
  }

  /** A form with a file input, the CRS select, extra fields, the button, the progress slot and the result. */
  buildForm({ prefix, accept, extra, submit }) {
    const id = (part) => `${prefix}-import-${part}`;
    return h('form', {
      id: id('form'),
      class: 'area-import',
      novalidate: true,
      on: { submit: (event) => { event.preventDefault(); submit(); } },
    },
    h('div', { class: 'form-field' },
      h('label', { for: id('file'), dataset: { i18n: `area.${prefix}File` } }, t(`area.${prefix}File`)),
      h('input', { id: id('file'), name: 'file', type: 'file', accept, 'aria-describedby': id('error') })),
    h('div', { class: 'form-field' },
      h('label', { for: id('crs'), dataset: { i18n: 'import.crs' } }, t('import.crs')),
      h('select', { id: id('crs'), name: 'crs', class: 'input' },
        CRS_OPTIONS.map(([value, key]) => h('option', { value, dataset: { i18n: key } }, t(key))))),
    extra,
    h('div', { class: 'form-actions' },
      h('button', {
        type: 'submit', class: 'btn btn-small btn-primary', id: id('submit'), dataset: { i18n: `area.${prefix}Submit` },
      }, t(`area.${prefix}Submit`))),
    h('div', { class: 'field-error', id: id('error'), 'aria-live': 'polite' }),
    h('div', { class: 'import-progress-slot' }),
    h('div', { id: id('result'), class: 'import-result', 'aria-live': 'polite' }));
  }

  /** The chosen file, or null after saying at the file input that one is needed. */
  chosenFile(form, prefix) {
    const input = form.elements.file;
    const file = input.files[0] || null;
    const problem = file ? '' : t('area.chooseFile');
    form.querySelector(`#${prefix}-import-error`).textContent = problem;
    input.toggleAttribute('aria-invalid', Boolean(problem));
    if (problem) {
      input.focus();
    }
    return file;
  }

  async importPopulation() {
    const form = this.populationForm;
    if (this.populationRunner.running) {
      return;
    }
    const file = this.chosenFile(form, 'population');
    if (!file) {
      return;
    }
    const options = { crs: form.elements.crs.value, valueColumn: form.elements.valueColumn.value.trim() };
    this.populationOutcome = null;
    this.renderOutcome('population');
    const button = form.querySelector('#population-import-submit');
    button.disabled = true;
    try {
      const result = await this.populationRunner.run(async (step) => {
        const accepted = await step.upload(
          (onProgress, onUploaded) => startPopulationImport(file, options, onProgress, onUploaded),
          { label: t('area.uploading', { file: file.name }), waitingLabel: t('area.waiting') },
        );
        return step.follow(accepted, t('area.populationRunning'));
      }, { label: t('area.uploading', { file: file.name }) });
      this.populationOutcome = { ok: true, result };
      form.reset();
      await this.changed('population');
    } catch (error) {
      this.populationOutcome = outcomeOf(error);
      if (error.cancelled && !error.aborted) {
        // a cancel that came after the cells were committed leaves the new layer: show what is stored
        await this.refresh();
      }
    } finally {
      button.disabled = false;
      this.renderOutcome('population');
    }
  }

  async importDistricts() {
    const form = this.districtForm;
    if (this.districtRunner.running) {
      return;
    }
    const file = this.chosenFile(form, 'district');
    if (!file) {
      return;
    }
    const options = { crs: form.elements.crs.value };
    this.districtOutcome = null;
    this.renderOutcome('district');
    const button = form.querySelector('#district-import-submit');
    button.disabled = true;
    try {
      const result = await this.districtRunner.run((step) => step.upload(
        (onProgress, onUploaded) => importDistricts(file, options, onProgress, onUploaded),
        { label: t('area.uploading', { file: file.name }), waitingLabel: t('area.districtsRunning') },
      ), { label: t('area.uploading', { file: file.name }) });
      this.districtOutcome = { ok: true, result };
      form.reset();
      await this.changed('districts');
    } catch (error) {
      this.districtOutcome = outcomeOf(error);
    } finally {
      button.disabled = false;
      this.renderOutcome('district');
    }
  }

  /** After an import: the panel's own listing, then the panels built on this data. */
  async changed(what) {
    await this.refresh();
    document.dispatchEvent(new CustomEvent(AREA_DATA_CHANGED, { detail: { what } }));
  }

  renderOutcome(prefix) {
    const form = prefix === 'population' ? this.populationForm : this.districtForm;
    const outcome = prefix === 'population' ? this.populationOutcome : this.districtOutcome;
    const target = form.querySelector(`#${prefix}-import-result`);
    target.replaceChildren();
    delete target.dataset.outcome;
    if (!outcome) {
      return;
    }
    target.dataset.outcome = outcomeName(outcome);
    if (outcome.ok) {
      const r = outcome.result || {};
      const text = prefix === 'population'
        ? t('area.populationImported', {
          cells: formatNumber(r.cells ?? NaN),
          residents: formatNumber(r.totalPopulation ?? NaN, { maximumFractionDigits: 0 }),
          crs: r.crs || '',
        })
        : t('area.districtsImported', { count: formatNumber(r.imported ?? NaN), crs: r.crs || '' });
      const warnings = Array.isArray(r.warnings) ? r.warnings : [];
      target.append(h('div', { class: 'result result--success' }, text,
        warnings.length ? h('ul', { class: 'result-list' }, warnings.map((w) => h('li', {},
          [w.row !== null && w.row !== undefined ? `${t('import.row')} ${formatNumber(w.row)}` : null, w.field, w.message]
            .filter(Boolean).join(' · ')))) : null));
      return;
    }
    target.append(outcomeBox(outcome, {
      cancelled: t(`area.${prefix}Cancelled`),
      failedTitle: t(`area.${prefix}Failed`),
    }));
  }
}

function fact(label, value, key) {
  return h('div', { class: 'area-fact', dataset: { fact: key } }, h('dt', {}, label), h('dd', {}, value));
}

function formatDateTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return formatDate(value);
  }
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
