/**
 * Form parts the analysis panels share: the road-network select, the facility-type checkboxes
 * grouped as the catalogue groups them, and field errors placed next to the fields they name.
 */
import { facilityOf } from './facilities.js';
import { formatNumber, localName, t } from './i18n.js';
import { describeError, h } from './ui.js';

/**
 * The coordinate systems an import offers: the value sent as crs ("" = what the file declares,
 * else WGS84) and the label key. A form may add its own choices (e.g. any EPSG code).
 */
export const CRS_OPTIONS = [
  ['', 'import.crsAuto'],
  ['EPSG:4326', 'import.crs4326'],
  ['EPSG:4490', 'import.crs4490'],
  ['GCJ-02', 'import.crsGcj02'],
  ['BD-09', 'import.crsBd09'],
];

/**
 * Fills a network select, keeping the chosen network when it is still listed, else the first.
 *
 * @param {HTMLSelectElement} select
 * @param {Array<{id, name}>} networks
 * @param {{placeholder?: boolean}} options  placeholder: lead with an empty "choose a network" option
 */
export function fillNetworkSelect(select, networks, { placeholder = true } = {}) {
  const previous = select.value;
  const options = networks.map((network) => h('option', { value: String(network.id) }, network.name || `#${network.id}`));
  if (placeholder) {
    options.unshift(h('option', { value: '', dataset: { i18n: 'coverage.chooseNetwork' } }, t('coverage.chooseNetwork')));
  }
  select.replaceChildren(...options);
  const keep = networks.some((network) => String(network.id) === previous);
  select.value = keep ? previous : (networks[0] ? String(networks[0].id) : '');
}

/** How many facilities of each type code the browser's copy of the registry holds. */
export function typeCounts(facilities) {
  const counts = new Map();
  facilities.features.forEach((feature) => {
    const { type } = facilityOf(feature);
    counts.set(type, (counts.get(type) || 0) + 1);
  });
  return counts;
}

/**
 * Checkboxes for the types present in the data plus any still ticked (so a tick never disappears
 * unseen), grouped as the catalogue groups them, each with its colour and count; a hint when there
 * is nothing to offer.
 *
 * @param {object} options
 * @param {import('./catalogue.js').Catalogue} options.catalogue
 * @param {Map<string, number>} options.counts  from {@link typeCounts}
 * @param {Set<string>} options.selected  ticked type codes
 * @param {string} options.name  the inputs' name attribute
 * @param {(code: string, checked: boolean) => void} options.onToggle
 * @returns {HTMLElement[]} the children for the checkbox container
 */
export function typeCheckboxes({ catalogue, counts, selected, name, onToggle }) {
  const offered = [...new Set([...counts.keys(), ...selected])];
  const groups = offered.length ? catalogue.grouped(offered) : [];
  if (!groups.length) {
    return [h('div', { class: 'field-hint' }, t('facilities.empty'))];
  }
  return groups.map(({ group, types }) => h('div', { class: 'check-group' },
    h('div', { class: 'check-group-name' }, localName(group) || group.code),
    types.map((type) => h('label', { class: `check-option${counts.get(type.code) ? '' : ' check-option--empty'}` },
      h('input', {
        type: 'checkbox',
        name,
        value: type.code,
        checked: selected.has(type.code),
        on: { change: (event) => onToggle(type.code, event.target.checked) },
      }),
      h('span', { class: 'check-swatch', style: `background:${type.color}` }),
      h('span', { class: 'check-name' }, catalogue.typeName(type.code)),
      h('span', { class: 'legend-count' }, formatNumber(counts.get(type.code) || 0))))));
}

/**
 * The error slot a problem's field name belongs to: the field itself, the field without its
 * index (`minutes[2]` → `minutes`), or the field with the same first part
 * (`facilityFilter.types` → `facilityFilter`); null when none.
 */
export function slotFor(field, fields) {
  const name = String(field ?? '');
  if (!name) {
    return null;
  }
  if (fields.includes(name)) {
    return name;
  }
  const plain = name.replace(/\[\d+\]/g, '');
  if (fields.includes(plain)) {
    return plain;
  }
  const head = plain.split('.')[0];
  return fields.find((candidate) => candidate === head || candidate.split('.')[0] === head) || null;
}

/**
 * Errors of one form: each field's message in its `[data-error-for=<field>]` slot (its input
 * marked `aria-invalid`), the rest in the form's top box. A server problem's `rejected` items
 * (a 422, or a failed job's error) go to the fields they name when those are shown.
 */
export class FieldErrors {
  /**
   * @param {object} options
   * @param {HTMLElement} options.form
   * @param {string[]} options.fields  the fields with an error slot
   * @param {HTMLElement} options.box  the form-level message box
   * @param {(field: string) => HTMLElement|null} options.inputFor  the input a field's error marks
   */
  constructor({ form, fields, box, inputFor }) {
    this.form = form;
    this.fields = fields;
    this.box = box;
    this.inputFor = inputFor;
  }

  /** The message shown at field now ('' when none). */
  text(field) {
    return this.slot(field)?.textContent || '';
  }

  /** Shows (or with no message clears) one field's error. */
  set(field, message) {
    const slot = this.slot(field);
    if (slot) {
      slot.textContent = message || '';
    }
    const input = this.inputFor(field);
    if (input && message) {
      input.setAttribute('aria-invalid', 'true');
    } else if (input) {
      input.removeAttribute('aria-invalid');
    }
  }

  /** Shows {field: message} next to the fields (clearing the others) and formMessage (nodes) on top. */
  show(fieldErrors, formMessage) {
    this.fields.forEach((field) => this.set(field, fieldErrors[field]));
    this.box.replaceChildren(...(formMessage || []));
    this.box.hidden = !formMessage || formMessage.length === 0;
    const first = this.fields.map((field) => fieldErrors[field] && this.inputFor(field)).find(Boolean);
    if (first) {
      first.scrollIntoView({ block: 'nearest' });
      if (typeof first.focus === 'function' && first.tabIndex >= 0) {
        first.focus({ preventScroll: true });
      }
    } else if (!this.box.hidden) {
      this.box.scrollIntoView({ block: 'nearest' });
    }
  }

  /**
   * Shows a failed request: rejected items at the fields they name, the others listed under
   * title in the top box, else the problem's detail (or, when everything was placed, a pointer to
   * the marked fields).
   */
  showServer(error, title) {
    const fieldErrors = {};
    const unplaced = [];
    [...(error.rejected || []), ...(error.errors || [])].forEach(({ field, message }) => {
      const name = slotFor(field, this.fields);
      const slot = name ? this.slot(name) : null;
      if (slot && !slot.closest('[hidden]')) {
        fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${message}` : message;
      } else {
        unplaced.push(field ? `${field}: ${message}` : message);
      }
    });
    const placed = Object.keys(fieldErrors).length > 0;
    const detail = describeError(error);
    const message = [h('strong', {}, title)];
    if (unplaced.length) {
      message.push(h('ul', {}, unplaced.map((text) => h('li', {}, text))));
    } else if (!placed && detail) {
      message.push(h('div', {}, detail));
    } else if (placed) {
      message.push(h('div', {}, t('form.seeFields')));
    }
    this.show(fieldErrors, message);
  }

  slot(field) {
    return this.form.querySelector(`[data-error-for="${field}"]`);
  }
}
