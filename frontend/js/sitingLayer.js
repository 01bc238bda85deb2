/**
 * Siting on the map: the new sites of a siting answer as numbered markers (the number is the rank
 * by marginal gain, 1 = the site whose loss would hurt most), the candidate points the solver
 * could choose from as small grey dots, and the drawing of excluded areas (where no station may
 * go) as plain Leaflet polygons.
 *
 * Panes: the numbered sites sit above the facility markers (markerPane, z 600) so a new site on
 * top of an existing station stays visible; the candidate dots sit below the vector overlays
 * (overlayPane, z 400) so they never cover a zone or a district.
 *
 * Test hooks: each site is `.siting-site-marker[data-rank][data-site-id]` inside the marker's
 * element; excluded areas are `path.siting-excluded-area`; the draft while drawing is
 * `path.siting-excluded-draft`; layer control entries `span[data-layer="siting-sites"|"siting-candidates"]`.
 */
import { formatNumber, onLanguageChange, t } from './i18n.js';
import { h } from './ui.js';

const PANES = {
  // above the facility markers (600), below tooltips (650) and popups (700)
  sites: { name: 'sitingSites', zIndex: 620 },
  // above the coverage zones (350–360), below the vector overlays (400)
  candidates: { name: 'sitingCandidates', zIndex: 380 },
};

/** Models whose costs are minutes (the others count people). */
const COST_MODELS = ['pmedian', 'pcenter'];

/** Two clicks closer than this (screen pixels) are one vertex: the second click of a double-click. */
const SAME_VERTEX_PIXELS = 6;

export class SitingLayer {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./map.js').LayerRegistry} options.registry
   */
  constructor({ map, registry }) {
    this.map = map;
    this.registry = registry;
    Object.values(PANES).forEach(({ name, zIndex }) => {
      if (!map.getPane(name)) {
        map.createPane(name).style.zIndex = String(zIndex);
      }
    });
    this.sites = null;
    this.candidates = null;
    this.answer = null;
    // the registry relabels the layer control; tooltips are rebuilt here
    onLanguageChange(() => this.retooltip());
  }

  /**
   * Shows a siting answer's network report: its sites numbered by rank and its candidate points.
   * Returns the number of site markers drawn.
   */
  show(answer) {
    this.clear();
    const report = answer?.network;
    if (!report) {
      return 0;
    }
    this.answer = answer;
    const renderer = L.canvas({ pane: PANES.candidates.name, padding: 0.2 });
    this.candidates = L.layerGroup((report.candidatePoints || [])
      .filter((point) => Array.isArray(point) && Number.isFinite(point[0]) && Number.isFinite(point[1]))
      .map(([lon, lat]) => L.circleMarker([lat, lon], {
        renderer, radius: 2.5, stroke: false, fillColor: '#7d8790', fillOpacity: 0.75, interactive: false,
      })));
    this.sites = L.layerGroup((report.sites || []).map((site) => this.siteMarker(site)));
    this.registry.addOverlay(this.candidates, 'siting.layer.candidates', { id: 'siting-candidates' });
    this.registry.addOverlay(this.sites, 'siting.layer.sites', { id: 'siting-sites' });
    this.candidates.addTo(this.map);
    this.sites.addTo(this.map);
    return (report.sites || []).length;
  }

  siteMarker(site) {
    const icon = L.divIcon({
      className: 'siting-site-icon',
      html: h('span', {
        class: `siting-site-marker${site.rank <= 3 ? ' siting-site-marker--top' : ''}`,
        dataset: { rank: String(site.rank), siteId: String(site.id) },
      }, String(site.rank)).outerHTML,
      iconSize: [24, 24],
      iconAnchor: [12, 12],
    });
    const marker = L.marker([site.lat, site.lon], {
      icon, pane: PANES.sites.name, keyboard: true, title: '', riseOnHover: true,
    });
    marker.site = site;
    marker.bindTooltip(() => this.tooltip(site), { direction: 'top', offset: [0, -12], className: 'siting-tooltip' });
    return marker;
  }

  tooltip(site) {
    const model = this.answer?.model;
    const gain = site.marginalGain;
    let text;
    if (gain === null || gain === undefined) {
      text = t('siting.gainIndispensable');
    } else if (COST_MODELS.includes(model)) {
      text = t('siting.gainMinutes', { minutes: formatNumber(gain, { maximumFractionDigits: 2 }) });
    } else {
      text = t('siting.gainPeople', { people: formatNumber(gain, { maximumFractionDigits: 0 }) });
    }
    return h('div', {},
      h('div', { class: 'siting-tooltip-title' }, t('siting.siteRank', { rank: site.rank })),
      h('div', {}, text));
  }

  retooltip() {
    this.sites?.eachLayer((marker) => marker.setTooltipContent(() => this.tooltip(marker.site)));
  }

