/**
 * Form parts the analysis panels share: the road-network select and the facility-type
 * checkboxes grouped as the catalogue groups them.
 */
import { facilityOf } from './facilities.js';
import { formatNumber, localName, t } from './i18n.js';
import { h } from './ui.js';

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
