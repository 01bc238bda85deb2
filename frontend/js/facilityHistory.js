/**
 * A facility's history in the side panel's sheet (#facility-history): its versions newest first,
 * each with who, when, the action and the fields it changed (before → after), and "Restore this
 * version" for every earlier version that has a state. A restore sends the version the planner
 * sees as current (If-Match), so it never overwrites a change it has not shown.
 *
 * Test hooks: the list is #facility-history-list with one li.history-entry per version
 * (data-version, data-action); the sheet's data-loaded is "true" once the entries are shown.
 */
import { fetchFacilityHistory, restoreFacilityVersion } from './api.js';
import { facilityOf, formatCoordinate } from './facilities.js';
import { locale, t } from './i18n.js';
import { describeError, h, showSheet, toast } from './ui.js';

export class FacilityHistory {
  /**
   * @param {object} options
   * @param {import('./facilities.js').FacilityLayer} options.layer
   * @param {import('./catalogue.js').Catalogue} options.catalogue
   * @param {() => void} options.expandPanel  makes the side panel visible before showing the sheet
   */
  constructor({ layer, catalogue, expandPanel }) {
    this.layer = layer;
    this.catalogue = catalogue;
    this.expandPanel = expandPanel;
  }

  /** Opens the history of facility ({id, name, version}, as FacilityLayer.get returns it). */
  async open(facility) {
    this.layer.closePopup();
    this.expandPanel();
    const container = h('div', { class: 'facility-history', id: 'facility-history', dataset: { facilityId: String(facility.id) } },
      h('div', { class: 'history-facility' }, facility.name || String(facility.id)),
      h('p', { class: 'field-hint' }, t('common.loading')));
    showSheet({ id: 'facility-history', titleKey: 'history.title', content: container });
    await this.load(facility.id, container);
  }

  async load(id, container) {
    let history;
    try {
      history = await fetchFacilityHistory(id);
    } catch (error) {
      container.replaceChildren(h('div', { class: 'form-error', role: 'alert' }, describeError(error)));
      return;
    }
    if (!container.isConnected) {
      return;
    }
    const current = this.layer.get(id);
    const entries = history.entries || [];
    const list = h('ol', { class: 'history-list', id: 'facility-history-list' },
      entries.map((entry) => this.entryItem(entry, current, container)));
    container.replaceChildren(
      h('div', { class: 'history-facility' }, current?.name || String(id)),
      entries.length ? list : h('p', { class: 'field-hint' }, t('history.empty')));
    container.dataset.loaded = 'true';
  }

  entryItem(entry, current, container) {
    const isCurrent = current && current.version === entry.version;
    const changes = entry.changes || [];
    const restorable = entry.after && !isCurrent;
    return h('li', { class: 'history-entry', dataset: { version: String(entry.version), action: entry.action } },
      h('div', { class: 'history-head' },
        h('span', { class: 'history-version' }, t('history.version', { version: entry.version })),
        h('span', { class: `history-action history-action--${entry.action}` }, t(`history.action.${entry.action}`)),
        isCurrent ? h('span', { class: 'history-current' }, t('history.current')) : null),
      h('div', { class: 'history-meta' }, `${entry.user} · ${formatTime(entry.changedAt)}`),
      changes.length && entry.before && entry.after ? h('table', { class: 'popup-table history-changes' }, h('tbody', {},
        changes.map((change) => h('tr', { dataset: { field: change.field } },
          h('th', { scope: 'row' }, this.fieldLabel(change.field)),
          h('td', {}, h('span', { class: 'history-before' }, this.valueText(change.field, change.before)),
            ' → ', h('span', { class: 'history-after' }, this.valueText(change.field, change.after)))))))
        : null,
      restorable ? h('button', {
        type: 'button', class: 'btn btn-small history-restore', dataset: { version: String(entry.version) },
        on: { click: (event) => this.restore(current, entry, event.currentTarget, container) },
      }, t('history.restore')) : null);
  }

  async restore(current, entry, button, container) {
    const id = Number(container.dataset.facilityId);
    button.disabled = true;
    try {
      const stored = await restoreFacilityVersion(id, entry.version, current?.version);
      this.layer.upsert(stored);
      const restored = facilityOf(stored);
      toast(t('history.restored', { version: entry.version, name: restored.name }), { kind: 'success' });
      await this.load(id, container);
    } catch (error) {
      button.disabled = false;
      if (error.status === 409 && error.problem?.stored) {
        this.layer.upsert(error.problem.stored);
        toast(t('history.restoreConflict', { stored: error.problem.storedVersion }), { kind: 'error', timeoutMs: 8000 });
        await this.load(id, container);
      } else {
        toast(`${t('history.restoreFailed')}: ${describeError(error)}`, { kind: 'error', timeoutMs: 8000 });
      }
    }
  }

  fieldLabel(field) {
    if (field === 'location') {
      return t('field.coordinates');
    }
    const key = `field.${field}`;
    const label = t(key);
    return label === key ? field : label;
  }

  valueText(field, value) {
    if (value === null || value === undefined || value === '') {
      return t('common.none');
    }
    if (field === 'location' && Array.isArray(value)) {
      return `${formatCoordinate(value[0])}, ${formatCoordinate(value[1])}`;
    }
    if (field === 'type') {
      return this.catalogue.typeName(value);
    }
    if (field === 'status') {
      return t(`status.${value}`);
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** An ISO instant as date and time in the current locale. */
function formatTime(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value)
    : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}
