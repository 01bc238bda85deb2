/**
 * Importing a facility file (in the side panel's sheet, with upload progress and cancel on the
 * page's JobRunner) and the export links.
 *
 * An import is all or nothing on the server: either every row is written, or the answer lists the
 * rejected rows and nothing was written. The result table says so, so a planner knows to fix the
 * file rather than hunt for half-imported rows.
 */
import { exportUrl, importFacilities } from './api.js';
import { formatBytes, formatNumber, onLanguageChange, t } from './i18n.js';
import { CRS_OPTIONS } from './formParts.js';
import { JobRunner } from './jobs.js';
import { closeSheet, describeError, h, showSheet, toast } from './ui.js';

/** Accepted file name endings; the server decides the format from the name and content. */
const ACCEPT = '.geojson,.json,.csv,.gpkg,.pbf,.osm.pbf';

/** The CRS choices: the shared ones and any EPSG code ("other"). */
const CRS_CHOICES = [...CRS_OPTIONS, ['other', 'import.crsOther']];

const ENCODING_OPTIONS = [['', 'import.encodingAuto'], ['UTF-8', null], ['GBK', null]];

/** More rejected rows than this are summarised, not listed: a table of 50 000 rows helps nobody. */
const MAX_REJECTED_ROWS_SHOWN = 500;

const EXPORT_FORMATS = ['geojson', 'csv', 'gpkg'];

export class Importer {
  /**
   * @param {object} options
   * @param {number} options.maxUploadBytes  from /api/config; 0 or absent = no client-side check
   * @param {() => Promise<void>} options.onImported  refreshes the map after a successful import
   * @param {() => void} options.expandPanel
   */
  constructor({ maxUploadBytes, onImported, expandPanel }) {
    this.maxUploadBytes = maxUploadBytes || 0;
    this.onImported = onImported;
    this.expandPanel = expandPanel;
    this.runner = new JobRunner({ id: 'import-progress', slot: () => this.form.querySelector('#import-progress-slot') });
    this.lastResult = null;
    document.getElementById('import-button').addEventListener('click', () => this.open());
    onLanguageChange(() => this.renderResult());
  }

  open() {
    this.expandPanel();
    this.lastResult = null;
    this.form = this.buildForm();
    showSheet({ id: 'import', titleKey: 'import.title', content: this.form, onClose: () => this.onClosed() });
    this.form.elements.file.focus();
  }

  onClosed() {
    // Closing the sheet does not cancel a running upload: the result is then reported as a toast.
    this.form = null;
  }

