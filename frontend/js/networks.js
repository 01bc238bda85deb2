/**
 * Road networks: the list of stored networks (zoom to one, delete one) and the import of an
 * OpenStreetMap extract. An import uploads the .osm.pbf file, then follows the server's
 * graph-building job (jobs.js) with the same progress bar; Cancel aborts the upload or cancels
 * the job, whichever is running.
 *
 * Coverage zones along real roads need a network, so the coverage form listens here (onChange).
 *
 * Test hooks: body data-networks-loaded="<n>" after every listing (removed while one is in
 * flight; data-networks-error="<status>" when it failed); #network-list li[data-network-id];
 * #network-import-result[data-outcome=success|failed|cancelled].
 */
import { deleteNetwork, fetchNetworks, importNetwork } from './api.js';
import { formatDate, formatNumber, onLanguageChange, t } from './i18n.js';
import { runJob, resultOf } from './jobs.js';
import { confirmDialog, describeError, h, ProgressBar, toast } from './ui.js';

/** OpenStreetMap's binary format; the server reads nothing else for networks. */
const ACCEPT = '.pbf';

/** How long the outline of a network's extent stays on the map after "zoom to". */
const EXTENT_FLASH_MS = 4000;

/** Travel-mode profiles with a translated name; others are shown by their code. */
export const MODES = ['walk', 'drive', 'ambulance'];

export function modeLabel(mode) {
  return MODES.includes(mode) ? t(`mode.${mode}`) : String(mode ?? '');
}

export class NetworkPanel {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {HTMLElement} options.container  the body of #network-section
   */
  constructor({ map, container }) {
    this.map = map;
    this.networks = [];
    this.loadError = null;
    this.listeners = new Set();
    this.upload = null;
    this.jobController = null;
    this.importOutcome = null;
    this.extentOutline = null;
    this.highlightId = null;
    this.list = h('ul', { id: 'network-list', class: 'network-list', 'aria-live': 'polite' });
    this.form = this.buildImportForm();
    container.replaceChildren(this.list, this.form);
    onLanguageChange(() => {
      this.renderList();
      this.renderImportOutcome();
    });
  }

  /* ------------------------------------------------------------ list */

  /** Re-reads GET /api/networks; resolves with the list (keeps the old one when the call fails). */
  async refresh() {
    delete document.body.dataset.networksLoaded;
    delete document.body.dataset.networksError;
    try {
      const networks = await fetchNetworks();
      this.networks = Array.isArray(networks) ? networks : [];
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
      document.body.dataset.networksError = String(error.status ?? 0);
    }
    this.renderList();
    document.body.dataset.networksLoaded = String(this.networks.length);
    this.listeners.forEach((fn) => fn(this.networks));
    return this.networks;
  }

  /** Registers fn(networks) to run after every listing. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  get(id) {
    return this.networks.find((network) => String(network.id) === String(id)) || null;
  }

  renderList() {
    const items = this.networks.map((network) => this.renderItem(network));
    if (this.loadError) {
      items.unshift(h('li', { class: 'network-message network-message--error' },
        t('networks.loadFailed', { message: describeError(this.loadError) })));
    } else if (!this.networks.length) {
      items.push(h('li', { class: 'network-message' }, t('networks.empty')));
    }
    this.list.replaceChildren(...items);
  }

  renderItem(network) {
    const name = network.name || `#${network.id}`;
    const profiles = Array.isArray(network.profiles) ? network.profiles : [];
    return h('li', {
      class: `network-item${String(network.id) === String(this.highlightId) ? ' network-item--new' : ''}`,
      dataset: { networkId: String(network.id) },
    },
    h('div', { class: 'network-head' },
      h('span', { class: 'network-name', title: name }, name),
      h('button', {
        type: 'button',
        class: 'btn-icon btn-icon--small',
        dataset: { action: 'zoom' },
        title: t('networks.zoom'),
        'aria-label': `${t('networks.zoom')}: ${name}`,
        disabled: !validBbox(network.bbox),
        html: ZOOM_GLYPH,
        on: { click: () => this.zoomTo(network.id) },
      }),
      h('button', {
        type: 'button',
        class: 'btn-icon btn-icon--small btn-icon--danger',
        dataset: { action: 'delete' },
        title: t('networks.delete'),
        'aria-label': `${t('networks.delete')}: ${name}`,
        on: { click: () => this.confirmDelete(network) },
      }, '×')),
    h('div', { class: 'network-meta' },
      t('networks.stats', { nodes: network.nodeCount ?? NaN, edges: network.edgeCount ?? NaN }),
      network.createdAt ? ` · ${t('networks.created', { date: formatDate(network.createdAt) })}` : ''),
    profiles.length ? h('div', { class: 'network-profiles' },
      profiles.map((profile) => h('span', { class: 'tag', dataset: { profile } }, modeLabel(profile)))) : null);
  }

  /** Fits the map to network id's extent and outlines it for a few seconds. */
  zoomTo(id) {
    const network = this.get(id);
    if (!network || !validBbox(network.bbox)) {
      return false;
    }
    const [minLon, minLat, maxLon, maxLat] = network.bbox;
    const bounds = L.latLngBounds([minLat, minLon], [maxLat, maxLon]);
    this.map.fitBounds(bounds, { padding: [24, 24] });
    this.extentOutline?.remove();
    const outline = L.rectangle(bounds, {
      className: 'network-extent',
      color: '#1f6f78',
      weight: 2,
      dashArray: '6 4',
      fill: false,
      interactive: false,
    }).addTo(this.map);
    this.extentOutline = outline;
    setTimeout(() => {
      outline.remove();
      if (this.extentOutline === outline) {
        this.extentOutline = null;
      }
    }, EXTENT_FLASH_MS);
    return true;
  }

