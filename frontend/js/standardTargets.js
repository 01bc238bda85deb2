/**
 * The planning standard the district indicators are judged against, and its targets: choose the
 * standard, change a target's pass mark (and its minutes, for an access target), reset it to the
 * value of the standards file. Changes are stored on the server.
 *
 * Calls: GET /api/standards; PUT /api/standards/{code}/targets/{target} {value, minutes};
 * DELETE /api/standards/{code}/targets/{target} (reset).
 */
import { fetchStandards, resetStandardTarget, saveStandardTarget } from './api.js';
import { formatNumber, t } from './i18n.js';
import { h, problemBox } from './ui.js';

export const DEFAULT_STANDARD = 'qingdao-2024';

/** An access target's value is a share (0..1); the page shows and takes it in per cent. */
const PERCENT = 100;

export function isShare(target) {
  return target.kind === 'access';
}

/** The pass mark as the page shows it: per cent for access shares, else the value itself. */
export function displayValue(target, value = target.value) {
  return isShare(target) ? value * PERCENT : value;
}

export class StandardTargets {
  /**
   * @param container where the selector, the target table and its error box go
   * @param onChange (standardCode) after a change, a reset or another standard was chosen
   */
  constructor({ container, onChange }) {
    this.container = container;
    this.onChange = onChange;
    this.standards = [];
    this.code = DEFAULT_STANDARD;
    this.select = h('select', { id: 'standard-select', class: 'input', on: { change: () => this.choose(this.select.value) } });
    this.label = h('label', { for: 'standard-select' });
    this.table = h('table', { id: 'target-table', class: 'result-table' });
    this.errorBox = h('div', { id: 'target-error' });
    container.append(h('div', { class: 'field' }, this.label, this.select), this.table, this.errorBox);
    this.render();
  }

  async load() {
    this.standards = await fetchStandards();
    if (!this.standards.some((s) => s.code === this.code) && this.standards.length) {
      this.code = this.standards[0].code;
    }
    this.render();
    document.body.dataset.standardsLoaded = String(this.standards.length);
  }

  standard() {
    return this.standards.find((s) => s.code === this.code);
  }

  /** A target by code from the loaded standard, or undefined. */
  target(code) {
    return this.standard()?.targets.find((target) => target.code === code);
  }

  choose(code) {
    this.code = code;
    this.errorBox.replaceChildren();
    this.render();
    this.onChange?.(code);
  }

  render() {
    this.label.textContent = t('standard.label');
    this.select.replaceChildren(...this.standards.map((s) => h('option', { value: s.code }, s.name || s.code)));
    this.select.value = this.code;
    const standard = this.standard();
    if (!standard) {
      this.table.replaceChildren();
      return;
    }
    const head = h('tr', {}, h('th', {}, t('standard.target')), h('th', {}, t('standard.value')),
      h('th', {}, t('standard.minutes')), h('th', {}));
    this.table.replaceChildren(head, ...standard.targets.map((target) => this.row(target)));
  }

  row(target) {
    const share = isShare(target);
    const value = h('input', {
      class: 'input input--small', type: 'number', name: 'target-value', min: '0', step: 'any',
      max: share ? String(PERCENT) : null, value: String(displayValue(target)),
      'aria-label': `${target.name || target.code}: ${t(share ? 'standard.valuePercent' : 'standard.value')}`,
    });
    const minutes = share ? h('input', {
      class: 'input input--small', type: 'number', name: 'target-minutes', min: '1', max: '180', step: 'any',
      value: String(target.minutes), 'aria-label': `${target.name || target.code}: ${t('standard.minutes')}`,
    }) : null;
    const save = h('button', { type: 'button', class: 'btn btn-small target-save', on: { click: () => this.save(target, value, minutes) } },
      t('standard.save'));
    const reset = h('button', {
      type: 'button', class: 'btn btn-small target-reset', disabled: !target.changed,
      title: t('standard.fileValue', { value: formatNumber(displayValue(target, target.fileValue ?? target.value)) }),
      on: { click: () => this.reset(target) },
    }, t('standard.reset'));
    const unit = share ? ' %' : '';
    return h('tr', { dataset: { target: target.code, changed: String(Boolean(target.changed)) } },
      h('td', { title: target.code }, target.name || target.code),
      h('td', {}, value, unit),
      h('td', {}, minutes || '–'),
      h('td', { class: 'target-actions' }, save, reset));
  }

  async save(target, valueInput, minutesInput) {
    const body = {};
    const shown = valueInput.value.trim() === '' ? NaN : Number(valueInput.value);
    // sent as typed, even when not a number: the server names the field it rejects
    body.value = Number.isFinite(shown) ? (isShare(target) ? shown / PERCENT : shown) : valueInput.value;
    if (minutesInput) {
      const minutes = minutesInput.value.trim() === '' ? NaN : Number(minutesInput.value);
      body.minutes = Number.isFinite(minutes) ? minutes : minutesInput.value;
    }
    await this.send(() => saveStandardTarget(this.code, target.code, body));
  }

  async reset(target) {
    await this.send(() => resetStandardTarget(this.code, target.code));
  }

  /** Sends a change (call: () => Promise), then reads the standards again and reports the change. */
  async send(call) {
    this.errorBox.replaceChildren();
    document.body.dataset.targetState = 'saving';
    try {
      await call();
      await this.load();
      document.body.dataset.targetState = 'saved';
      this.onChange?.(this.code);
    } catch (error) {
      document.body.dataset.targetState = 'failed';
      this.errorBox.replaceChildren(problemBox(error, t('standard.failed')));
    }
  }
}
