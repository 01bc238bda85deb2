package org.carecircle.coverage.isochrone;

/**
 * A local metric frame: equirectangular around a centre, x metres east and y metres north, with
 * the WGS84 ellipsoid's radii of curvature at the centre's latitude.
 *
 * <p>Accuracy: the mapping is exact both ways (lon/lat &harr; x/y are inverse affine maps), so
 * the frame never displaces a zone; what it approximates is <em>distance</em>. North-south
 * distances are true to the change of the meridian radius (under 0.01 % within 30 km of the
 * centre); east-west distances are scaled by cos(lat) / cos(lat0), about
 * tan(lat0) &times; (north-south offset / 6,371 km): 0.2 % at 10 km north or south of the
 * centre at 50° N, 0.4 % at 20 km. For a city extent this scales walking distances and cell
 * sizes by that fraction, nothing more.
 */
final class LocalFrame {
  static final double WGS84_SEMI_MAJOR_AXIS_METERS = 6378137.0;
  static final double WGS84_FLATTENING = 1 / 298.257223563;
  static final double WGS84_ECCENTRICITY_SQUARED = WGS84_FLATTENING * (2 - WGS84_FLATTENING);

  final double centreLon;
  final double centreLat;
  /** Metres per degree of longitude at the centre's latitude. */
  final double metersPerDegreeLon;
  /** Metres per degree of latitude at the centre's latitude. */
  final double metersPerDegreeLat;

  LocalFrame(double centreLon, double centreLat) {
    this.centreLon = centreLon;
    this.centreLat = centreLat;
    double phi = Math.toRadians(centreLat);
    double sin = Math.sin(phi);
    double w = 1 - WGS84_ECCENTRICITY_SQUARED * sin * sin;
    double primeVerticalRadius = WGS84_SEMI_MAJOR_AXIS_METERS / Math.sqrt(w);
    double meridianRadius =
        WGS84_SEMI_MAJOR_AXIS_METERS * (1 - WGS84_ECCENTRICITY_SQUARED) / (w * Math.sqrt(w));
    metersPerDegreeLon = Math.toRadians(1) * primeVerticalRadius * Math.cos(phi);
    metersPerDegreeLat = Math.toRadians(1) * meridianRadius;
  }

  double x(double lon) {
    return (lon - centreLon) * metersPerDegreeLon;
  }

  double y(double lat) {
    return (lat - centreLat) * metersPerDegreeLat;
  }

  double lon(double x) {
    return centreLon + x / metersPerDegreeLon;
  }

  double lat(double y) {
    return centreLat + y / metersPerDegreeLat;
  }
}