  buildForm() {
    const select = (name, options) => h('select', { id: `import-${name}`, name },
      options.map(([value, labelKey]) => h('option', { value, dataset: labelKey ? { i18n: labelKey } : {} }, labelKey ? t(labelKey) : value)));
    const row = (forId, labelKey, control, hintKey, hintParams) => h('div', { class: 'form-field form-field--wide' },
      h('label', { for: forId, dataset: { i18n: labelKey } }, t(labelKey)),
      control,
      hintKey ? h('div', {
        class: 'field-hint',
        dataset: hintParams ? { i18n: hintKey, i18nArgs: JSON.stringify(hintParams) } : { i18n: hintKey },
      }, t(hintKey, hintParams)) : null);

    const crsSelect = select('crs', CRS_CHOICES);
    const crsCode = h('input', {
      id: 'import-crs-code', name: 'crsCode', type: 'text', inputmode: 'numeric', placeholder: '4547',
      autocomplete: 'off', 'aria-label': t('import.crsCode'),
    });
    const crsCodeRow = h('div', { class: 'form-field form-field--wide', hidden: true },
      h('label', { for: 'import-crs-code', dataset: { i18n: 'import.crsCode' } }, t('import.crsCode')), crsCode);
    crsSelect.addEventListener('change', () => {
      crsCodeRow.hidden = crsSelect.value !== 'other';
    });
    const maxHint = this.maxUploadBytes ? { size: formatBytes(this.maxUploadBytes) } : null;

    const form = h('form', {
      id: 'import-form',
      class: 'import-form',
      novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.submit(); } },
    },
    h('div', { class: 'form-grid' },
      row('import-file', 'import.file',
        h('input', { id: 'import-file', name: 'file', type: 'file', accept: ACCEPT, required: true }),
        maxHint ? 'import.fileHint' : null, maxHint),
      row('import-crs', 'import.crs', crsSelect),
      crsCodeRow,
      row('import-encoding', 'import.encoding', select('encoding', ENCODING_OPTIONS)),
      h('div', { class: 'form-field' },
        h('label', { for: 'import-lon-column', dataset: { i18n: 'import.lonColumn' } }, t('import.lonColumn')),
        h('input', { id: 'import-lon-column', name: 'lonColumn', type: 'text', autocomplete: 'off', placeholder: 'lon' })),
      h('div', { class: 'form-field' },
        h('label', { for: 'import-lat-column', dataset: { i18n: 'import.latColumn' } }, t('import.latColumn')),
        h('input', { id: 'import-lat-column', name: 'latColumn', type: 'text', autocomplete: 'off', placeholder: 'lat' })),
      h('div', { class: 'field-hint form-field--wide', dataset: { i18n: 'import.columnsHint' } }, t('import.columnsHint')),
      row('import-layer', 'import.layer',
        h('input', { id: 'import-layer', name: 'layer', type: 'text', autocomplete: 'off' }), 'import.layerHint')),
    h('div', { class: 'form-error', id: 'import-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'import-submit', dataset: { i18n: 'import.submit' } }, t('import.submit')),
      h('button', {
        type: 'button', class: 'btn', id: 'import-close', dataset: { i18n: 'common.close' },
        on: { click: () => closeSheet() },
      }, t('common.close'))),
    h('div', { id: 'import-progress-slot' }),
    h('div', { id: 'import-result', class: 'import-result', 'aria-live': 'polite' }));
    return form;
  }

  /** The query options for the upload, or {error} when the form is incomplete. */
  readOptions() {
    const elements = this.form.elements;
    const file = elements.file.files[0];
    if (!file) {
      return { error: t('import.chooseFile') };
    }
    if (this.maxUploadBytes && file.size > this.maxUploadBytes) {
      return { error: t('import.tooLarge', { size: formatBytes(file.size), max: formatBytes(this.maxUploadBytes) }) };
    }
    let crs = elements.crs.value;
    if (crs === 'other') {
      const code = elements.crsCode.value.trim().replace(/^epsg:/i, '');
      if (!/^\d{4,6}$/.test(code)) {
        return { error: t('import.crsCodeInvalid') };
      }
      crs = `EPSG:${code}`;
    }
    return {
      file,
      options: {
        crs,
        encoding: elements.encoding.value,
        lonColumn: elements.lonColumn.value.trim(),
        latColumn: elements.latColumn.value.trim(),
        layer: elements.layer.value.trim(),
      },
    };
  }

  submit() {
    if (this.runner.running) {
      return;
    }
    const { file, options, error } = this.readOptions();
    const formError = this.form.querySelector('#import-form-error');
    formError.textContent = error || '';
    formError.hidden = !error;
    if (error) {
      return;
    }
    this.lastResult = null;
    this.renderResult();
    const form = this.form;
    const submitButton = form.querySelector('#import-submit');
    submitButton.disabled = true;

    const uploading = t('import.uploading', { file: file.name });
    this.runner.run(async (step) => {
      const result = await step.upload(
        (onProgress, onUploaded) => importFacilities(file, options, onProgress, onUploaded),
        { label: uploading, waitingLabel: t('import.processing') },
      );
      // the finished bar stays, saying what was imported
      step.progress(1, t('import.success', countsOf(result)));
      return result;
    }, { label: uploading, keepOnSuccess: true })
      .then(async (result) => {
        this.lastResult = { ok: true, result };
        await this.onImported();
        if (!form.isConnected) {
          toast(t('import.success', countsOf(result)), { kind: 'success', timeoutMs: 8000 });
        }
      })
      .catch((failure) => {
        if (failure.cancelled) {
          this.lastResult = { cancelled: true };
          // the upload may have been complete, so the server could still have written the file
          this.onImported().catch(() => {});
        } else {
          this.lastResult = { ok: false, error: failure };
          if (!form.isConnected) {
            toast(`${t('import.failed')}: ${describeError(failure)}`, { kind: 'error', timeoutMs: 8000 });
          }
        }
      })
      .finally(() => {
        submitButton.disabled = false;
        this.renderResult();
      });
  }

  /** Draws #import-result from lastResult (again after a language switch). */
  renderResult() {
    const target = this.form?.querySelector('#import-result');
    if (!target) {
      return;
    }
    const state = this.lastResult;
    target.replaceChildren();
    delete target.dataset.outcome;
    if (!state) {
      return;
    }
    if (state.cancelled) {
      target.dataset.outcome = 'cancelled';
      target.append(h('div', { class: 'result result--info' }, t('import.cancelled')));
      return;
    }
    if (state.ok) {
      target.dataset.outcome = 'success';
      target.append(h('div', { class: 'result result--success', id: 'import-summary' }, t('import.success', countsOf(state.result))));
      return;
    }
    const error = state.error;
    const rejected = error.rejected || [];
    target.dataset.outcome = 'rejected';
    target.append(h('div', { class: 'result result--error' },
      h('div', { class: 'result-title' }, error.title || t('import.failed')),
      error.detail && error.detail !== error.title ? h('div', {}, describeError(error)) : null,
      error.isNetworkError ? h('div', {}, t('error.network')) : null,
      h('div', { class: 'result-note', id: 'import-nothing-written' }, t('import.nothingWritten'))));
    if (rejected.length) {
      const shown = rejected.slice(0, MAX_REJECTED_ROWS_SHOWN);
      target.append(
        h('div', { class: 'result-count' }, t('import.rejectedCount', { count: rejected.length })),
        h('div', { class: 'table-scroll' },
          h('table', { class: 'data-table', id: 'import-rejected' },
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col', class: 'num' }, t('import.row')),
              h('th', { scope: 'col' }, t('import.field')),
              h('th', { scope: 'col' }, t('import.message')))),
            h('tbody', {}, shown.map((item) => h('tr', { dataset: { row: item.row ?? '' } },
              h('td', { class: 'num' }, item.row === null || item.row === undefined ? t('common.none') : formatNumber(item.row)),
              h('td', {}, item.field ?? t('common.none')),
              h('td', {}, item.message ?? '')))))),
      );
      if (rejected.length > shown.length) {
        target.append(h('div', { class: 'field-hint' }, t('import.rejectedMore', { count: rejected.length - shown.length })));
      }
    }
  }
}

function countsOf(result) {
  return {
    imported: result?.imported ?? 0,
    created: result?.created ?? 0,
    updated: result?.updated ?? 0,
  };
}

/**
 * Keeps the export links (#export-geojson, #export-csv, #export-gpkg) pointing at the current
 * filter: hidden types or statuses are left out of the download.
 */
export function initExportLinks(layer) {
  const hint = document.getElementById('export-hint');
  const update = (filter) => {
    EXPORT_FORMATS.forEach((format) => {
      const link = document.getElementById(`export-${format}`);
      if (filter.empty) {
        link.removeAttribute('href');
        link.setAttribute('aria-disabled', 'true');
      } else {
        link.href = exportUrl(format, filter);
        link.removeAttribute('aria-disabled');
      }
    });
    const filtered = Boolean(filter.types || filter.statuses);
    hint.dataset.i18n = filtered ? 'export.filteredHint' : 'export.allHint';
    hint.textContent = t(hint.dataset.i18n);
  };
  layer.onFilterChange(update);
  update(layer.currentFilter());
}
