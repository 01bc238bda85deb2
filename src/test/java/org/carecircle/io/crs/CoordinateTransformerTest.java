package org.carecircle.io.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class CoordinateTransformerTest {
  private static final GeometryFactory PLAIN = new GeometryFactory();

  /**
   * Projected expectations were computed in a throw-away python3 script from the transverse
   * Mercator formulas (Krüger's series in n to the 4th order, WGS84 a = 6378137, 1/f =
   * 298.257223563; GRS80 1/f = 298.257222101), independent of proj4j. The point on the central
   * meridian was checked a second way: there easting = 500000 exactly and northing = k0 * M, with
   * the meridian arc M(36.6758°) = 4060533.007 m by Helmert's series, 0.9996 * M = 4058908.794.
   * Web Mercator: x = R * lon, y = R * ln(tan(pi/4 + lat/2)), R = 6378137.
   */
  @ParameterizedTest(name = "{0} {1}, {2}")
  @CsvSource({
    // crs,       lon,      lat,     easting,      northing
    "EPSG:32650, 117.0,    36.6758,  500000.000,   4058908.794",
    "EPSG:32650, 116.3975, 39.9087,  448502.182,   4417797.609",
    "EPSG:32650, 119.5,    36.3,     724484.065,   4020124.115",
    "EPSG:4547,  114.3055, 30.5928,  529299.860,   3385869.453",
    "EPSG:3857,  120.3826, 36.0671,  13400929.732, 4309858.161",
  })
  void projectedCoordinatesMatchHandDerivedValues(
      String crs, double lon, double lat, double easting, double northing) {
    CoordinateTransformer transformer = CoordinateTransformer.forCrs(crs);

    Point wgs84 = (Point) transformer.toWgs84(PLAIN.createPoint(new Coordinate(easting, northing)));
    Point projected = (Point) transformer.fromWgs84(PLAIN.createPoint(new Coordinate(lon, lat)));

    assertThat(Haversine.distanceMeters(wgs84.getX(), wgs84.getY(), lon, lat)).isLessThan(1.0);
    assertThat(projected.getCoordinate().distance(new Coordinate(easting, northing)))
        .isLessThan(1.0);
    assertThat(wgs84.getSRID()).isEqualTo(4326);
    assertThat(projected.getSRID()).isEqualTo(transformer.srid());
  }

  @Test
  void gcj02GeometriesKeepTheirTypeAndComeBackInWgs84() throws ParseException {
    // Qingdao and Beijing, GCJ-02 values hand-derived in ChinaOffsetTest
    Geometry gcj =
        new WKTReader()
            .read("MULTIPOINT ((120.3877331 36.0673762), (116.4037436 39.9101035))");

    Geometry wgs84 = CoordinateTransformer.forCrs("gcj-02").toWgs84(gcj);

    assertThat(wgs84.getGeometryType()).isEqualTo("MultiPoint");
    assertThat(wgs84.getSRID()).isEqualTo(4326);
    Coordinate[] points = wgs84.getCoordinates();
    assertThat(Haversine.distanceMeters(points[0].x, points[0].y, 120.3826, 36.0671))
        .isLessThan(1.0);
    assertThat(Haversine.distanceMeters(points[1].x, points[1].y, 116.3975, 39.9087))
        .isLessThan(1.0);
    assertThat(gcj.getCoordinates()[0].x).as("input left alone").isEqualTo(120.3877331);
  }

  @Test
  void polygonsKeepTheirRingsThroughBd09AndBack() throws ParseException {
    Polygon square =
        (Polygon)
            new WKTReader()
                .read(
                    "POLYGON ((120.38 36.06, 120.39 36.06, 120.39 36.07, 120.38 36.07, 120.38"
                        + " 36.06), (120.384 36.064, 120.386 36.064, 120.386 36.066, 120.384"
                        + " 36.064))");
    CoordinateTransformer bd09 = CoordinateTransformer.forCrs("BD09");

    Geometry roundTrip = bd09.toWgs84(bd09.fromWgs84(square));

    assertThat(roundTrip).isInstanceOf(Polygon.class);
    assertThat(((Polygon) roundTrip).getNumInteriorRing()).isEqualTo(1);
    assertThat(roundTrip.isValid()).isTrue();
    Coordinate[] before = square.getCoordinates();
    Coordinate[] after = roundTrip.getCoordinates();
    for (int i = 0; i < before.length; i++) {
      assertThat(Haversine.distanceMeters(before[i].x, before[i].y, after[i].x, after[i].y))
          .isLessThan(0.001);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "EPSG:4326",
    "CGCS2000",
  })
  void wgs84AndCgcs2000CopyCoordinatesUnchanged(String crs) {
    Point point = PLAIN.createPoint(new Coordinate(120.3826, 36.0671));

    Geometry result = CoordinateTransformer.forCrs(crs).toWgs84(point);

    assertThat(result.getCoordinate()).isEqualTo(new Coordinate(120.3826, 36.0671));
    assertThat(result).isNotSameAs(point);
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "EPSG:4326 | EPSG:4326",
        "  wgs84  | EPSG:4326",
        "4326 | EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326 | EPSG:4326",
        "epsg:4490 | EPSG:4490",
        "CGCS2000 | EPSG:4490",
        "gcj02 | GCJ-02",
        "GCJ-02 | GCJ-02",
        "bd-09 | BD-09",
        "BD09 | BD-09",
        "epsg:32650 | EPSG:32650",
        "EPSG: 3857 | EPSG:3857",
        "4547 | EPSG:4547",
      })
  void codesAreAcceptedInTheirUsualSpellings(String code, String canonical) {
    assertThat(CoordinateTransformer.canonicalName(code)).isEqualTo(canonical);
  }

  @Test
  void noCodeMeansTheDefaultWgs84() {
    assertThat(CoordinateTransformer.canonicalName(null)).isEqualTo("EPSG:4326");
    assertThat(CoordinateTransformer.canonicalName("  ")).isEqualTo("EPSG:4326");
  }

  @Test
  void transformersAreCachedByCanonicalName() {
    assertThat(CoordinateTransformer.forCrs("32650"))
        .isSameAs(CoordinateTransformer.forCrs("EPSG:32650"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"XYZ", "EPSG:99999", "EPSG:abc", "GCJ-03"})
  void unknownCodesAreRejectedOnFieldCrs(String code) {
    assertThatThrownBy(() -> CoordinateTransformer.forCrs(code))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        InputProblem.ofField(
                            "crs",
                            "unknown coordinate reference system '"
                                + code
                                + "': use EPSG:4326 (default), EPSG:4490 (CGCS2000), GCJ-02,"
                                + " BD-09 or an EPSG code such as EPSG:32650")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPSG:4326", "EPSG:32650", "GCJ-02"})
  void coordinatesThatCannotBeConvertedThrowRatherThanPassAsNaN(String crs) {
    Point nowhere = PLAIN.createPoint(new Coordinate(Double.NaN, 36.0));

    assertThatThrownBy(() -> CoordinateTransformer.forCrs(crs).toWgs84(nowhere))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be converted from " + crs + " to EPSG:4326");
  }

  @Test
  void latitudesWebMercatorCannotReachThrowOnExport() {
    Point pole = PLAIN.createPoint(new Coordinate(10.0, 95.0));

    assertThatThrownBy(() -> CoordinateTransformer.forCrs("EPSG:3857").fromWgs84(pole))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from EPSG:4326 to EPSG:3857");
  }
}
