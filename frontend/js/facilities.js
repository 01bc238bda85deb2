/**
 * The facilities layer: markers for every facility (coloured by type, styled by status), the
 * legend with type and status filters, and the facility popup.
 *
 * All facilities are fetched once (GET /api/facilities) and filtered in the browser, so the
 * legend can count every type and a filter change needs no round trip. Changes made in this page
 * are applied with upsert()/remove(); refresh() re-reads the server after bulk changes (import,
 * demo load).
 *
 * Test hook: after every (re)load document.body.dataset.facilitiesLoaded is the number of
 * facilities loaded, and dataset.facilitiesVisible the number passing the filters; the attribute
 * facilitiesLoaded is removed while a load is in flight. A failed load still sets it (to the
 * facilities kept from before) and sets dataset.facilitiesError to the HTTP status (0 = offline).
 */
import { fetchFacilities } from './api.js';
import { STATUSES } from './catalogue.js';
import { badgeSvg, clusterIcon, FacilityIcon } from './icons.js';
import { formatNumber, localName, onLanguageChange, t } from './i18n.js';
import { h } from './ui.js';

/**
 * Below this many visible markers all markers are drawn individually: a few hundred divIcons are
 * cheap, and real markers are easier to read (and to find in the DOM) than clusters.
 */
export const CLUSTER_THRESHOLD = 200;

/** From this zoom on (≈ street level, 1:8 000) markers are never clustered. */
export const DISABLE_CLUSTERING_AT_ZOOM = 16;

/** Fitting to the facilities never zooms closer than this, so a single facility keeps context. */
const FIT_MAX_ZOOM = 15;

/** A Feature's properties plus its id and position; the shape the rest of the page works with. */
export function facilityOf(feature) {
  const properties = feature.properties || {};
  const [lon, lat] = feature.geometry?.coordinates || [];
  return { ...properties, id: feature.id ?? properties.id, lon, lat };
}

function hasPoint(feature) {
  const coordinates = feature?.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
  return Array.isArray(coordinates) && Number.isFinite(coordinates[0]) && Number.isFinite(coordinates[1]);
}

export class FacilityLayer {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./catalogue.js').Catalogue} options.catalogue
   * @param {(facility) => void} options.onEdit    the popup's Edit button
   * @param {(facility) => void} options.onDelete  the popup's Delete button
   * @param {(facility) => void} [options.onHistory]  the popup's History button (shown when given)
   */
  constructor({ map, catalogue, onEdit, onDelete, onHistory }) {
    this.map = map;
    this.catalogue = catalogue;
    this.onEdit = onEdit;
    this.onDelete = onDelete;
    this.onHistory = onHistory;
    /** id → Feature */
    this.features = new Map();
    /** id → L.Marker, for the features passing the filters */
    this.markers = new Map();
    this.hiddenTypes = new Set();
    this.hiddenStatuses = new Set();
    this.filterListeners = new Set();
    /** Facility ids (as strings) another module has picked, e.g. for a coverage computation. */
    this.picked = new Set();
    this.popupSections = [];
    this.shiftClickHandler = null;
    /** The layer shown in the layer control; holds either the cluster group or the plain group. */
    this.overlay = L.layerGroup();
    this.plainGroup = L.featureGroup();
    this.clusterGroup = L.markerClusterGroup({
      disableClusteringAtZoom: DISABLE_CLUSTERING_AT_ZOOM,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      chunkedLoading: true,
      maxClusterRadius: 50,
      iconCreateFunction: (cluster) => clusterIcon(cluster, formatNumber),
    });
    this.clustered = false;
    this.legendElement = document.getElementById('legend');
    this.summaryElement = document.getElementById('facility-summary');
    this.statusElement = document.getElementById('status-filter');
    // Capture phase, so a Shift-click reaches the handler before the marker opens its popup.
    map.getContainer().addEventListener('click', (event) => this.onShiftClick(event), true);
    onLanguageChange(() => {
      this.renderLegend();
      this.map.eachLayer((layer) => {
        if (layer instanceof L.Popup && layer.isOpen()) {
          layer.update();
        }
      });
    });
  }

  /* ------------------------------------------------------------ data */

