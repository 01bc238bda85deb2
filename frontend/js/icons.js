/**
 * Facility symbols: a round badge in the type's colour with a white glyph named by the catalogue's
 * `icon` field. All glyphs are drawn here on a 24×24 grid; each takes the glyph colour `fg` and the
 * badge colour `bg`, used for details cut into the glyph (the cross on the ambulance, for example).
 *
 * Status changes the badge, so it reads without colour vision too:
 *   existing  – solid badge, white rim
 *   planned   – solid badge, dashed outer ring
 *   candidate – white badge, coloured glyph, dashed ring
 *   closed    – grey badge, faded
 */

const GLYPHS = {
  cross: (fg) => `<path fill="${fg}" d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z"/>`,

  hospital: (fg) => `<path fill="${fg}" d="M5 3h4v7h6V3h4v18h-4v-7H9v7H5z"/>`,

  ambulance: (fg, bg) => `
    <path fill="${fg}" d="M1.5 6h12.5v11H1.5z"/>
    <path fill="${fg}" d="M15 9h3.8l3.7 4.5V17H15z"/>
    <path fill="${bg}" d="M6.6 8h2.3v2.3h2.3v2.3H8.9v2.3H6.6v-2.3H4.3v-2.3h2.3z"/>
    <path fill="${bg}" d="M16.4 10.4h2l2 2.6h-4z"/>
    <circle cx="6" cy="18" r="2.3" fill="${fg}" stroke="${bg}" stroke-width="1.3"/>
    <circle cx="17.5" cy="18" r="2.3" fill="${fg}" stroke="${bg}" stroke-width="1.3"/>`,

  herb: (fg, bg) => `
    <path fill="${fg}" d="M20.5 3.5C11.5 3.5 5 8 5 14.6c0 1.7.4 3.1 1.1 4.3L3.5 21.5l1.1 1.1 2.6-2.6c1.2.8 2.8 1.2 4.6 1.2 6.9 0 8.7-7.6 8.7-17.7z"/>
    <path fill="none" stroke="${bg}" stroke-width="1.3" stroke-linecap="round" d="M7.6 18.6C10.2 14.2 13.2 10.6 17 7.6M11.3 14.2h4M13.8 11.2l-.3-3"/>`,

  mother: (fg, bg) => `
    <circle cx="8" cy="6.2" r="3" fill="${fg}"/>
    <path fill="${fg}" d="M1.8 21.5c0-5.4 2.6-9.2 6.2-9.2s6.2 3.8 6.2 9.2z"/>
    <circle cx="16.6" cy="10.4" r="2.9" fill="${fg}" stroke="${bg}" stroke-width="1.1"/>
    <path fill="${fg}" stroke="${bg}" stroke-width="1.1" d="M12.2 21.5c0-4.2 1.9-7.2 4.4-7.2s4.4 3 4.4 7.2z"/>`,

  clinic: (fg) => `
    <path fill="${fg}" fill-rule="evenodd"
      d="M12 2.5l9.5 7.3V21.5h-19V9.8zM10.5 10.5v2.8H7.7v3h2.8v2.8h3v-2.8h2.8v-3h-2.8v-2.8z"/>`,

  tooth: (fg) => `
    <path fill="${fg}" d="M7.5 3C5 3 3.5 5 3.5 7.6c0 2.2.9 3.4 1.5 5.2.7 2.2.8 4.6 1.6 6.9.4 1.1 1 1.8 1.9 1.8
      1.6 0 1.8-2.3 2.2-4 .3-1.2.6-2 1.3-2s1 .8 1.3 2c.4 1.7.6 4 2.2 4 .9 0 1.5-.7 1.9-1.8.8-2.3.9-4.7 1.6-6.9
      .6-1.8 1.5-3 1.5-5.2C20.5 5 19 3 16.5 3c-1.9 0-2.9 1-4.5 1S9.4 3 7.5 3z"/>`,

  heart: (fg, bg) => `
    <path fill="${fg}" d="M12 21s-9-5.4-9-11.6C3 6.4 5.3 4 8.2 4c1.6 0 3 .8 3.8 2.1C12.8 4.8 14.2 4 15.8 4
      18.7 4 21 6.4 21 9.4 21 15.6 12 21 12 21z"/>
    <path fill="none" stroke="${bg}" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"
      d="M5.5 11.5h3l1.6-3 2.4 6 1.6-3h4.4"/>`,

  brain: (fg, bg) => `
    <g fill="${fg}">
      <circle cx="8.2" cy="8" r="4.2"/><circle cx="15.8" cy="8" r="4.2"/>
      <circle cx="5.6" cy="13" r="3.6"/><circle cx="18.4" cy="13" r="3.6"/>
      <circle cx="8.8" cy="17" r="3.8"/><circle cx="15.2" cy="17" r="3.8"/>
      <circle cx="12" cy="12.5" r="5.5"/>
    </g>
    <path fill="none" stroke="${bg}" stroke-width="1.3" stroke-linecap="round"
      d="M12 4.8v16M7.5 10.5c1.6 0 2.4 1 2.4 2.4M16.5 10.5c-1.6 0-2.4 1-2.4 2.4M7.6 16.4c1.2-.9 2.6-.7 3.3.4M16.4 16.4c-1.2-.9-2.6-.7-3.3.4"/>`,

  injury: (fg, bg) => `
    <g transform="rotate(-45 12 12)">
      <rect x="1.5" y="8" width="21" height="8" rx="4" fill="${fg}"/>
      <rect x="8.5" y="8" width="7" height="8" fill="${fg}" stroke="${bg}" stroke-width="1.2"/>
      <g fill="${bg}"><circle cx="10.6" cy="10.6" r=".9"/><circle cx="13.4" cy="10.6" r=".9"/>
        <circle cx="10.6" cy="13.4" r=".9"/><circle cx="13.4" cy="13.4" r=".9"/></g>
    </g>`,

  baby: (fg, bg) => `
    <circle cx="12" cy="13.2" r="7.8" fill="${fg}"/>
    <path fill="none" stroke="${fg}" stroke-width="1.7" stroke-linecap="round" d="M12 5.6c-.4-1.9 1.2-3.3 3-2.6"/>
    <circle cx="9.3" cy="12.6" r="1.1" fill="${bg}"/><circle cx="14.7" cy="12.6" r="1.1" fill="${bg}"/>
    <path fill="none" stroke="${bg}" stroke-width="1.4" stroke-linecap="round" d="M9.6 16.1c1.4 1.2 3.4 1.2 4.8 0"/>`,

  shield: (fg, bg) => `
    <path fill="${fg}" d="M12 2.3l8.3 3.1v6.1c0 5.1-3.5 8.9-8.3 10.3-4.8-1.4-8.3-5.2-8.3-10.3V5.4z"/>
    <path fill="${bg}" d="M10.7 7.6h2.6v3.1h3.1v2.6h-3.1v3.1h-2.6v-3.1H7.6v-2.6h3.1z"/>`,

  pill: (fg) => `
    <g transform="rotate(-45 12 12)">
      <path fill="${fg}" d="M12 8H6.5a4 4 0 0 0 0 8H12z"/>
      <path fill="none" stroke="${fg}" stroke-width="1.6" d="M12 8.8h5.5a3.2 3.2 0 0 1 0 6.4H12z"/>
    </g>`,
};

