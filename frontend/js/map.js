/**
 * The Leaflet map: base maps (with the offline case), the layer control, the scale bar and the
 * remembered view.
 *
 * Government planning networks are often cut off from the internet, so the tile layer is optional:
 * when tiles fail the page says so in a small notice and, if not a single tile has loaded, switches
 * to "no base map" to stop the stream of failing requests. Everything else keeps working on the
 * plain background.
 */
import { onLanguageChange, t } from './i18n.js';
import { h, showNotice } from './ui.js';

/** Whole-country view used when there is neither data nor a remembered view. */
const CHINA_CENTER = [35.0, 104.5];
const CHINA_ZOOM = 4;

/**
 * Failed tiles before giving up on a base map that has never loaded a tile. One screen needs about
 * 12–20 tiles, so 6 failures with no success is a dead server, not a flaky tile.
 */
const OFFLINE_TILE_ERRORS = 6;

/** Zoom range: 3 shows all of China, 19 is the deepest level standard OSM tiles exist for. */
const MIN_ZOOM = 3;
const MAX_ZOOM = 19;

const VIEW_STORAGE_KEY = 'carecircle.mapView';

/**
 * Keeps the layer control in the current language. Leaflet's control copies the label text when
 * built, so it is rebuilt on a language switch; feature modules register their overlays here
 * instead of talking to the control.
 */
export class LayerRegistry {
  constructor(map) {
    this.map = map;
    this.baseLayers = [];
    this.overlays = [];
    this.control = null;
    onLanguageChange(() => this.rebuild());
  }

  /** A base map; labelKey is an i18n key. */
  addBaseLayer(layer, labelKey, { id } = {}) {
    this.baseLayers.push({ layer, labelKey, id });
    this.rebuild();
  }

  /** An overlay that can be switched on and off; labelKey is an i18n key. */
  addOverlay(layer, labelKey, { id } = {}) {
    this.overlays.push({ layer, labelKey, id });
    this.rebuild();
  }

  /** Takes an overlay out of the control (the layer itself stays on the map if it is there). */
  removeOverlay(layer) {
    const before = this.overlays.length;
    this.overlays = this.overlays.filter((entry) => entry.layer !== layer);
    if (this.overlays.length !== before) {
      this.rebuild();
    }
  }

  hasOverlay(layer) {
    return this.overlays.some((entry) => entry.layer === layer);
  }

  rebuild() {
    if (this.control) {
      this.control.remove();
    }
    // Labels are HTML in Leaflet; the data-layer attribute lets tests pick an entry by id.
    const label = ({ labelKey, id }) => h('span', { dataset: { layer: id || labelKey } }, t(labelKey)).outerHTML;
    const bases = Object.fromEntries(this.baseLayers.map((entry) => [label(entry), entry.layer]));
    const overlays = Object.fromEntries(this.overlays.map((entry) => [label(entry), entry.layer]));
    this.control = L.control.layers(bases, overlays, { position: 'topright', collapsed: true }).addTo(this.map);
    this.control.getContainer().id = 'layer-control';
  }
}

/**
 * Creates the map in #map with zoom control, metric scale bar and attribution.
 * @returns {L.Map}
 */
export function createMap() {
  const map = L.map('map', {
    // fixed here rather than taken from the tile layer, so the map (and clustering, which needs a
    // maximum zoom) behaves the same with no base map
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    zoomControl: false,
    attributionControl: false,
    worldCopyJump: true,
    preferCanvas: false,
  });
  L.control.zoom({ position: 'topright' }).addTo(map);
  L.control.scale({ metric: true, imperial: false, maxWidth: 140, position: 'bottomright' }).addTo(map);
  L.control.attribution({ prefix: '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>' }).addTo(map);
  const stored = readStoredView();
  if (stored) {
    map.setView([stored.lat, stored.lon], stored.zoom);
  } else {
    map.setView(CHINA_CENTER, CHINA_ZOOM);
  }
  map.on('moveend', () => {
    const center = map.getCenter();
    try {
      localStorage.setItem(VIEW_STORAGE_KEY, JSON.stringify({ lon: center.lng, lat: center.lat, zoom: map.getZoom() }));
    } catch {
      // not remembered
    }
  });
  return map;
}

function readStoredView() {
  try {
    const view = JSON.parse(localStorage.getItem(VIEW_STORAGE_KEY));
    if (view && Number.isFinite(view.lon) && Number.isFinite(view.lat) && Number.isFinite(view.zoom)) {
      return view;
    }
  } catch {
    // no usable view stored
  }
  return null;
}

/**
 * Adds the base maps from /api/config: the configured tile layer (if tileUrl is set) and always
 * "No base map". Starts on the tile layer when there is one.
 */
export function initBaseMaps(map, registry, config) {
  const none = L.layerGroup();
  const tileUrl = (config.tileUrl || '').trim();
  if (!tileUrl) {
    registry.addBaseLayer(none, 'map.baseNone', { id: 'none' });
    none.addTo(map);
    document.body.dataset.basemap = 'none';
    return;
  }
  const tiles = L.tileLayer(tileUrl, {
    attribution: config.tileAttribution || '',
    maxZoom: MAX_ZOOM,
  });
  registry.addBaseLayer(tiles, 'map.baseOsm', { id: 'tiles' });
  registry.addBaseLayer(none, 'map.baseNone', { id: 'none' });

  let loaded = 0;
  let failed = 0;
  let notice = null;
  const switchTo = (layer) => {
    map.removeLayer(layer === tiles ? none : tiles);
    map.addLayer(layer);
  };
  tiles.on('add', () => {
    loaded = 0;
    failed = 0;
    document.body.dataset.basemap = 'tiles';
  });
  none.on('add', () => {
    document.body.dataset.basemap = 'none';
  });
  tiles.on('tileload', () => {
    loaded += 1;
  });
  tiles.on('tileerror', () => {
    failed += 1;
    if (!notice || !notice.element.isConnected) {
      notice = showNotice({
        id: 'tile-notice',
        textKey: 'map.tilesOffline',
        detailKey: 'map.tilesOfflineDetail',
        actions: [{
          id: 'tile-retry',
          labelKey: 'common.retry',
          onClick: () => {
            notice.remove();
            map.removeLayer(tiles);
            switchTo(tiles);
          },
        }],
      });
      document.body.dataset.tilesOffline = 'true';
    }
    if (loaded === 0 && failed >= OFFLINE_TILE_ERRORS && map.hasLayer(tiles)) {
      switchTo(none);
    }
  });
  tiles.addTo(map);
}
