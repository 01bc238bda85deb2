/**
 * Creating, editing and deleting facilities: the facility form (shown in the side panel's sheet),
 * the "add facility" map mode and the delete confirmation.
 *
 * The form validates what it can (required name, non-negative whole numbers, coordinate ranges)
 * and shows the server's problem+json answer next to the fields it names; anything it cannot
 * place goes to the form-level message (#facility-form-error).
 *
 * Edits and deletes send the version the planner opened (If-Match). When someone else saved in
 * between, the server answers 409 and the form shows a conflict box (#facility-conflict): each
 * field where the planner's value and the stored one differ, and a button that reloads the stored
 * facility into the form. Nothing is overwritten silently.
 */
import { createFacility, deleteFacility, updateFacility } from './api.js';
import { STATUSES } from './catalogue.js';
import { facilityOf, formatCoordinate, statusLabel } from './facilities.js';
import { badgeSvg } from './icons.js';
import { localName, onLanguageChange, t } from './i18n.js';
import { closeSheet, confirmDialog, describeError, h, onEscape, showSheet, toast } from './ui.js';

const COUNT_FIELDS = ['beds', 'physicians', 'nurses', 'ambulances'];

/** Server field paths that mean "the position", mapped to the input that shows it. */
const FIELD_ALIASES = {
  geometry: 'lon',
  coordinates: 'lon',
  'geometry.coordinates': 'lon',
  'geometry.coordinates[0]': 'lon',
  'geometry.coordinates[1]': 'lat',
  longitude: 'lon',
  latitude: 'lat',
};

const DEFAULT_TYPE = 'community_health_centre';

export class FacilityEditor {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./catalogue.js').Catalogue} options.catalogue
   * @param {import('./facilities.js').FacilityLayer} options.layer
   * @param {() => void} options.expandPanel  makes the side panel visible before showing the form
   */
  constructor({ map, catalogue, layer, expandPanel }) {
    this.map = map;
    this.catalogue = catalogue;
    this.layer = layer;
    this.expandPanel = expandPanel;
    this.addButton = document.getElementById('add-mode');
    this.adding = false;
    this.draftMarker = null;
    this.form = null;
    this.addButton.addEventListener('click', () => (this.adding ? this.stopAddMode() : this.startAddMode()));
    this.onMapClick = (event) => {
      this.stopAddMode();
      this.openForm(null, { lon: event.latlng.lng, lat: event.latlng.lat });
    };
    onLanguageChange(() => this.retranslateForm());
  }

  /* ------------------------------------------------------------ add mode */

  startAddMode() {
    if (this.adding) {
      return;
    }
    closeSheet();
    this.layer.closePopup();
    this.adding = true;
    this.addButton.setAttribute('aria-pressed', 'true');
    document.body.classList.add('adding-facility');
    document.getElementById('add-hint').hidden = false;
    this.map.on('click', this.onMapClick);
    this.removeEscape = onEscape(() => this.stopAddMode());
  }

  stopAddMode() {
    if (!this.adding) {
      return;
    }
    this.adding = false;
    this.addButton.setAttribute('aria-pressed', 'false');
    document.body.classList.remove('adding-facility');
    document.getElementById('add-hint').hidden = true;
    this.map.off('click', this.onMapClick);
    this.removeEscape();
  }

  isAdding() {
    return this.adding;
  }

  /* ------------------------------------------------------------ form */

  /**
   * Opens the form: for a new facility at position ({lon, lat}) when facility is null, else to
   * edit facility (as returned by FacilityLayer.get).
   */
  openForm(facility, position) {
    this.stopAddMode();
    this.layer.closePopup();
    this.expandPanel();
    const isNew = !facility;
    const values = isNew
      ? { name: '', type: this.defaultType(), status: 'existing', lon: position.lon, lat: position.lat }
      : facility;
    this.editing = facility;
    this.form = this.buildForm(values, isNew);
    showSheet({
      id: 'facility-form',
      titleKey: isNew ? 'form.addTitle' : 'form.editTitle',
      content: this.form,
      onClose: () => this.onFormClosed(),
    });
    this.placeDraftMarker(values.lon, values.lat, values.type, values.status);
    this.form.elements.name.focus();
  }

  /** The type last chosen in this session, else a community health centre, else the first type. */
  defaultType() {
    if (this.lastType && this.catalogue.typeByCode.has(this.lastType)) {
      return this.lastType;
    }
    return this.catalogue.typeByCode.has(DEFAULT_TYPE) ? DEFAULT_TYPE : this.catalogue.types[0]?.code;
  }

