package org.carecircle.io.crs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;

/**
 * Expected values were computed step by step from the published formulas in a throw-away python3
 * script, independent of {@link ChinaOffset} (double precision, rounded here to 7 decimals, about
 * 1 cm). Intermediate values (series terms, then the shift in degrees):
 *
 * <pre>
 *   point      WGS84 lon, lat       tLat          tLon          dLat           dLon
 *   Beijing    116.3975, 39.9087    155.8372689   533.8810842   +0.0014034993  +0.0062435727
 *   Qingdao    120.3826, 36.0671     30.6508110   462.4327956   +0.0002762276  +0.0051330800
 *   Jinan      117.0009, 36.6758     30.0176349   522.6701728   +0.0002704937  +0.0058470995
 *   Changzhou  119.9741, 31.8112   -226.2898315   449.7933389   -0.0020407531  +0.0047502753
 *   Jinhua     119.6495, 29.0895   -328.5536495   458.4022231   -0.0029642372  +0.0047084917
 * </pre>
 *
 * where tLat/tLon are the series at x = lon - 105, y = lat - 35, and d = t * 180 / (R * pi) with R
 * the Krasovsky meridian radius (lat) or parallel radius (lon) at the WGS84 latitude. BD-09 then
 * applies z = hypot(lon, lat) + 0.00002 sin(lat * x_pi), theta = atan2(lat, lon) + 0.000003
 * cos(lon * x_pi), e.g. for Beijing z = 123.0554565831, theta = 0.330302208101, and adds
 * (0.0065, 0.006). The BD-09 to GCJ-02 column uses the published closed-form reverse formula,
 * which lands 4–9 cm from the exact GCJ-02 value; the class refines it, so 1 m covers both.
 */
class ChinaOffsetTest {
  private static final double HAND_DERIVED_TOLERANCE_METERS = 1.0;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // point,     WGS84 lon, lat,      GCJ-02 lon,  lat,        BD-09 lon,   lat
    "Beijing,   116.3975, 39.9087, 116.4037436, 39.9101035, 116.4101166, 39.9164427",
    "Qingdao,   120.3826, 36.0671, 120.3877331, 36.0673762, 120.3942131, 36.0734168",
    "Jinan,     117.0009, 36.6758, 117.0067471, 36.6760705, 117.0131296, 36.6823954",
    "Changzhou, 119.9741, 31.8112, 119.9788503, 31.8091592, 119.9853165, 31.8153225",
    "Jinhua,    119.6495, 29.0895, 119.6542085, 29.0865358, 119.6606569, 29.0928029",
  })
  void conversionsMatchHandDerivedValues(
      String point,
      double wgsLon,
      double wgsLat,
      double gcjLon,
      double gcjLat,
      double bdLon,
      double bdLat) {
    assertWithin(ChinaOffset.wgs84ToGcj02(wgsLon, wgsLat), gcjLon, gcjLat);
    assertWithin(ChinaOffset.gcj02ToWgs84(gcjLon, gcjLat), wgsLon, wgsLat);
    assertWithin(ChinaOffset.gcj02ToBd09(gcjLon, gcjLat), bdLon, bdLat);
    assertWithin(ChinaOffset.bd09ToGcj02(bdLon, bdLat), gcjLon, gcjLat);
    assertWithin(ChinaOffset.wgs84ToBd09(wgsLon, wgsLat), bdLon, bdLat);
    assertWithin(ChinaOffset.bd09ToWgs84(bdLon, bdLat), wgsLon, wgsLat);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Beijing,   116.3975, 39.9087",
    "Qingdao,   120.3826, 36.0671",
    "Jinan,     117.0009, 36.6758",
    "Changzhou, 119.9741, 31.8112",
    "Jinhua,    119.6495, 29.0895",
    "Urumqi,     87.6168, 43.8256",
    "Haikou,    110.3312, 20.0311",
    "on the 105E cusp of the series, 105.0, 35.0",
  })
  void roundTripsReturnToTheStartingPoint(String point, double lon, double lat) {
    Coordinate gcj = ChinaOffset.wgs84ToGcj02(lon, lat);
    Coordinate backFromGcj = ChinaOffset.gcj02ToWgs84(gcj.x, gcj.y);
    Coordinate bd = ChinaOffset.wgs84ToBd09(lon, lat);
    Coordinate backFromBd = ChinaOffset.bd09ToWgs84(bd.x, bd.y);

    // the inversion stops at a residual of 1e-9 degrees, about 0.1 mm; 1 mm leaves room
    assertThat(Haversine.distanceMeters(lon, lat, backFromGcj.x, backFromGcj.y)).isLessThan(0.001);
    assertThat(Haversine.distanceMeters(lon, lat, backFromBd.x, backFromBd.y)).isLessThan(0.001);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Beijing,   116.3975, 39.9087",
    "Qingdao,   120.3826, 36.0671",
    "Jinan,     117.0009, 36.6758",
    "Changzhou, 119.9741, 31.8112",
    "Jinhua,    119.6495, 29.0895",
  })
  void gcjShiftIsAFewHundredMetres(String point, double lon, double lat) {
    Coordinate gcj = ChinaOffset.wgs84ToGcj02(lon, lat);

    // hand-derived shifts: 555, 462, 522, 503 and 564 m
    assertThat(Haversine.distanceMeters(lon, lat, gcj.x, gcj.y)).isBetween(100.0, 700.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Porto Alegre, -51.23, -30.03",
    "Andorra,        1.52,  42.51",
    "Tokyo (east of 137.8347E), 139.69, 35.69",
    "Singapore (south of 0.8293N), 103.82, 0.35",
    "Yakutsk (north of 55.8271N), 129.73, 62.03",
  })
  void pointsOutsideTheChinaRectangleAreUnchanged(String point, double lon, double lat) {
    Stream.<BiFunction<Double, Double, Coordinate>>of(
            ChinaOffset::wgs84ToGcj02,
            ChinaOffset::gcj02ToWgs84,
            ChinaOffset::gcj02ToBd09,
            ChinaOffset::bd09ToGcj02,
            ChinaOffset::wgs84ToBd09,
            ChinaOffset::bd09ToWgs84)
        .forEach(
            conversion -> {
              Coordinate result = conversion.apply(lon, lat);
              assertThat(result.x).isEqualTo(lon);
              assertThat(result.y).isEqualTo(lat);
            });
  }

  @Test
  void theRectangleIsAConventionNotABorder() {
    // Osaka (135.50E 34.69N) lies inside the rectangle, so it is shifted like a point in China
    Coordinate osaka = ChinaOffset.wgs84ToGcj02(135.50, 34.69);

    assertThat(ChinaOffset.isOutsideChina(135.50, 34.69)).isFalse();
    assertThat(Haversine.distanceMeters(135.50, 34.69, osaka.x, osaka.y)).isGreaterThan(100.0);
  }

  private static void assertWithin(Coordinate actual, double expectedLon, double expectedLat) {
    assertThat(Haversine.distanceMeters(actual.x, actual.y, expectedLon, expectedLat))
        .as("distance from (%s, %s) to (%s, %s)", actual.x, actual.y, expectedLon, expectedLat)
        .isLessThan(HAND_DERIVED_TOLERANCE_METERS);
  }
}
