package org.carecircle.coverage.isochrone;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Area on the ground of WGS84 polygons.
 *
 * <p>The polygon is taken as drawn: edges straight in longitude/latitude, as GeoJSON (RFC 7946)
 * and the map draw them, and as {@link IsochroneBuilder} and {@link RadiusZoneBuilder} build them.
 * Its area on the WGS84 ellipsoid is the line integral (a&sup2;/2) &oint; q(&phi;) d&lambda;
 * around its rings, where a&sup2;q(&phi;)/2 is the ellipsoid's area between the equator and
 * latitude &phi; per radian of longitude (Snyder, Map Projections: A Working Manual, 1987,
 * eq. 3-12; Lambert's cylindrical equal-area projection on the authalic sphere). Along each edge
 * q is integrated by Simpson's rule, exact to about 1e-12 of the area for edges of any length a
 * zone has; a polygon bounded by meridians and parallels (a 1&deg; &times; 1&deg; cell) comes
 * out exactly. A polygon whose edges are geodesics instead differs by the slivers between
 * geodesic and straight edge: about 1e-5 of the area for edges of 1.5 km at 50&deg; N.
 *
 * <p>Input: longitude/latitude degrees (x, y), rings not crossing the antimeridian nor
 * enclosing a pole. Holes are subtracted; points and lines have no area; empty geometries
 * give 0. One pass, two sines and two logarithms per vertex.
 */
public final class GeodesicArea {
  private static final double A = LocalFrame.WGS84_SEMI_MAJOR_AXIS_METERS;
  private static final double E2 = LocalFrame.WGS84_ECCENTRICITY_SQUARED;
  private static final double E = Math.sqrt(E2);

  private GeodesicArea() {}

  /** Square metres on the WGS84 ellipsoid; see the class comment. */
  public static double squareMeters(Geometry wgs84) {
    double sum = 0;
    for (int g = 0; g < wgs84.getNumGeometries(); g++) {
      Geometry part = wgs84.getGeometryN(g);
      if (part instanceof Polygon polygon) {
        if (polygon.isEmpty()) {
          continue;
        }
        sum += ringSquareMeters(polygon.getExteriorRing().getCoordinateSequence());
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          sum -= ringSquareMeters(polygon.getInteriorRingN(h).getCoordinateSequence());
        }
      } else if (part != wgs84) {
        sum += squareMeters(part);
      }
    }
    return sum;
  }

  /** Unsigned area of a closed ring. */
  static double ringSquareMeters(CoordinateSequence ring) {
    int n = ring.size();
    if (n < 4) {
      return 0;
    }
    //-- q relative to the first vertex: the integral of a constant around a closed ring is 0,
    //-- and small rings would otherwise subtract nearly equal large terms
    double q0 = q(ring.getY(0));
    double integral = 0;
    double previousLon = ring.getX(0);
    double previousLat = ring.getY(0);
    double previousQ = 0;
    for (int k = 1; k < n; k++) {
      double lon = ring.getX(k);
      double lat = ring.getY(k);
      double qk = q(lat) - q0;
      double middle = q((previousLat + lat) / 2) - q0;
      integral += Math.toRadians(lon - previousLon) * (previousQ + 4 * middle + qk) / 6;
      previousLon = lon;
      previousLat = lat;
      previousQ = qk;
    }
    return Math.abs(integral) * A * A / 2;
  }

  /**
   * Snyder's q (Map Projections: A Working Manual, 1987, eq. 3-12): the ellipsoid's area between
   * the equator and latitude phi over one radian of longitude is a^2 q / 2.
   */
  static double q(double latitudeDegrees) {
    double sin = Math.sin(Math.toRadians(latitudeDegrees));
    double es = E * sin;
    double atanh = 0.5 * (Math.log1p(es) - Math.log1p(-es));
    return (1 - E2) * (sin / (1 - es * es) + atanh / E);
  }
}
