/**
 * Small UI building blocks shared by the feature modules: a DOM builder, the side panel and its
 * "sheet" (a detail view that slides over the panel for forms and tasks), a progress bar with a
 * cancel button for long jobs, toasts, a confirmation dialog, one Escape-key stack, and the one
 * way a failed request is shown (describeError for a line, problemBox for a box).
 *
 * Nothing here knows about facilities; feature modules compose these pieces.
 */
import { ApiError } from './api.js';
import { applyTranslations, formatNumber, t } from './i18n.js';

/**
 * Creates an element. attrs: `class`, `dataset` (object), `on` ({event: handler}), boolean
 * attributes as true/false, anything else as an attribute. Children: nodes or strings (as text,
 * so untrusted data such as facility names never becomes markup). null/false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([key, value]) => {
    if (value === null || value === undefined || value === false) {
      return;
    }
    if (key === 'class') {
      element.className = value;
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key === 'on') {
      Object.entries(value).forEach(([event, handler]) => element.addEventListener(event, handler));
    } else if (key === 'text') {
      element.textContent = value;
    } else if (key === 'html') {
      element.innerHTML = value; // only for markup built by this code (icons), never for data
    } else if (value === true) {
      element.setAttribute(key, '');
    } else if (key in element && typeof value !== 'string') {
      element[key] = value;
    } else {
      element.setAttribute(key, value);
    }
  });
  children.flat().forEach((child) => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return element;
}

/* ---------------------------------------------------------------- Escape key */

const escapeHandlers = [];

/**
 * Registers handler to run on Escape. The most recently registered handler that is still active
 * wins, so Escape closes the innermost thing first. Returns a function that unregisters it.
 */
export function onEscape(handler) {
  escapeHandlers.push(handler);
  return () => {
    const index = escapeHandlers.lastIndexOf(handler);
    if (index >= 0) {
      escapeHandlers.splice(index, 1);
    }
  };
}

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) {
    return; // an open <dialog> handles its own Escape
  }
  const handler = escapeHandlers[escapeHandlers.length - 1];
  if (handler) {
    event.preventDefault();
    handler(event);
  }
});

/* ---------------------------------------------------------------- side panel */

const PANEL_STORAGE_KEY = 'carecircle.panelCollapsed';

/**
 * Wires the collapse button of the side panel. onResize runs after the panel changed width so the
 * map can re-measure itself.
 */
export function initSidePanel(onResize) {
  const panel = document.getElementById('side-panel');
  const toggle = document.getElementById('panel-toggle');
  const apply = (collapsed) => {
    document.body.classList.toggle('panel-collapsed', collapsed);
    toggle.setAttribute('aria-expanded', String(!collapsed));
    toggle.dataset.i18nTitle = collapsed ? 'panel.expand' : 'panel.collapse';
    toggle.dataset.i18nAriaLabel = toggle.dataset.i18nTitle;
    applyTranslations(toggle);
    panel.inert = collapsed;
  };
  let collapsed = false;
  try {
    collapsed = localStorage.getItem(PANEL_STORAGE_KEY) === 'true';
  } catch {
    // default: expanded
  }
  apply(collapsed);
  toggle.addEventListener('click', () => {
    collapsed = !document.body.classList.contains('panel-collapsed');
    apply(collapsed);
    try {
      localStorage.setItem(PANEL_STORAGE_KEY, String(collapsed));
    } catch {
      // not remembered
    }
  });
  panel.addEventListener('transitionend', (event) => {
    if (event.target === panel) {
      onResize();
    }
  });
  return {
    expand() {
      if (document.body.classList.contains('panel-collapsed')) {
        toggle.click();
      }
    },
  };
}

/* ---------------------------------------------------------------- sheet */

let openSheet = null;

/**
 * Shows content in the panel's sheet, replacing whatever sheet was open (whose onClose runs).
 * The sheet has a title bar with a close button; Escape closes it too.
 *
 * @param {{id: string, titleKey: string, content: Node, onClose?: () => void}} options
 *        id becomes the sheet's data-sheet attribute (e.g. "facility-form", "import")
 * @returns {{close: () => void, element: HTMLElement}}
 */
