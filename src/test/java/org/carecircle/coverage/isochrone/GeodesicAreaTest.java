package org.carecircle.coverage.isochrone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.proj4j.geodesic.Geodesic;
import org.locationtech.proj4j.geodesic.GeodesicMask;

class GeodesicAreaTest {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  /*
   * A cell bounded by meridians 1 degree apart and parallels phi1 and phi2 has, on the WGS84
   * ellipsoid (a = 6,378,137 m, e^2 = 0.00669437999014), the area
   *   A = a^2 / 2 * dLambda * (q(phi2) - q(phi1)),
   *   q(phi) = (1 - e^2) * (sin phi / (1 - e^2 sin^2 phi) + atanh(e sin phi) / e)
   * (Snyder 1987, eq. 3-12). With dLambda = pi / 180 = 0.0174532925:
   *   equator, 0..1 N:  q(0) = 0,             q(1)  = 0.0346711939;  A = 12,308,463,894 m^2
   *   60..61 N:         q(60) = 1.7262406406, q(61) = 1.7434886585;  A =  6,123,140,879 m^2
   * On a sphere of the mean radius 6,371,008.8 m, R^2 dLambda (sin phi2 - sin phi1) gives
   * 12,363,718,145 m^2 and 6,088,417,933 m^2: the ellipsoid's equatorial cell is 0.45 % smaller,
   * the one at 60 N 0.57 % larger.
   */
  @Test
  void oneDegreeCellAtTheEquatorMatchesTheClosedForm() {
    double area = GeodesicArea.squareMeters(box(0, 0, 1, 1));

    assertThat(area).isCloseTo(12_308_463_894.0, within(1.0));
    assertThat(area).isCloseTo(12_363_718_145.0, withPercentage(0.5));
  }

  @Test
  void oneDegreeCellAt60NorthMatchesTheClosedForm() {
    double area = GeodesicArea.squareMeters(box(10, 60, 11, 61));

    assertThat(area).isCloseTo(6_123_140_879.0, within(1.0));
    assertThat(area).isCloseTo(6_088_417_933.0, withPercentage(0.6));
  }

  @Test
  void polygonWithLongDiagonalEdgesMatchesGeographicLib() throws ParseException {
    // an irregular polygon near Heidelberg with edges of 1.5 to 15 km. GeographicLib sums the
    // exact areas of geodesic edges (S12); splitting each straight lon/lat edge into 1000
    // geodesics of at most 15 m makes its polygon the same shape as ours to well under 1e-9.
    Geometry polygon = new WKTReader(FACTORY).read("POLYGON ((8.60 49.30, 8.80 49.31,"
        + " 8.802 49.41, 8.69 49.413, 8.684 49.409, 8.60 49.30))");

    assertThat(GeodesicArea.squareMeters(polygon))
        .isCloseTo(geographicLibArea(polygon, 1000), withPercentage(1e-7));
  }

  @Test
  void holesAreSubtractedAndPartsAdded() throws ParseException {
    WKTReader reader = new WKTReader(FACTORY);
    Geometry outer = box(8.0, 49.0, 8.1, 49.1);
    Geometry inner = box(8.02, 49.02, 8.05, 49.05);
    Geometry withHole = reader.read("POLYGON ((8.0 49.0, 8.1 49.0, 8.1 49.1, 8.0 49.1, 8.0 49.0),"
        + " (8.02 49.02, 8.02 49.05, 8.05 49.05, 8.05 49.02, 8.02 49.02))");
    Geometry twoParts = FACTORY.createMultiPolygon(
        new Polygon[] {(Polygon) outer, (Polygon) box(9.0, 49.0, 9.1, 49.1)});

    assertThat(GeodesicArea.squareMeters(withHole)).isCloseTo(
        GeodesicArea.squareMeters(outer) - GeodesicArea.squareMeters(inner), within(1e-3));
    assertThat(GeodesicArea.squareMeters(twoParts)).isCloseTo(
        GeodesicArea.squareMeters(outer) + GeodesicArea.squareMeters(box(9.0, 49.0, 9.1, 49.1)),
        within(1e-3));
  }

  @Test
  void pointsLinesAndEmptyGeometriesHaveNoArea() {
    assertThat(GeodesicArea.squareMeters(FACTORY.createPolygon())).isZero();
    assertThat(GeodesicArea.squareMeters(FACTORY.createPoint(new Coordinate(8, 49)))).isZero();
    assertThat(GeodesicArea.squareMeters(FACTORY.createLineString(
        new Coordinate[] {new Coordinate(8, 49), new Coordinate(9, 50)}))).isZero();
  }

  private static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
    return FACTORY.createPolygon(new Coordinate[] {new Coordinate(minLon, minLat),
        new Coordinate(maxLon, minLat), new Coordinate(maxLon, maxLat),
        new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)});
  }

  /**
   * GeographicLib's area (the sum of S12 over geodesic edges, as its PolygonArea does) of the
   * polygon with each edge split into {@code parts} straight lon/lat pieces.
   */
  private static double geographicLibArea(Geometry polygon, int parts) {
    Coordinate[] ring = ((Polygon) polygon).getExteriorRing().getCoordinates();
    double sum = 0;
    for (int k = 0; k + 1 < ring.length; k++) {
      for (int p = 0; p < parts; p++) {
        double lon1 = ring[k].x + (ring[k + 1].x - ring[k].x) * p / parts;
        double lat1 = ring[k].y + (ring[k + 1].y - ring[k].y) * p / parts;
        double lon2 = ring[k].x + (ring[k + 1].x - ring[k].x) * (p + 1) / parts;
        double lat2 = ring[k].y + (ring[k + 1].y - ring[k].y) * (p + 1) / parts;
        sum += Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.AREA).S12;
      }
    }
    return Math.abs(sum);
  }
}