  /**
   * Reloads all facilities from the server and redraws. With fit, the map then shows them all.
   * Rejects with the ApiError when the load fails (the previous markers stay).
   */
  async refresh({ fit = false } = {}) {
    delete document.body.dataset.facilitiesLoaded;
    delete document.body.dataset.facilitiesError;
    document.body.classList.add('facilities-loading');
    try {
      const collection = await fetchFacilities().catch((error) => {
        document.body.dataset.facilitiesError = String(error.status ?? 0);
        throw error;
      });
      this.features = new Map((collection.features || []).filter(hasPoint).map((f) => [facilityOf(f).id, f]));
      this.render();
      if (fit) {
        this.fitToFacilities();
      }
    } finally {
      document.body.classList.remove('facilities-loading');
      this.announceCount();
    }
  }

  /**
   * Sets the test hook and, once the registry holds a facility, tells the page
   * ('carecircle:registry-not-empty' on document): the offer of demo data is then moot.
   */
  announceCount() {
    document.body.dataset.facilitiesLoaded = String(this.features.size);
    if (this.features.size > 0) {
      document.dispatchEvent(new CustomEvent('carecircle:registry-not-empty'));
    }
  }

  /** Adds or replaces one facility with the Feature the server returned. */
  upsert(feature) {
    if (!hasPoint(feature)) {
      return;
    }
    this.features.set(facilityOf(feature).id, feature);
    this.render();
    this.announceCount();
  }

  remove(id) {
    this.features.delete(id);
    this.render();
    this.announceCount();
  }

  get(id) {
    const feature = this.features.get(id) ?? this.features.get(Number(id)) ?? this.features.get(String(id));
    return feature ? facilityOf(feature) : null;
  }

  count() {
    return this.features.size;
  }

  visibleCount() {
    return this.markers.size;
  }

  isClustered() {
    return this.clustered;
  }

  /* ------------------------------------------------------------ picking */

  /**
   * Marks the facilities with these ids as picked: their markers carry the class
   * facility-marker--picked. The picking itself belongs to the module that asked.
   */
  setPicked(ids) {
    this.picked = new Set([...ids].map(String));
    this.markers.forEach((marker) => this.stylePicked(marker));
  }

  stylePicked(marker) {
    marker.getElement()?.classList.toggle('facility-marker--picked', this.picked.has(String(marker.facilityId)));
  }

  /** fn(facility) runs on Shift-click on a marker, instead of opening its popup. */
  onMarkerShiftClick(fn) {
    this.shiftClickHandler = fn;
  }

  onShiftClick(event) {
    const element = event.shiftKey && this.shiftClickHandler ? event.target.closest?.('.facility-marker') : null;
    const facility = element && this.get(element.dataset.facilityId);
    if (facility) {
      event.stopPropagation();
      event.preventDefault();
      this.shiftClickHandler(facility);
    }
  }

  /**
   * Adds a part to every facility popup, above its buttons: fn(facility) returns a node or null.
   * The popup is built when it opens, so the part always shows the current state.
   */
  addPopupSection(fn) {
    this.popupSections.push(fn);
  }

  /* ------------------------------------------------------------ filters */

  isVisible(facility) {
    return !this.hiddenTypes.has(facility.type) && !this.hiddenStatuses.has(facility.status);
  }

  setTypeVisible(code, visible) {
    if (visible) {
      this.hiddenTypes.delete(code);
    } else {
      this.hiddenTypes.add(code);
    }
    this.render();
  }

  setStatusVisible(status, visible) {
    if (visible) {
      this.hiddenStatuses.delete(status);
    } else {
      this.hiddenStatuses.add(status);
    }
    this.render();
  }

  /**
   * The current filter as API query values ({types, statuses}), each undefined when nothing of
   * that kind is hidden, and `empty` when the filter hides every facility; used for export links.
   */
  currentFilter() {
    const presentTypes = [...new Set([...this.features.values()].map((f) => facilityOf(f).type))];
    const types = this.hiddenTypes.size ? presentTypes.filter((code) => !this.hiddenTypes.has(code)) : undefined;
    const statuses = this.hiddenStatuses.size ? STATUSES.filter((s) => !this.hiddenStatuses.has(s)) : undefined;
    // an empty list would read as "no filter" in the query string, so say it explicitly
    const empty = types?.length === 0 || statuses?.length === 0;
    return { types, statuses, empty };
  }

  /** Registers fn(filter) to run whenever the filter or the data changes. */
  onFilterChange(fn) {
    this.filterListeners.add(fn);
  }

  /* ------------------------------------------------------------ drawing */

