/**
 * Road networks: the list of stored networks (zoom to one, delete one) and the import of an
 * OpenStreetMap extract. An import uploads the .osm.pbf file, then follows the server's
 * graph-building job, both on one JobRunner (jobs.js); Cancel aborts the upload or cancels the
 * job, whichever is running.
 *
 * Coverage zones along real roads need a network, so the coverage form listens here (onChange).
 *
 * Test hooks: body data-networks-loaded="<n>" after every listing (removed while one is in
 * flight; data-networks-error="<status>" when it failed); #network-list li[data-network-id];
 * #network-import-result[data-outcome=success|failed|cancelled].
 */
import { deleteNetwork, fetchNetworks, importNetwork } from './api.js';
import { formatDate, onLanguageChange, t } from './i18n.js';
import { JobRunner, outcomeBox, outcomeName, outcomeOf } from './jobs.js';
import { confirmDialog, describeError, h, toast } from './ui.js';

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
    this.runner = new JobRunner({ id: 'network-import-progress', slot: () => this.form.querySelector('#network-import-progress-slot') });
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
    return this.runner.running;
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
    const name = this.form.elements.name.value.trim();
    try {
      const result = await this.runner.run(async (step) => {
        const accepted = await step.upload(
          (onProgress, onUploaded) => importNetwork(file, name, onProgress, onUploaded),
          { label: t('networks.uploading', { file: file.name }), waitingLabel: t('networks.waiting') },
        );
        return step.follow(accepted, t('networks.building'));
      }, { label: t('networks.uploading', { file: file.name }) });
      await this.refresh();
      this.highlightId = result?.id ?? null;
      this.renderList();
      this.importOutcome = { ok: true, networkId: result?.id };
      this.form.reset();
    } catch (error) {
      this.importOutcome = outcomeOf(error);
      if (error.cancelled && !error.aborted) {
        // a job cancelled late may still have stored its network
        this.refresh();
      }
    } finally {
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
    target.dataset.outcome = outcomeName(state);
    if (state.ok) {
      const network = this.get(state.networkId);
      target.append(h('div', { class: 'result result--success' }, network
        ? t('networks.imported', { name: network.name || `#${network.id}`, nodes: network.nodeCount ?? NaN, edges: network.edgeCount ?? NaN })
        : t('networks.importedShort')));
      return;
    }
    target.append(outcomeBox(state, { cancelled: t('networks.importCancelled'), failedTitle: t('networks.importFailed') }));
  }
}

function validBbox(bbox) {
  return Array.isArray(bbox) && bbox.length === 4 && bbox.every(Number.isFinite)
    && bbox[0] <= bbox[2] && bbox[1] <= bbox[3];
}

/** Four corner marks: "fit to extent". */
const ZOOM_GLYPH = `<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
  <path fill="none" stroke="currentColor" stroke-width="1.6" d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4"/></svg>`;
