/**
 * Coverage zones on the map: one layer per computed zone set, drawn in bands of travel time with
 * a sequential colour scale (the shortest time darkest, since it is the best-served area), and
 * the legend "minutes → colour" for them.
 *
 * A zone set is the GeoJSON FeatureCollection of GET /api/coverage-zones/{id}: one feature per
 * facility and band (or per band, when dissolved), largest band first, so smaller bands are drawn
 * on top and get the hover. Polygon holes (a lake, a road-less block) render as holes: Leaflet
 * draws each polygon as one SVG path with the even-odd fill rule.
 *
 * The zones live in their own panes below the overlay and marker panes, so facility markers stay
 * clickable above them.
 *
 * Test hooks: each zone is an SVG path with class `coverage-zone` (plus `coverage-zone--filled`
 * or `coverage-zone--outline`) and data-minutes, data-method and data-facility-id.
 */
import { formatNumber, onLanguageChange, t } from './i18n.js';
import { modeLabel } from './networks.js';
import { h } from './ui.js';

/**
 * Sequential blue-green ramp, darkest first (own values). Nine steps: ColorBrewer's sequential
 * schemes stop at nine classes because more cannot be told apart on a map.
 */
const RAMP = ['#0b2d4f', '#114a6e', '#17678a', '#1f849b', '#36a0a3', '#5fb8a5', '#8bc9a0', '#b0d894', '#cfe58c'];

/** At most this many bands can be told apart; the form refuses more. */
export const MAX_BANDS = RAMP.length;

const PANES = {
  // above tiles (tilePane 200), below vector overlays (overlayPane 400) and markers (markerPane 600)
  filled: { name: 'coverageZones', zIndex: 350 },
  // the radius outlines of a comparison are drawn over the filled road-network zones
  outline: { name: 'coverageOutlines', zIndex: 360 },
};

const FILL_OPACITY = 0.42;

/** The band of a feature: its minutes, or "fixed" for a zone of a fixed radius without minutes. */
function bandOf(feature) {
  const minutes = feature?.properties?.minutes;
  return Number.isFinite(minutes) ? minutes : 'fixed';
}

/** Bands in legend order: minutes ascending, a fixed radius last. */
function sortBands(bands) {
  return [...new Set(bands)].sort((a, b) => {
    if (a === b) {
      return 0;
    }
    if (a === 'fixed') {
      return 1;
    }
    if (b === 'fixed') {
      return -1;
    }
    return a - b;
  });
}

/** The ramp colour of band number index out of count, spread over the whole ramp. */
export function bandColour(index, count) {
  if (count <= 1) {
    return RAMP[3];
  }
  return RAMP[Math.round((index * (RAMP.length - 1)) / (count - 1))];
}

export class CoverageLayer {
  /**
   * @param {object} options
   * @param {L.Map} options.map
   * @param {import('./map.js').LayerRegistry} options.registry
   * @param {HTMLElement} options.legend  the element to draw the legend in (#coverage-legend)
   */
  constructor({ map, registry, legend }) {
    this.map = map;
    this.registry = registry;
    this.legend = legend;
    Object.values(PANES).forEach(({ name, zIndex }) => {
      if (!map.getPane(name)) {
        map.createPane(name).style.zIndex = String(zIndex);
      }
    });
    /** [{method, style: 'filled'|'outline', collection, layer}] */
    this.sets = [];
    this.bands = [];
    // the registry relabels the layer control itself; tooltips are built each time they open
    onLanguageChange(() => this.renderLegend());
  }

  /**
   * Replaces what is shown by these zone sets: [{method: 'network'|'radius', style:
   * 'filled'|'outline', collection}]. The first is the main result. Each set becomes one overlay
   * in the layer control. Returns the number of zones drawn.
   */
  show(sets) {
    this.clear();
    this.bands = sortBands(sets.flatMap((set) => (set.collection.features || []).map(bandOf)));
    this.sets = sets.map((set) => {
      const layer = this.buildLayer(set);
      layer.addTo(this.map);
      this.registry.addOverlay(layer, set.method === 'radius' ? 'coverage.layerRadius' : 'coverage.layerNetwork',
        { id: `coverage-${set.method}` });
      return { ...set, layer };
    });
    this.renderLegend();
    return this.count();
  }

  clear() {
    this.sets.forEach(({ layer }) => {
      this.registry.removeOverlay(layer);
      layer.remove();
    });
    this.sets = [];
    this.bands = [];
    this.renderLegend();
  }

  /** Zones drawn for the main set (the road-network one in a comparison). */
  count() {
    return this.sets[0]?.layer.getLayers().length ?? 0;
  }

  /** Zones drawn per method: {network: n, radius: m}. */
  counts() {
    return Object.fromEntries(this.sets.map(({ method, layer }) => [method, layer.getLayers().length]));
  }

  /** The extent of everything drawn, or null. */
  bounds() {
    const bounds = L.latLngBounds([]);
    this.sets.forEach(({ layer }) => {
      const layerBounds = layer.getBounds();
      if (layerBounds.isValid()) {
        bounds.extend(layerBounds);
      }
    });
    return bounds.isValid() ? bounds : null;
  }

  colourOf(band) {
    const index = this.bands.indexOf(band);
    return bandColour(Math.max(index, 0), this.bands.length);
  }

  bandLabel(band, parameters) {
    if (band === 'fixed') {
      return Number.isFinite(parameters?.radiusMeters)
        ? t('coverage.legendFixed', { meters: parameters.radiusMeters })
        : t('coverage.method.radius');
    }
    return t('coverage.legendBand', { minutes: band });
  }