  async confirmDelete(network) {
    const name = network.name || `#${network.id}`;
    const confirmed = await confirmDialog({
      title: t('networks.deleteTitle'),
      message: t('networks.deleteMessage', { name }),
      okLabel: t('common.delete'),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    try {
      await deleteNetwork(network.id);
      toast(t('networks.deleted', { name }), { kind: 'success' });
    } catch (error) {
      // 404: already gone, the refresh shows it; anything else (a 409 "in use") is worth reading
      if (error.status !== 404) {
        toast(t('networks.deleteFailed', { message: describeError(error) }), { kind: 'error', timeoutMs: 8000 });
      }
    }
    await this.refresh();
  }

  /* ------------------------------------------------------------ import */

  buildImportForm() {
    this.submitButton = h('button', {
      type: 'submit', class: 'btn btn-small btn-primary', id: 'network-import-submit', dataset: { i18n: 'networks.importSubmit' },
    }, t('networks.importSubmit'));
    return h('form', {
      id: 'network-import-form',
      class: 'network-import',
      novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.submitImport(); } },
    },
    h('h3', { class: 'subheading', dataset: { i18n: 'networks.importHeading' } }, t('networks.importHeading')),
    h('div', { class: 'form-field' },
      h('label', { for: 'network-import-file', dataset: { i18n: 'networks.importFile' } }, t('networks.importFile')),
      h('input', {
        id: 'network-import-file', name: 'file', type: 'file', accept: ACCEPT, 'aria-describedby': 'network-import-error',
      })),
    h('div', { class: 'form-field' },
      h('label', { for: 'network-import-name', dataset: { i18n: 'networks.importName' } }, t('networks.importName')),
      h('div', { class: 'input-row' },
        h('input', {
          id: 'network-import-name', name: 'name', type: 'text', maxlength: '200', autocomplete: 'off',
          dataset: { i18nPlaceholder: 'networks.importNamePlaceholder' }, placeholder: t('networks.importNamePlaceholder'),
        }),
        this.submitButton)),
    h('div', { class: 'field-error', id: 'network-import-error', 'aria-live': 'polite' }),
    h('div', { id: 'network-import-progress-slot' }),
    h('div', { id: 'network-import-result', class: 'import-result', 'aria-live': 'polite' }));
  }

  get busy() {
    return Boolean(this.upload || this.jobController);
  }

