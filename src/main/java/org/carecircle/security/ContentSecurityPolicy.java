package org.carecircle.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of every answer. Scripts only from CareCircle itself (the page has no
 * inline script or event handler); inline styles are allowed because Leaflet positions map panes
 * and markers with them; images also from the base-map tile host and data: URIs (the favicon,
 * Leaflet's marker images); nothing may frame the page.
 */
final class ContentSecurityPolicy {
  /** scheme://host[:port] at the start of a tile URL template; the host may hold {s} etc. */
  private static final Pattern ORIGIN = Pattern.compile("^(https?)://([^/?#]+)");

  private ContentSecurityPolicy() {}

  /**
   * The policy for a page whose base map comes from {@code tileUrl}.
   *
   * @param tileUrl Leaflet tile URL template (e.g. {@code https://{s}.tile.example.org/{z}/{x}/{y}.png}),
   *     or empty for no base map
   */
  static String forTileUrl(String tileUrl) {
    String tileSource = tileSource(tileUrl);
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
        + (tileSource.isEmpty() ? "" : " " + tileSource)
        + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
        + " frame-ancestors 'none'";
  }

  /**
   * The CSP source that admits a tile URL template's host: placeholders in the host ({s}, {switch:a,b})
   * become a wildcard label, as CSP allows only for the leftmost label. Empty when there is no
   * tile URL or it is relative (then 'self' covers it).
   */
  static String tileSource(String tileUrl) {
    if (tileUrl == null) {
      return "";
    }
    Matcher origin = ORIGIN.matcher(tileUrl.trim());
    if (!origin.find()) {
      return "";
    }
    String host = origin.group(2).replaceAll("\\{[^}]*}", "*");
    int lastWildcard = host.lastIndexOf('*');
    if (lastWildcard >= 0) {
      // a wildcard is allowed only as the whole leftmost label: *.tile.example.org
      int dot = host.indexOf('.', lastWildcard);
      host = dot < 0 ? "*" : "*" + host.substring(dot);
    }
    return origin.group(1) + "://" + host;
  }
}
