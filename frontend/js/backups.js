/**
 * Administration: backups of the whole store. Lists the backups in the server's backup folder
 * (date and time, size, tables and rows, by hand or scheduled), downloads one, deletes one, and
 * makes one now: the server runs the backup as a job, followed by the page's JobRunner (jobs.js).
 * Restoring is not offered here: it needs an empty store, which is a fresh installation (see the
 * README's "Backups" section).
 *
 * Test hooks: body data-backups-loaded="<n>" after every listing; #backup-list li[data-backup-name];
 * #backup-result[data-outcome=success|failed|cancelled].
 */
import { backupDownloadUrl, deleteBackup, fetchBackups, startBackup } from './api.js';
import { formatBytes, formatNumber, locale, onLanguageChange, t } from './i18n.js';
import { JobRunner, outcomeBox, outcomeName, outcomeOf } from './jobs.js';
import { confirmDialog, describeError, h, toast } from './ui.js';

/** "2026年12月3日 14:25" / "Dec 3, 2026, 2:25 PM": backups are told apart by their time. */
function formatDateTime(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value ?? '')
    : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export class BackupPanel {
  /** @param {{container: HTMLElement}} options  the body of the backups part of #admin-section */
  constructor({ container }) {
    this.backups = [];
    this.loadError = null;
    this.outcome = null;
    this.highlightName = null;
    this.createButton = h('button', {
      type: 'button', class: 'btn btn-small btn-primary', id: 'backup-create', dataset: { i18n: 'backups.create' },
      on: { click: () => this.create() },
    }, t('backups.create'));
    this.progressSlot = h('div', { id: 'backup-progress-slot' });
    this.runner = new JobRunner({ id: 'backup-progress', slot: this.progressSlot });
    this.result = h('div', { id: 'backup-result', class: 'import-result', 'aria-live': 'polite' });
    this.list = h('ul', { id: 'backup-list', class: 'backup-list', 'aria-live': 'polite' });
    container.replaceChildren(
      h('h3', { class: 'subheading', dataset: { i18n: 'backups.heading' } }, t('backups.heading')),
      h('p', { class: 'field-hint', dataset: { i18n: 'backups.intro' } }, t('backups.intro')),
      this.list,
      h('div', { class: 'backup-actions' }, this.createButton),
      this.progressSlot,
      this.result,
    );
    onLanguageChange(() => {
      this.renderList();
      this.renderOutcome();
    });
  }

  /** Re-reads the list; keeps the old one when the call fails. */
  async refresh() {
    delete document.body.dataset.backupsLoaded;
    try {
      const backups = await fetchBackups();
      this.backups = Array.isArray(backups) ? backups : [];
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
    this.renderList();
    document.body.dataset.backupsLoaded = String(this.backups.length);
    return this.backups;
  }

  renderList() {
    const items = this.backups.map((backup) => this.renderItem(backup));
    if (this.loadError) {
      items.unshift(h('li', { class: 'backup-message backup-message--error' },
        t('backups.loadFailed', { message: describeError(this.loadError) })));
    } else if (!this.backups.length) {
      items.push(h('li', { class: 'backup-message' }, t('backups.empty')));
    }
    this.list.replaceChildren(...items);
  }

  renderItem(backup) {
    const kind = backup.kind ? t(`backups.kind.${backup.kind}`) : '';
    return h('li', {
      class: `backup-item${backup.name === this.highlightName ? ' backup-item--new' : ''}`,
      dataset: { backupName: backup.name },
    },
    h('div', { class: 'backup-head' },
      h('span', { class: 'backup-date', title: backup.name }, formatDateTime(backup.createdAt)),
      h('a', {
        class: 'btn btn-small', href: backupDownloadUrl(backup.name), download: backup.name, dataset: { action: 'download' },
      }, t('backups.download')),
      h('button', {
        type: 'button',
        class: 'btn-icon btn-icon--small btn-icon--danger',
        dataset: { action: 'delete' },
        title: t('backups.delete'),
        'aria-label': `${t('backups.delete')}: ${backup.name}`,
        on: { click: () => this.confirmDelete(backup) },
      }, '×')),
    h('div', { class: 'backup-meta' },
      [formatBytes(backup.sizeBytes),
        backup.problem ? null : t('backups.rows', { tables: formatNumber(backup.tables), rows: formatNumber(backup.rows) }),
        kind,
        backup.networks > 0 && !backup.networksIncluded ? t('backups.noNetworks') : null]
        .filter(Boolean).join(' · ')),
    backup.problem ? h('div', { class: 'backup-message backup-message--error' },
      t('backups.unreadable', { problem: backup.problem })) : null);
  }

  /** Makes a backup now and follows its job; resolves when it has finished. */
  async create() {
    if (this.runner.running) {
      return;
    }
    this.outcome = null;
    this.renderOutcome();
    this.createButton.disabled = true;
    try {
      const label = t('backups.creating');
      const backup = await this.runner.run(async (step) => step.follow(await startBackup()), { label });
      this.highlightName = backup?.name ?? null;
      this.outcome = { ok: true, name: backup?.name };
      await this.refresh();
    } catch (error) {
      this.outcome = outcomeOf(error);
    } finally {
      this.createButton.disabled = false;
      this.renderOutcome();
    }
  }

  renderOutcome() {
    const state = this.outcome;
    this.result.replaceChildren();
    delete this.result.dataset.outcome;
    if (!state) {
      return;
    }
    this.result.dataset.outcome = outcomeName(state);
    this.result.append(state.ok
      ? h('div', { class: 'result result--success' }, t('backups.created', { name: state.name }))
      : outcomeBox(state, { cancelled: t('backups.cancelled'), failedTitle: t('backups.createFailed') }));
  }

  async confirmDelete(backup) {
    const confirmed = await confirmDialog({
      title: t('backups.deleteTitle'),
      message: t('backups.deleteMessage', { name: backup.name }),
      okLabel: t('common.delete'),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    try {
      await deleteBackup(backup.name);
    } catch (error) {
      if (error.status !== 404) {
        toast(t('backups.deleteFailed', { message: describeError(error) }), { kind: 'error', timeoutMs: 8000 });
      }
    }
    await this.refresh();
  }
}