  /** The bounds of the sites (and the candidates, so the whole search area shows), or null. */
  bounds() {
    const points = [];
    this.sites?.eachLayer((marker) => points.push(marker.getLatLng()));
    this.candidates?.eachLayer((marker) => points.push(marker.getLatLng()));
    return points.length ? L.latLngBounds(points) : null;
  }

  siteCount() {
    return this.sites ? this.sites.getLayers().length : 0;
  }

  candidateCount() {
    return this.candidates ? this.candidates.getLayers().length : 0;
  }

  clear() {
    [this.sites, this.candidates].forEach((layer) => {
      if (layer) {
        layer.remove();
        this.registry.removeOverlay(layer);
      }
    });
    this.sites = null;
    this.candidates = null;
    this.answer = null;
  }
}

/**
 * Drawing excluded areas: while drawing, each click on the map adds a vertex; a double-click or
 * finish() closes the polygon (three vertices at least); Escape (through cancel()) drops the draft.
 * The finished polygons go to the request as one GeoJSON Polygon, or a MultiPolygon for several.
 */
export class ExcludedAreaDrawer {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {() => void} options.onChange  after a polygon is added or cleared, and when drawing starts or stops
   */
  constructor({ map, onChange }) {
    this.map = map;
    this.onChange = onChange;
    /** Finished polygons, each a ring of [lon, lat] without the closing point. */
    this.rings = [];
    this.group = L.layerGroup().addTo(map);
    this.draft = [];
    this.draftLayer = null;
    this.drawing = false;
    this.onClick = (event) => this.addVertex(event.latlng);
    this.onDoubleClick = (event) => {
      L.DomEvent.stop(event);
      this.finish();
    };
  }

  start() {
    if (this.drawing) {
      return;
    }
    this.drawing = true;
    this.draft = [];
    // a double-click closes the polygon here, it must not zoom
    this.zoomOnDoubleClick = this.map.doubleClickZoom.enabled();
    this.map.doubleClickZoom.disable();
    this.map.on('click', this.onClick);
    this.map.on('dblclick', this.onDoubleClick);
    document.body.classList.add('drawing-excluded-area');
    this.onChange();
  }

  stop() {
    if (!this.drawing) {
      return;
    }
    this.drawing = false;
    this.map.off('click', this.onClick);
    this.map.off('dblclick', this.onDoubleClick);
    if (this.zoomOnDoubleClick) {
      this.map.doubleClickZoom.enable();
    }
    document.body.classList.remove('drawing-excluded-area');
    this.draft = [];
    this.drawDraft();
    this.onChange();
  }

  addVertex(latlng) {
    const last = this.draft[this.draft.length - 1];
    if (last && this.map.latLngToContainerPoint(last).distanceTo(this.map.latLngToContainerPoint(latlng)) < SAME_VERTEX_PIXELS) {
      return;
    }
    this.draft.push(latlng);
    this.drawDraft();
    this.onChange();
  }

  drawDraft() {
    this.draftLayer?.remove();
    this.draftLayer = null;
    if (!this.draft.length) {
      return;
    }
    this.draftLayer = L.layerGroup([
      L.polyline(this.draft, { className: 'siting-excluded-draft', color: '#8a1c1c', weight: 2, dashArray: '5 4', interactive: false }),
      ...this.draft.map((latlng) => L.circleMarker(latlng, { radius: 3, color: '#8a1c1c', weight: 1, fillOpacity: 1, interactive: false })),
    ]).addTo(this.map);
  }

  /** Vertices of the polygon being drawn. */
  draftSize() {
    return this.draft.length;
  }

  /** Closes the polygon being drawn (if it has three vertices) and stops drawing. Returns true when one was added. */
  finish() {
    const ring = this.draft.map((latlng) => [latlng.lng, latlng.lat]);
    const added = ring.length >= 3;
    if (added) {
      this.add(ring);
    }
    this.stop();
    return added;
  }

  /** Adds a finished polygon: ring of [lon, lat] (three points at least; a closing point is optional). */
  add(ring) {
    const open = ring.length > 3 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
      ? ring.slice(0, -1) : ring;
    this.rings.push(open.map(([lon, lat]) => [lon, lat]));
    L.polygon(open.map(([lon, lat]) => [lat, lon]), {
      className: 'siting-excluded-area', color: '#8a1c1c', weight: 2, fillColor: '#c0392b', fillOpacity: 0.15, interactive: false,
    }).addTo(this.group);
    this.onChange();
  }

  clear() {
    this.stop();
    this.rings = [];
    this.group.clearLayers();
    this.onChange();
  }

  count() {
    return this.rings.length;
  }

  /** The areas as GeoJSON (RFC 7946: closed rings, [lon, lat]): a Polygon, a MultiPolygon, or null for none. */
  toGeoJson() {
    const closed = this.rings.map((ring) => [[...ring, ring[0]]]);
    if (!closed.length) {
      return null;
    }
    return closed.length === 1 ? { type: 'Polygon', coordinates: closed[0] } : { type: 'MultiPolygon', coordinates: closed };
  }
}