export function showSheet({ id, titleKey, content, onClose }) {
  closeSheet();
  const sheet = document.getElementById('panel-sheet');
  const title = sheet.querySelector('.sheet-title');
  const body = sheet.querySelector('.sheet-body');
  title.dataset.i18n = titleKey;
  title.textContent = t(titleKey);
  body.replaceChildren(content);
  sheet.dataset.sheet = id;
  sheet.hidden = false;
  document.body.classList.add('sheet-open');
  const removeEscape = onEscape(() => handle.close());
  const handle = {
    element: sheet,
    close() {
      if (openSheet !== handle) {
        return;
      }
      openSheet = null;
      removeEscape();
      sheet.hidden = true;
      delete sheet.dataset.sheet;
      body.replaceChildren();
      document.body.classList.remove('sheet-open');
      if (onClose) {
        onClose();
      }
    },
  };
  openSheet = handle;
  return handle;
}

/** Closes the open sheet, if any. */
export function closeSheet() {
  if (openSheet) {
    openSheet.close();
  }
}

export function initSheet() {
  document.querySelector('#panel-sheet .sheet-close').addEventListener('click', closeSheet);
}

/* ---------------------------------------------------------------- progress bar */

/**
 * A progress bar with a label and a cancel button, for uploads and long server jobs.
 *
 *   const progress = new ProgressBar({id: 'import-progress', onCancel: () => job.abort()});
 *   container.append(progress.element);
 *   progress.update(0.4, 'Uploading…');   // fraction 0..1
 *   progress.indeterminate('Processing…'); // unknown remaining time
 *   progress.finish();                     // hides the cancel button
 *
 * The element is a <div role="progressbar"> (aria-valuenow in percent, absent while
 * indeterminate); the cancel button has id `${id}-cancel`.
 */
export class ProgressBar {
  constructor({ id, onCancel } = {}) {
    this.fill = h('div', { class: 'progress-fill' });
    this.label = h('span', { class: 'progress-label' });
    this.percent = h('span', { class: 'progress-percent' });
    this.cancelButton = onCancel
      ? h('button', {
        type: 'button',
        class: 'btn btn-small',
        id: id ? `${id}-cancel` : null,
        dataset: { i18n: 'progress.cancel' },
        on: { click: () => onCancel() },
      }, t('progress.cancel'))
      : null;
    this.track = h('div', {
      class: 'progress-track',
      role: 'progressbar',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
    }, this.fill);
    this.element = h('div', { class: 'progress', id },
      h('div', { class: 'progress-head' }, this.label, this.percent),
      h('div', { class: 'progress-row' }, this.track, this.cancelButton));
  }

  /** fraction in [0, 1]; label replaces the text above the bar when given. */
  update(fraction, label) {
    const clamped = Math.max(0, Math.min(1, fraction));
    this.element.classList.remove('progress--indeterminate');
    this.fill.style.width = `${(clamped * 100).toFixed(1)}%`;
    this.track.setAttribute('aria-valuenow', String(Math.round(clamped * 100)));
    this.percent.textContent = formatNumber(clamped, { style: 'percent' });
    if (label !== undefined) {
      this.setLabel(label);
    }
  }

  /** An animated bar for work of unknown length (e.g. the server parsing an upload). */
  indeterminate(label) {
    this.element.classList.add('progress--indeterminate');
    this.fill.style.width = '';
    this.track.removeAttribute('aria-valuenow');
    this.percent.textContent = '';
    if (label !== undefined) {
      this.setLabel(label);
    }
  }

  setLabel(text) {
    this.label.textContent = text;
    this.track.setAttribute('aria-valuetext', text);
  }