/** Drawn for an icon name the catalogue uses but this file does not know yet. */
const FALLBACK_GLYPH = (fg) => `<circle cx="12" cy="12" r="5" fill="${fg}"/>`;

const CLOSED_GREY = '#9a9a9a';

/** The icon names with a glyph of their own. */
export const ICON_NAMES = Object.keys(GLYPHS);

/**
 * The glyph markup for icon on a 24×24 grid (no <svg> wrapper).
 * @param {string} icon   catalogue icon name
 * @param {string} fg     glyph colour
 * @param {string} bg     colour of the details cut into the glyph, normally the badge colour
 */
export function glyph(icon, fg = '#fff', bg = '#000') {
  return (GLYPHS[icon] || FALLBACK_GLYPH)(fg, bg);
}

/**
 * A complete badge as an <svg> string.
 * @param {{color: string, icon: string, status?: string, size?: number}} options
 *        size is the outer diameter in CSS pixels (default 26)
 */
export function badgeSvg({ color, icon, status = 'existing', size = 26 }) {
  // the colour is pasted into markup, so only a plain hex or named colour is let through
  const safeColor = /^(#[0-9a-f]{3,8}|[a-z]{3,20})$/i.test(color || '') ? color : CLOSED_GREY;
  const fill = status === 'closed' ? CLOSED_GREY : safeColor;
  const hollow = status === 'candidate';
  const badgeFill = hollow ? '#ffffff' : fill;
  const glyphFg = hollow ? fill : '#ffffff';
  const dashed = status === 'planned' || status === 'candidate';
  // Badge on a 28-unit grid: body radius 10.6 leaves room for a dashed ring at 12.9 inside the box.
  const ring = dashed
    ? `<circle cx="14" cy="14" r="12.9" fill="none" stroke="${fill}" stroke-width="1.8" stroke-dasharray="3.4 2.3"/>`
    : '';
  const bodyRadius = dashed ? 10.4 : 12.6;
  const rim = dashed ? 1.4 : 1.8;
  const glyphScale = (bodyRadius * 1.2) / 24;
  const offset = 14 - 12 * glyphScale;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 28 28"
    aria-hidden="true" focusable="false" class="cc-badge cc-badge--${status}">
    ${ring}
    <circle cx="14" cy="14" r="${bodyRadius}" fill="${badgeFill}" stroke="${hollow ? fill : '#ffffff'}" stroke-width="${rim}"/>
    <g transform="translate(${offset.toFixed(2)} ${offset.toFixed(2)}) scale(${glyphScale.toFixed(4)})">${glyph(icon, glyphFg, badgeFill)}</g>
  </svg>`;
}

/**
 * Leaflet icon for a facility marker. The element carries class `facility-marker` and
 * data-facility-id / data-type / data-status so browser tests and CSS can find it.
 */
export const FacilityIcon = L.DivIcon.extend({
  options: {
    className: 'facility-marker',
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    popupAnchor: [0, -13],
    tooltipAnchor: [14, 0],
  },

  initialize(facility, type, options) {
    L.Util.setOptions(this, options);
    this.facility = facility;
    this.options.html = badgeSvg({
      color: type.color,
      icon: type.icon,
      status: facility.status,
      size: this.options.iconSize[0],
    });
  },

  createIcon(oldIcon) {
    const element = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    element.dataset.facilityId = String(this.facility.id);
    element.dataset.type = this.facility.type || '';
    element.dataset.status = this.facility.status || '';
    element.classList.toggle('facility-marker--closed', this.facility.status === 'closed');
    element.setAttribute('role', 'button');
    element.setAttribute('aria-label', this.facility.name || String(this.facility.id));
    return element;
  },
});

/**
 * The icon for a cluster of facility markers: a neutral disc sized by count, so clusters never
 * compete with the type colours.
 */
export function clusterIcon(cluster, formatCount) {
  const count = cluster.getChildCount();
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
  return L.divIcon({
    className: 'cc-cluster',
    html: `<span>${formatCount(count)}</span>`,
    iconSize: [size, size],
  });
}