  render() {
    this.plainGroup.clearLayers();
    this.clusterGroup.clearLayers();
    this.markers.clear();
    const visible = [...this.features.values()].map(facilityOf).filter((facility) => this.isVisible(facility));
    visible.forEach((facility) => this.markers.set(facility.id, this.createMarker(facility)));
    const useClusters = visible.length >= CLUSTER_THRESHOLD;
    const target = useClusters ? this.clusterGroup : this.plainGroup;
    const other = useClusters ? this.plainGroup : this.clusterGroup;
    this.overlay.removeLayer(other);
    if (useClusters) {
      target.addLayers([...this.markers.values()]);
    } else {
      this.markers.forEach((marker) => target.addLayer(marker));
    }
    if (!this.overlay.hasLayer(target)) {
      this.overlay.addLayer(target);
    }
    this.clustered = useClusters;
    document.body.dataset.facilitiesVisible = String(visible.length);
    this.renderLegend();
    const filter = this.currentFilter();
    this.filterListeners.forEach((fn) => fn(filter));
  }

  createMarker(facility) {
    const type = this.catalogue.type(facility.type);
    const marker = L.marker([facility.lat, facility.lon], {
      icon: new FacilityIcon(facility, type),
      title: facility.name || '',
      riseOnHover: true,
      keyboard: true,
    });
    marker.facilityId = facility.id;
    // the icon element is created anew whenever the marker enters the map (e.g. out of a cluster)
    marker.on('add', () => this.stylePicked(marker));
    marker.bindPopup(() => this.popupContent(facility.id), {
      className: 'facility-popup-wrapper',
      minWidth: 240,
      maxWidth: 340,
      autoPanPadding: [24, 24],
    });
    return marker;
  }