  styleFor(style, band) {
    const colour = this.colourOf(band);
    return style === 'outline'
      ? { color: outlineColour(colour), weight: 2, opacity: 0.95, dashArray: '6 4', fill: false }
      : { color: strokeColour(colour), weight: 1, opacity: 0.8, fillColor: colour, fillOpacity: FILL_OPACITY };
  }

  buildLayer({ method, style, collection }) {
    const parameters = collection.parameters || {};
    const layer = L.geoJSON(collection, {
      pane: PANES[style].name,
      className: `coverage-zone coverage-zone--${style}`,
      style: (feature) => this.styleFor(style, bandOf(feature)),
      onEachFeature: (feature, zone) => {
        const band = bandOf(feature);
        zone.on('add', () => {
          const element = zone.getElement();
          if (element) {
            element.dataset.minutes = String(feature.properties?.minutes ?? '');
            element.dataset.method = method;
            element.dataset.facilityId = String(feature.properties?.facilityId ?? '');
          }
        });
        zone.bindTooltip(() => this.tooltip(feature, band, method, parameters), {
          sticky: true,
          direction: 'top',
          offset: [0, -8],
          opacity: 1,
          className: 'coverage-tooltip',
        });
        zone.on('mouseover', () => zone.setStyle({ weight: style === 'outline' ? 3 : 2.5 }));
        zone.on('mouseout', () => zone.setStyle({ weight: this.styleFor(style, band).weight }));
      },
    });
    return layer;
  }

  tooltip(feature, band, method, parameters) {
    const properties = feature.properties || {};
    const mode = properties.mode || parameters.mode;
    const area = Number.isFinite(properties.areaSquareMeters)
      ? t('coverage.km2', { area: formatArea(properties.areaSquareMeters) })
      : null;
    const facility = properties.facilityName
      || (Number.isFinite(properties.pointIndex) ? t('coverage.point', { index: properties.pointIndex + 1 }) : null)
      || (properties.facilityId === null || properties.facilityId === undefined ? t('coverage.allFacilities') : `#${properties.facilityId}`);
    return h('div', { class: 'coverage-tooltip-body' },
      h('div', { class: 'coverage-tooltip-title' },
        h('span', { class: 'coverage-swatch', style: `background:${this.colourOf(band)}` }),
        this.bandLabel(band, parameters),
        mode ? ` · ${modeLabel(mode)}` : ''),
      h('div', {}, facility),
      h('div', { class: 'coverage-tooltip-meta' },
        [area, t(`coverage.method.${properties.method || method}`)].filter(Boolean).join(' · ')));
  }

  /**
   * Draws the legend: a caption, then one row per band with a swatch per shown set (two columns,
   * headed by the method, when two sets are compared).
   */
  renderLegend() {
    if (!this.legend) {
      return;
    }
    if (!this.sets.length) {
      this.legend.replaceChildren();
      this.legend.hidden = true;
      return;
    }
    const parameters = this.sets[0].collection.parameters || {};
    const comparing = this.sets.length > 1;
    const present = this.sets.map((set) => new Set((set.collection.features || []).map(bandOf)));
    const swatch = (set, index, band) => {
      if (!present[index].has(band)) {
        return h('span', { class: 'coverage-swatch coverage-swatch--none' });
      }
      const colour = this.colourOf(band);
      return h('span', {
        class: `coverage-swatch coverage-swatch--${set.style}`,
        style: set.style === 'outline'
          ? `border-color:${outlineColour(colour)}`
          : `background:${hexToRgba(colour, FILL_OPACITY + 0.15)};border-color:${strokeColour(colour)}`,
      });
    };
    const children = [h('div', { class: 'coverage-legend-caption' }, t('coverage.legendTitle'))];
    if (comparing) {
      children.push(h('div', { class: 'coverage-legend-head' },
        this.sets.map((set) => h('span', { class: 'coverage-legend-method' }, t(`coverage.legendMethod.${set.method}`))),
        h('span', {})));
    }
    children.push(h('ul', { class: 'coverage-legend-items' }, this.bands.map((band) => h('li', {
      class: 'coverage-legend-item',
      dataset: { minutes: band === 'fixed' ? 'fixed' : String(band) },
    },
    this.sets.map((set, index) => swatch(set, index, band)),
    h('span', { class: 'coverage-legend-label' }, this.bandLabel(band, parameters))))));
    this.legend.hidden = false;
    this.legend.classList.toggle('coverage-legend--compare', comparing);
    this.legend.replaceChildren(...children);
  }
}

/** Square metres as square kilometres with two decimals (one hectare ≈ 0.01 km²). */
export function formatArea(squareMeters) {
  return formatNumber(squareMeters / 1e6, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The edge of a filled zone: its fill colour darkened by a third, so light bands keep an edge. */
function strokeColour(hex) {
  return mix(hex, '#0b1f33', 0.35);
}

/** A zone drawn as outline only: darkened a little, so the lightest band still reads as a line. */
function outlineColour(hex) {
  return mix(hex, '#0b1f33', 0.2);
}

function mix(hexA, hexB, weightB) {
  const a = Number.parseInt(hexA.slice(1), 16);
  const b = Number.parseInt(hexB.slice(1), 16);
  const channel = (shift) => Math.round(((a >> shift) & 255) * (1 - weightB) + ((b >> shift) & 255) * weightB);
  return `#${[16, 8, 0].map((shift) => channel(shift).toString(16).padStart(2, '0')).join('')}`;
}

function hexToRgba(hex, alpha) {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
