package org.carecircle.coverage.isochrone;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.proj4j.geodesic.Geodesic;
import org.locationtech.proj4j.geodesic.GeodesicData;
import org.locationtech.proj4j.geodesic.GeodesicMask;

/**
 * Service-radius zones: circles on the ground around WGS84 points, alone, as nested bands, or
 * dissolved into one zone for several facilities.
 *
 * <p>A circle's vertices are the points at exactly {@code radiusMeters} along the geodesic from
 * the centre on the WGS84 ellipsoid, at evenly spaced azimuths (Karney's direct geodesic
 * problem, proj4j's port of GeographicLib: the exact version of an azimuthal equidistant
 * projection centred on the point). Between vertices the polygon runs straight in
 * longitude/latitude; {@link #vertexCount} chooses enough vertices that no edge strays more than
 * {@value #MAX_CHORD_SAG_METERS} m inside the circle. The inscribed polygon then falls short of
 * the circle's area by about 4/3 &times; sag / r: 0.17 % at 800 m, 0.03 % at 5 km.
 *
 * <p>Input: longitude in [-180, 180], latitude in [-85, 85] degrees, radius in (0,
 * {@value #MAX_RADIUS_METERS}] metres. Circles that would cross the antimeridian are not
 * supported (the polygon would wrap the wrong way round the globe). Output polygons are
 * counter-clockwise, SRID 4326.
 */
public final class RadiusZoneBuilder {
  /** Largest gap between the circle and a polygon edge, metres. */
  static final double MAX_CHORD_SAG_METERS = 1.0;

  /** Fewest vertices: keeps small circles round on screen. */
  static final int MIN_VERTICES = 32;

  /** Most vertices: 1 m of sag at a 100 km radius needs about 700. */
  static final int MAX_VERTICES = 1024;

  /** Service radii are walking or driving distances: beyond this a circle is a mistake. */
  static final double MAX_RADIUS_METERS = 500_000;

  private RadiusZoneBuilder() {}

  /** The circle of {@code radiusMeters} around (lon, lat), as a zone with its area. */
  public static RadiusZone zone(double lon, double lat, double radiusMeters) {
    Polygon circle = circle(lon, lat, radiusMeters);
    return new RadiusZone(radiusMeters, circle, GeodesicArea.squareMeters(circle));
  }

  /** The circle of {@code radiusMeters} around (lon, lat); see the class comment. */
  public static Polygon circle(double lon, double lat, double radiusMeters) {
    checkCentre(lon, lat);
    checkRadius(radiusMeters);
    int n = vertexCount(radiusMeters);
    Coordinate[] ring = new Coordinate[n + 1];
    for (int k = 0; k < n; k++) {
      //-- azimuths decrease so that the ring runs counter-clockwise on the map
      double azimuth = -360.0 * k / n;
      GeodesicData point = Geodesic.WGS84.Direct(lat, lon, azimuth, radiusMeters,
          GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE | GeodesicMask.LONG_UNROLL);
      if (Math.abs(point.lon2) > 180) {
        throw new IllegalArgumentException(String.format(
            "a %.0f m circle around %.5f, %.5f crosses the antimeridian", radiusMeters, lon, lat));
      }
      ring[k] = new Coordinate(point.lon2, point.lat2);
    }
    ring[n] = ring[0].copy();
    return PolygonAssembler.WGS84.createPolygon(ring);
  }

  /**
   * Nested circles, one zone per radius (each a full disc, not a ring), in the given order.
   *
   * @param radiiMeters ascending, each in (0, {@value #MAX_RADIUS_METERS}]
   */
  public static List<RadiusZone> bands(double lon, double lat, double... radiiMeters) {
    List<RadiusZone> zones = new ArrayList<>(radiiMeters.length);
    for (int k = 0; k < radiiMeters.length; k++) {
      if (k > 0 && radiiMeters[k] < radiiMeters[k - 1]) {
        throw new IllegalArgumentException("radii must be ascending, got " + radiiMeters[k - 1]
            + " before " + radiiMeters[k]);
      }
      zones.add(zone(lon, lat, radiiMeters[k]));
    }
    return zones;
  }

  /**
   * The ground within {@code radiusMeters} of any of {@code centres} (x = longitude, y =
   * latitude): the circles' union, a Polygon or MultiPolygon; an empty Polygon for no centres.
   */
  public static RadiusZone dissolve(List<Coordinate> centres, double radiusMeters) {
    checkRadius(radiusMeters);
    List<Geometry> circles = new ArrayList<>(centres.size());
    for (Coordinate centre : centres) {
      circles.add(circle(centre.x, centre.y, radiusMeters));
    }
    Geometry union = circles.isEmpty()
        ? PolygonAssembler.WGS84.createPolygon()
        : UnaryUnionOp.union(circles);
    union.setSRID(4326);
    return new RadiusZone(radiusMeters, union, GeodesicArea.squareMeters(union));
  }

  /**
   * Vertices for a circle of {@code radiusMeters}: a chord of a circle of radius r spanning
   * 2&pi;/n sags r (1 - cos(&pi;/n)) inside it; the least n for which that is at most
   * {@value #MAX_CHORD_SAG_METERS} m, within [{@value #MIN_VERTICES},
   * {@value #MAX_VERTICES}].
   */
  static int vertexCount(double radiusMeters) {
    double ratio = MAX_CHORD_SAG_METERS / radiusMeters;
    int n = ratio >= 1 ? MIN_VERTICES : (int) Math.ceil(Math.PI / Math.acos(1 - ratio));
    return Math.max(MIN_VERTICES, Math.min(MAX_VERTICES, n));
  }

  private static void checkCentre(double lon, double lat) {
    if (!(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("longitude " + lon + " is out of range [-180, 180]");
    }
    if (!(lat >= -85 && lat <= 85)) {
      throw new IllegalArgumentException("latitude " + lat + " is out of range [-85, 85]");
    }
  }

  private static void checkRadius(double radiusMeters) {
    if (!(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS)) {
      throw new IllegalArgumentException("radius must be in (0, " + (long) MAX_RADIUS_METERS
          + "] m, was " + radiusMeters);
    }
  }
}