  /** Fits the map to the visible facilities (or all, when filters hide everything). */
  fitToFacilities() {
    const source = this.markers.size ? [...this.markers.values()].map((m) => m.getLatLng())
      : [...this.features.values()].map((f) => L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]));
    if (!source.length) {
      return;
    }
    this.map.fitBounds(L.latLngBounds(source), { padding: [40, 40], maxZoom: FIT_MAX_ZOOM });
  }

  /**
   * Brings facility id into view and opens its popup, unclustering as needed. Resolves true when
   * the popup is open, false when the facility is unknown or hidden by a filter.
   */
  openFacility(id) {
    const facility = this.get(id);
    const marker = facility && this.markers.get(facility.id);
    if (!marker) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const open = () => {
        marker.openPopup();
        resolve(true);
      };
      if (this.clustered) {
        this.clusterGroup.zoomToShowLayer(marker, open);
      } else {
        if (!this.map.getBounds().contains(marker.getLatLng())) {
          this.map.setView(marker.getLatLng(), Math.max(this.map.getZoom(), 14));
        }
        open();
      }
    });
  }

  closePopup() {
    this.map.closePopup();
  }

  /* ------------------------------------------------------------ popup */

  popupContent(id) {
    const facility = this.get(id);
    if (!facility) {
      return h('div', { class: 'facility-popup' }, t('common.none'));
    }
    const type = this.catalogue.type(facility.type);
    const number = (value) => formatNumber(value);
    const text = (value) => (value === null || value === undefined || value === '' ? t('common.none') : String(value));
    const row = (labelKey, value, name) => h('tr', { dataset: { field: name } },
      h('th', { scope: 'row' }, t(labelKey)), h('td', {}, value));
    const attributes = Object.entries(facility.attributes || {});
    return h('div', { class: 'facility-popup', dataset: { facilityId: String(facility.id) } },
      h('div', { class: 'popup-head' },
        h('span', { class: 'popup-badge', html: badgeSvg({ color: type.color, icon: type.icon, status: facility.status, size: 28 }) }),
        h('div', {},
          h('div', { class: 'popup-title' }, facility.name || t('common.none')),
          h('div', { class: 'popup-type' },
            this.catalogue.typeName(facility.type), ' ',
            h('span', { class: `status-badge status-badge--${facility.status}` }, statusLabel(facility.status))))),
      h('table', { class: 'popup-table' },
        h('tbody', {},
          row('field.beds', number(facility.beds), 'beds'),
          row('field.physicians', number(facility.physicians), 'physicians'),
          row('field.nurses', number(facility.nurses), 'nurses'),
          row('field.ambulances', number(facility.ambulances), 'ambulances'),
          row('field.address', text(facility.address), 'address'),
          row('field.externalId', text(facility.externalId), 'externalId'),
          row('field.coordinates', `${formatCoordinate(facility.lon)}, ${formatCoordinate(facility.lat)}`, 'coordinates'))),
      attributes.length ? h('details', { class: 'popup-attributes' },
        h('summary', {}, `${t('field.attributes')} (${formatNumber(attributes.length)})`),
        h('table', { class: 'popup-table' }, h('tbody', {},
          attributes.map(([key, value]) => h('tr', {},
            h('th', { scope: 'row' }, key),
            h('td', {}, value !== null && typeof value === 'object' ? JSON.stringify(value) : text(value))))))) : null,
      this.popupSections.map((section) => section(facility)),
      h('div', { class: 'popup-actions' },
        h('button', {
          type: 'button', class: 'btn btn-small', id: 'popup-edit', dataset: { action: 'edit' },
          on: { click: () => this.onEdit(facility) },
        }, t('popup.edit')),
        this.onHistory ? h('button', {
          type: 'button', class: 'btn btn-small', id: 'popup-history', dataset: { action: 'history' },
          on: { click: () => this.onHistory(facility) },
        }, t('popup.history')) : null,
        h('button', {
          type: 'button', class: 'btn btn-small btn-danger-quiet', id: 'popup-delete', dataset: { action: 'delete' },
          on: { click: () => this.onDelete(facility) },
        }, t('popup.delete'))));
  }

  /* ------------------------------------------------------------ legend */

  renderLegend() {
    const all = [...this.features.values()].map(facilityOf);
    const typeCounts = countBy(all, (f) => f.type);
    const statusCounts = countBy(all, (f) => f.status);

    this.summaryElement.textContent = all.length
      ? t('facilities.summary', { visible: this.markers.size, total: all.length })
      : t('facilities.empty');

    const groups = this.catalogue.grouped([...typeCounts.keys()]);
    this.legendElement.replaceChildren(...groups.map(({ group, types }) => {
      const shown = types.filter((type) => !this.hiddenTypes.has(type.code)).length;
      const groupToggle = h('input', {
        type: 'checkbox',
        class: 'legend-group-toggle',
        dataset: { group: group.code },
        checked: shown > 0,
        on: {
          change: (event) => {
            types.forEach((type) => (event.target.checked ? this.hiddenTypes.delete(type.code) : this.hiddenTypes.add(type.code)));
            this.render();
          },
        },
      });
      groupToggle.indeterminate = shown > 0 && shown < types.length;
      const groupCount = types.reduce((sum, type) => sum + (typeCounts.get(type.code) || 0), 0);
      return h('section', { class: 'legend-group', dataset: { group: group.code } },
        h('label', { class: 'legend-group-head' },
          groupToggle,
          h('span', { class: 'legend-group-name' }, localName(group) || group.code),
          h('span', { class: 'legend-count' }, formatNumber(groupCount))),
        h('ul', { class: 'legend-types' }, types.map((type) => h('li', { class: 'legend-type', dataset: { type: type.code } },
          h('label', {},
            h('input', {
              type: 'checkbox',
              name: 'legend-type',
              value: type.code,
              checked: !this.hiddenTypes.has(type.code),
              on: { change: (event) => this.setTypeVisible(type.code, event.target.checked) },
            }),
            h('span', { class: 'legend-swatch', html: badgeSvg({ color: type.color, icon: type.icon, size: 20 }) }),
            h('span', { class: 'legend-name' }, this.catalogue.typeName(type.code)),
            h('span', { class: 'legend-count' }, formatNumber(typeCounts.get(type.code) || 0)))))));
    }));

    this.statusElement.replaceChildren(
      h('legend', { class: 'status-filter-title' }, t('facilities.statusFilter')),
      ...STATUSES.map((status) => h('label', { class: 'status-option', dataset: { status } },
        h('input', {
          type: 'checkbox',
          name: 'status-filter',
          value: status,
          checked: !this.hiddenStatuses.has(status),
          on: { change: (event) => this.setStatusVisible(status, event.target.checked) },
        }),
        h('span', { class: 'legend-swatch', html: badgeSvg({ color: '#4d5b66', icon: 'cross', status, size: 18 }) }),
        h('span', {}, statusLabel(status)),
        h('span', { class: 'legend-count' }, formatNumber(statusCounts.get(status) || 0)))));
    this.statusElement.hidden = all.length === 0;
  }
}

export function statusLabel(status) {
  return STATUSES.includes(status) ? t(`status.${status}`) : String(status ?? t('common.none'));
}

/** Longitude/latitude with 6 decimals (≈ 0.1 m), the precision the form accepts. */
export function formatCoordinate(value) {
  return Number.isFinite(value) ? value.toFixed(6) : t('common.none');
}

function countBy(items, key) {
  const counts = new Map();
  items.forEach((item) => counts.set(key(item), (counts.get(key(item)) || 0) + 1));
  return counts;
}