  /** Stops the bar: no more cancelling. */
  finish() {
    this.element.classList.remove('progress--indeterminate');
    this.element.classList.add('progress--done');
    if (this.cancelButton) {
      this.cancelButton.disabled = true;
      this.cancelButton.hidden = true;
    }
  }
}

/* ---------------------------------------------------------------- toasts */

/**
 * A short message at the bottom of the map that disappears by itself.
 * @param {string} message
 * @param {{kind?: 'info'|'success'|'error', timeoutMs?: number}} options
 */
export function toast(message, { kind = 'info', timeoutMs = 4000 } = {}) {
  const region = document.getElementById('toasts');
  const item = h('div', { class: `toast toast--${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  region.append(item);
  setTimeout(() => {
    item.classList.add('toast--leaving');
    setTimeout(() => item.remove(), 300);
  }, timeoutMs);
  return item;
}

/* ---------------------------------------------------------------- confirm */

/**
 * Asks a yes/no question in a modal dialog (#confirm-dialog, buttons #confirm-ok and
 * #confirm-cancel). Resolves true only when the OK button was pressed; Escape means no.
 */
export function confirmDialog({ title, message, okLabel, danger = false }) {
  const dialog = document.getElementById('confirm-dialog');
  dialog.querySelector('.dialog-title').textContent = title;
  dialog.querySelector('.dialog-message').textContent = message;
  const ok = dialog.querySelector('#confirm-ok');
  ok.textContent = okLabel || t('common.save');
  ok.classList.toggle('btn-danger', danger);
  ok.classList.toggle('btn-primary', !danger);
  dialog.querySelector('#confirm-cancel').textContent = t('common.cancel');
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('#confirm-cancel').focus();
  });
}

/* ---------------------------------------------------------------- map notices */

/**
 * A small notice over the map (not modal): text, optional action buttons and a dismiss button.
 * Calling it again with the same id replaces the notice. Returns {element, remove}.
 *
 * Text is given as an i18n key (textKey, detailKey: retranslated on a language switch) or as a
 * ready string (text, detail).
 *
 * @param {{id: string, textKey?: string, text?: string, detailKey?: string, detail?: string,
 *          kind?: 'warning'|'error'|'info',
 *          actions?: Array<{id?: string, labelKey: string, onClick: () => void}>}} options
 */
export function showNotice({ id, textKey, text, detailKey, detail, kind = 'warning', actions = [] }) {
  document.getElementById(id)?.remove();
  const remove = () => element.remove();
  const line = (tag, key, raw, attrs) => (key
    ? h(tag, { ...attrs, dataset: { i18n: key } }, t(key))
    : raw ? h(tag, attrs, raw) : null);
  const element = h('div', { class: `notice notice--${kind}`, id, role: kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'notice-text' },
      line('strong', textKey, text, {}),
      line('span', detailKey, detail, { class: 'notice-detail' })),
    ...actions.map((action) => h('button', {
      type: 'button',
      class: 'btn btn-small',
      id: action.id,
      dataset: { i18n: action.labelKey },
      on: { click: action.onClick },
    }, t(action.labelKey))),
    h('button', {
      type: 'button',
      class: 'btn-icon notice-close',
      dataset: { i18nAriaLabel: 'common.close', i18nTitle: 'common.close' },
      'aria-label': t('common.close'),
      title: t('common.close'),
      on: { click: remove },
    }, '×'));
  document.getElementById('notices').append(element);
  return { element, remove };
}

/* ---------------------------------------------------------------- errors */

/** One line for an error: the problem's detail, else its title, else a generic message. */
export function describeError(error) {
  if (error instanceof ApiError) {
    if (error.isNetworkError) {
      return t('error.network');
    }
    return error.detail || error.title || t('error.unexpected', { status: error.status });
  }
  return String(error?.message || error);
}

/**
 * A failure as a red box: the problem's title (else fallbackTitle), its detail, and the messages
 * of its rejected items and field errors as a list. Every panel shows a failed request or job
 * this way (forms with fields show rejected items at their fields instead: formParts.FieldErrors).
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