  async submitImport() {
    if (this.busy) {
      return;
    }
    const fileInput = this.form.elements.file;
    const file = fileInput.files[0];
    const problem = !file ? t('networks.chooseFile')
      : !/\.pbf$/i.test(file.name) ? t('networks.pbfOnly') : '';
    this.form.querySelector('#network-import-error').textContent = problem;
    fileInput.toggleAttribute('aria-invalid', Boolean(problem));
    if (problem) {
      fileInput.focus();
      return;
    }
    this.importOutcome = null;
    this.renderImportOutcome();
    if (this.highlightId !== null) {
      this.highlightId = null;
      this.renderList();
    }
    this.submitButton.disabled = true;
    const cancel = () => {
      this.upload?.abort();
      this.jobController?.abort();
    };
    const progress = new ProgressBar({ id: 'network-import-progress', onCancel: cancel });
    this.form.querySelector('#network-import-progress-slot').replaceChildren(progress.element);
    const uploading = t('networks.uploading', { file: file.name });
    progress.update(0, uploading);

    try {
      this.upload = importNetwork(
        file,
        this.form.elements.name.value.trim(),
        (loaded, total) => progress.update(loaded / total, uploading),
        () => progress.indeterminate(t('networks.waiting')),
      );
      const accepted = await this.upload.promise;
      this.upload = null;
      this.jobController = new AbortController();
      const job = await runJob(accepted.jobId, {
        signal: this.jobController.signal,
        onProgress: (current) => showJobProgress(progress, current, t('networks.building')),
      });
      const result = resultOf(job);
      await this.refresh();
      this.highlightId = result?.id ?? null;
      this.renderList();
      this.importOutcome = { ok: true, networkId: result?.id };
      this.form.reset();
    } catch (error) {
      this.importOutcome = error.cancelled || error.aborted ? { cancelled: true } : { ok: false, error };
      if (error.cancelled) {
        // a job cancelled late may still have stored its network
        this.refresh();
      }
    } finally {
      this.upload = null;
      this.jobController = null;
      progress.finish();
      progress.element.remove();
      this.submitButton.disabled = false;
      this.renderImportOutcome();
    }
  }

  renderImportOutcome() {
    const target = this.form.querySelector('#network-import-result');
    const state = this.importOutcome;
    target.replaceChildren();
    delete target.dataset.outcome;
    if (!state) {
      return;
    }
    if (state.cancelled) {
      target.dataset.outcome = 'cancelled';
      target.append(h('div', { class: 'result result--info' }, t('networks.importCancelled')));
      return;
    }
    if (state.ok) {
      const network = this.get(state.networkId);
      target.dataset.outcome = 'success';
      target.append(h('div', { class: 'result result--success' }, network
        ? t('networks.imported', { name: network.name || `#${network.id}`, nodes: network.nodeCount ?? NaN, edges: network.edgeCount ?? NaN })
        : t('networks.importedShort')));
      return;
    }
    target.dataset.outcome = 'failed';
    target.append(problemBox(state.error, t('networks.importFailed')));
  }
}

/**
 * Shows a job's state on a progress bar: indeterminate while the server gives no fraction, the
 * step the server reports (its message) after the label.
 */
export function showJobProgress(progress, job, label) {
  const text = job.state === 'queued' ? t('jobs.queued')
    : job.message ? t('jobs.step', { label, message: job.message }) : label;
  if (Number.isFinite(job.progress)) {
    progress.update(job.progress, text);
  } else {
    progress.indeterminate(text);
  }
}

/**
 * A failure as a red box: the problem's title (else fallbackTitle), its detail, and the messages
 * of its rejected items and field errors as a list.
 */
export function problemBox(error, fallbackTitle) {
  const items = [...(error.rejected || []), ...(error.errors || [])]
    .map((item) => [item.row !== null && item.row !== undefined ? `${t('import.row')} ${formatNumber(item.row)}` : null,
      item.field || null, item.message].filter(Boolean).join(' · '))
    .filter(Boolean);
  const detail = describeError(error);
  return h('div', { class: 'result result--error' },
    h('div', { class: 'result-title' }, error.title && error.title !== detail && !error.isNetworkError ? error.title : fallbackTitle),
    detail ? h('div', {}, detail) : null,
    items.length ? h('ul', { class: 'result-list' }, items.map((text) => h('li', {}, text))) : null);
}

function validBbox(bbox) {
  return Array.isArray(bbox) && bbox.length === 4 && bbox.every(Number.isFinite)
    && bbox[0] <= bbox[2] && bbox[1] <= bbox[3];
}

/** Four corner marks: "fit to extent". */
const ZOOM_GLYPH = `<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
  <path fill="none" stroke="currentColor" stroke-width="1.6" d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4"/></svg>`;