  buildForm(values, isNew) {
    const field = (name, labelKey, control, { hintKey, wide = true } = {}) => h('div', {
      class: `form-field${wide ? ' form-field--wide' : ''}`,
      dataset: { field: name },
    },
    h('label', { for: `facility-${name}`, dataset: { i18n: labelKey } }, t(labelKey)),
    control,
    hintKey ? h('div', { class: 'field-hint', dataset: { i18n: hintKey } }, t(hintKey)) : null,
    h('div', { class: 'field-error', id: `facility-${name}-error`, dataset: { errorFor: name }, 'aria-live': 'polite' }));

    const input = (name, attrs = {}) => h('input', {
      id: `facility-${name}`,
      name,
      'aria-describedby': `facility-${name}-error`,
      ...attrs,
    });
    const numberInput = (name) => input(name, {
      type: 'number', min: '0', step: '1', inputmode: 'numeric',
      value: values[name] ?? '',
    });
    const coordinateInput = (name, min, max) => input(name, {
      type: 'number', min: String(min), max: String(max), step: 'any', required: true,
      value: Number.isFinite(values[name]) ? formatCoordinate(values[name]) : '',
      on: { input: () => this.moveDraftMarkerFromInputs() },
    });

    const typeSelect = h('select', {
      id: 'facility-type', name: 'type', required: true,
      on: { change: () => this.restyleDraftMarker() },
    });
    this.fillTypeOptions(typeSelect, values.type);
    const statusSelect = h('select', {
      id: 'facility-status', name: 'status', required: true,
      on: { change: () => this.restyleDraftMarker() },
    }, STATUSES.map((status) => h('option', { value: status, dataset: { i18n: `status.${status}` } }, statusLabel(status))));
    statusSelect.value = STATUSES.includes(values.status) ? values.status : 'existing';

    const form = h('form', {
      id: 'facility-form',
      class: 'facility-form',
      novalidate: true,
      dataset: { mode: isNew ? 'create' : 'edit', facilityId: isNew ? null : String(values.id) },
      on: { submit: (event) => { event.preventDefault(); this.save(); } },
    },
    h('div', { class: 'form-error', id: 'facility-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'form-grid' },
      field('name', 'field.name', input('name', { type: 'text', required: true, maxlength: '200', autocomplete: 'off', value: values.name || '' })),
      field('type', 'field.type', typeSelect),
      field('status', 'field.status', statusSelect),
      ...COUNT_FIELDS.map((name) => field(name, `field.${name}`, numberInput(name), { wide: false })),
      field('address', 'field.address', input('address', { type: 'text', maxlength: '500', value: values.address || '' })),
      field('externalId', 'field.externalId', input('externalId', { type: 'text', maxlength: '100', value: values.externalId || '' })),
      field('lon', 'field.lon', coordinateInput('lon', -180, 180), { wide: false }),
      field('lat', 'field.lat', coordinateInput('lat', -90, 90), { wide: false }),
      h('div', { class: 'field-hint form-field--wide', dataset: { i18n: 'form.coordsHint' } }, t('form.coordsHint'))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'facility-save', dataset: { i18n: 'common.save' } }, t('common.save')),
      h('button', {
        type: 'button', class: 'btn', id: 'facility-cancel', dataset: { i18n: 'common.cancel' },
        on: { click: () => closeSheet() },
      }, t('common.cancel'))));
    return form;
  }

  /** Fills the type select with the catalogue, grouped and localized, keeping `selected`. */
  fillTypeOptions(select, selected) {
    const groups = this.catalogue.grouped();
    const options = groups.map(({ group, types }) => h('optgroup', { label: localName(group) || group.code },
      types.map((type) => h('option', { value: type.code }, localName(type)))));
    if (selected && !this.catalogue.typeByCode.has(selected)) {
      options.push(h('option', { value: selected }, this.catalogue.typeName(selected)));
    }
    select.replaceChildren(...options);
    select.value = selected || this.defaultType();
  }

  retranslateForm() {
    if (!this.form || !this.form.isConnected) {
      return;
    }
    const select = this.form.elements.type;
    this.fillTypeOptions(select, select.value);
  }

  onFormClosed() {
    this.form = null;
    this.editing = null;
    this.removeDraftMarker();
  }

  /** Reads and checks the form; returns {feature} or {errors: {field: message}}. */
  readForm() {
    const elements = this.form.elements;
    const errors = {};
    const name = elements.name.value.trim();
    if (!name) {
      errors.name = t('form.required');
    }
    const counts = {};
    COUNT_FIELDS.forEach((field) => {
      const raw = elements[field].value.trim();
      // a number input yields "" for unparseable text; badInput tells that apart from "left empty"
      if (elements[field].validity.badInput || (raw !== '' && !/^\d+$/.test(raw))) {
        errors[field] = t('form.nonNegativeInteger');
      } else {
        counts[field] = raw === '' ? null : Number.parseInt(raw, 10);
      }
    });
    const lon = Number.parseFloat(elements.lon.value);
    const lat = Number.parseFloat(elements.lat.value);
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) {
      errors.lon = t('form.lonRange');
    }
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
      errors.lat = t('form.latRange');
    }
    if (Object.keys(errors).length) {
      return { errors };
    }
    const text = (field) => elements[field].value.trim() || null;
    const properties = {
      name,
      type: elements.type.value,
      status: elements.status.value,
      ...counts,
      address: text('address'),
      externalId: text('externalId'),
      // free attributes are not edited here but must survive a PUT
      attributes: this.editing?.attributes || {},
    };
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
    if (this.editing) {
      feature.id = this.editing.id;
    }
    return { feature };
  }

  showErrors(fieldErrors, formMessage) {
    this.form.querySelectorAll('.field-error').forEach((el) => {
      el.textContent = '';
    });
    this.form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    Object.entries(fieldErrors).forEach(([field, message]) => {
      const target = this.form.querySelector(`[data-error-for="${field}"]`);
      target.textContent = message;
      this.form.elements[field]?.setAttribute('aria-invalid', 'true');
    });
    const formError = this.form.querySelector('#facility-form-error');
    formError.replaceChildren(...(formMessage || []));
    formError.hidden = !formMessage || formMessage.length === 0;
    const firstInvalid = this.form.querySelector('[aria-invalid="true"]');
    if (firstInvalid) {
      firstInvalid.focus();
    }
  }

  async save() {
    const form = this.form;
    const { feature, errors } = this.readForm();
    if (errors) {
      this.showErrors(errors);
      return;
    }
    this.showErrors({});
    const saveButton = form.querySelector('#facility-save');
    saveButton.disabled = true;
    saveButton.textContent = t('form.saving');
    form.setAttribute('aria-busy', 'true');
    try {
      const stored = this.editing
        ? await updateFacility(this.editing.id, feature, this.editing.version)
        : await createFacility(feature);
      this.lastType = feature.properties.type;
      closeSheet();
      this.layer.upsert(stored);
      toast(t('form.saved', { name: stored?.properties?.name || feature.properties.name }), { kind: 'success' });
    } catch (error) {
      if (form.isConnected && error.status === 409 && error.problem?.stored) {
        this.showConflict(feature, error.problem);
      } else if (form.isConnected) {
        this.showServerError(error);
      } else {
        toast(`${t('form.saveFailed')}: ${describeError(error)}`, { kind: 'error' });
      }
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = t('common.save');
      form.removeAttribute('aria-busy');
    }
  }

  /**
   * Someone else saved this facility since the form opened: shows, field by field, the planner's
   * value next to the stored one, with a button that reloads the stored facility into the form.
   */
  showConflict(mine, problem) {
    this.showErrors({});
    const stored = facilityOf(problem.stored);
    const yours = facilityOf(mine);
    const shown = (value) => (value === null || value === undefined || value === '' ? t('common.none') : String(value));
    const fields = ['name', 'type', 'status', ...COUNT_FIELDS, 'address', 'externalId', 'lon', 'lat'];
    const rows = fields.filter((field) => shown(yours[field]) !== shown(stored[field]))
      .map((field) => h('tr', { dataset: { field } },
        h('th', { scope: 'row' }, t(`field.${field}`)),
        h('td', { class: 'conflict-yours' }, shown(yours[field])),
        h('td', { class: 'conflict-stored' }, shown(stored[field]))));
    const box = h('div', {
      class: 'form-conflict', id: 'facility-conflict', role: 'alert',
      dataset: { storedVersion: String(problem.storedVersion), yourVersion: String(problem.yourVersion) },
    },
    h('strong', {}, t('conflict.title')),
    h('p', {}, t('conflict.message', { yours: problem.yourVersion, stored: problem.storedVersion })),
    rows.length ? h('table', { class: 'popup-table conflict-table' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, t('conflict.yours')), h('th', {}, t('conflict.stored')))),
      h('tbody', {}, rows)) : h('p', {}, t('conflict.sameValues')),
    h('button', {
      type: 'button', class: 'btn btn-small', id: 'facility-conflict-reload',
      on: { click: () => this.reloadStored(problem.stored) },
    }, t('conflict.reload')));
    this.form.querySelector('#facility-conflict')?.remove();
    this.form.prepend(box);
  }

  /** Replaces the planner's edits with the stored facility (after a conflict). */
  reloadStored(storedFeature) {
    this.layer.upsert(storedFeature);
    closeSheet();
    this.openForm(facilityOf(storedFeature));
  }

  /** Places the problem+json field errors next to their inputs; the rest at the top of the form. */
  showServerError(error) {
    const fieldErrors = {};
    const unplaced = [];
    (error.errors || []).forEach(({ field, message }) => {
      const name = formFieldFor(field, this.form);
      if (name && !fieldErrors[name]) {
        fieldErrors[name] = message;
      } else {
        unplaced.push(field ? `${field}: ${message}` : message);
      }
    });
    const message = [h('strong', {}, `${t('form.saveFailed')}: `), describeError(error)];
    if (unplaced.length) {
      message.push(h('ul', {}, unplaced.map((text) => h('li', {}, text))));
    }
    this.showErrors(fieldErrors, message);
  }

  /* ------------------------------------------------------------ draft marker */

  placeDraftMarker(lon, lat, type, status) {
    this.removeDraftMarker();
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      return;
    }
    this.draftMarker = L.marker([lat, lon], {
      draggable: true,
      autoPan: true,
      zIndexOffset: 1000,
      keyboard: false,
      icon: this.draftIcon(type, status),
    }).addTo(this.map);
    this.draftMarker.on('drag dragend', () => {
      const position = this.draftMarker.getLatLng().wrap();
      if (this.form) {
        this.form.elements.lon.value = formatCoordinate(position.lng);
        this.form.elements.lat.value = formatCoordinate(position.lat);
      }
    });
    if (!this.map.getBounds().contains([lat, lon])) {
      this.map.panTo([lat, lon]);
    }
  }

  draftIcon(typeCode, status) {
    const type = this.catalogue.type(typeCode);
    return L.divIcon({
      className: 'draft-marker',
      html: badgeSvg({ color: type.color, icon: type.icon, status, size: 34 }),
      iconSize: [34, 34],
      iconAnchor: [17, 17],
    });
  }

  restyleDraftMarker() {
    if (this.draftMarker && this.form) {
      this.draftMarker.setIcon(this.draftIcon(this.form.elements.type.value, this.form.elements.status.value));
    }
  }

  moveDraftMarkerFromInputs() {
    const lon = Number.parseFloat(this.form.elements.lon.value);
    const lat = Number.parseFloat(this.form.elements.lat.value);
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      return;
    }
    if (this.draftMarker) {
      this.draftMarker.setLatLng([lat, lon]);
    } else {
      this.placeDraftMarker(lon, lat, this.form.elements.type.value, this.form.elements.status.value);
    }
  }

  removeDraftMarker() {
    if (this.draftMarker) {
      this.draftMarker.remove();
      this.draftMarker = null;
    }
  }

  /* ------------------------------------------------------------ delete */

  async confirmDelete(facility) {
    const confirmed = await confirmDialog({
      title: t('delete.title'),
      message: t('delete.message', { name: facility.name || facility.id }),
      okLabel: t('common.delete'),
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    try {
      await deleteFacility(facility.id, facility.version);
      this.layer.closePopup();
      this.layer.remove(facility.id);
      if (this.editing && this.editing.id === facility.id) {
        closeSheet();
      }
      toast(t('delete.done', { name: facility.name || facility.id }), { kind: 'success' });
    } catch (error) {
      toast(t('delete.failed', { message: describeError(error) }), { kind: 'error', timeoutMs: 8000 });
      if (error.status === 404) {
        this.layer.remove(facility.id); // already gone on the server
      } else if (error.status === 409 && error.problem?.stored) {
        this.layer.upsert(error.problem.stored); // show what was saved in between
      }
    }
  }
}

/** Maps a server field path ("properties.beds", "geometry.coordinates") to a form input name. */
function formFieldFor(field, form) {
  if (!field) {
    return null;
  }
  const path = String(field).replace(/^(feature\.)?properties\./, '');
  const name = FIELD_ALIASES[path] || path;
  return form.querySelector(`[data-error-for="${CSS.escape(name)}"]`) ? name : null;
}
