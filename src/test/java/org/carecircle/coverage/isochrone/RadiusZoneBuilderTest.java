package org.carecircle.coverage.isochrone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.carecircle.testsupport.GeometryAssert.assertCoversWithin;
import static org.carecircle.testsupport.GeometryAssert.assertInside;
import static org.carecircle.testsupport.GeometryAssert.assertOutside;
import static org.carecircle.testsupport.GeometryAssert.assertValid;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.geodesic.Geodesic;
import org.locationtech.proj4j.geodesic.GeodesicData;

class RadiusZoneBuilderTest {
  // Qingdao (36 N) and Heidelberg's latitude band (50 N)

  @ParameterizedTest(name = "r = {2} m at {1} N")
  @CsvSource({
      "120.38, 36.07, 800", "120.38, 36.07, 5000", "120.38, 36.07, 15000",
      "8.69, 50.0, 800", "8.69, 50.0, 5000", "8.69, 50.0, 15000"})
  void circleAreaIsPiRSquaredWithinOnePercent(double lon, double lat, double radiusMeters) {
    RadiusZone zone = RadiusZoneBuilder.zone(lon, lat, radiusMeters);

    assertValid(zone.geometry(), "circle");
    assertThat(zone.geometry().getSRID()).isEqualTo(4326);
    assertThat(zone.areaSquareMeters())
        .isCloseTo(Math.PI * radiusMeters * radiusMeters, withPercentage(1));
  }

  @ParameterizedTest(name = "r = {2} m at {1} N")
  @CsvSource({
      "120.38, 36.07, 800", "120.38, 36.07, 15000", "8.69, 50.0, 800", "8.69, 50.0, 15000"})
  void pointsAt99PercentOfTheRadiusAreInsideAndAt101PercentOutside(double lon, double lat,
      double radiusMeters) {
    Polygon circle = RadiusZoneBuilder.circle(lon, lat, radiusMeters);

    // in every direction, including between vertices
    for (double azimuth = 0; azimuth < 360; azimuth += 7.3) {
      GeodesicData near = Geodesic.WGS84.Direct(lat, lon, azimuth, 0.99 * radiusMeters);
      GeodesicData far = Geodesic.WGS84.Direct(lat, lon, azimuth, 1.01 * radiusMeters);
      assertInside(circle, near.lon2, near.lat2, "0.99 r at azimuth " + azimuth);
      assertOutside(circle, far.lon2, far.lat2, "1.01 r at azimuth " + azimuth);
    }
  }

  @Test
  void bandsNest() {
    List<RadiusZone> bands = RadiusZoneBuilder.bands(120.38, 36.07, 1000, 3000, 5000);

    assertThat(bands).extracting(RadiusZone::radiusMeters).containsExactly(1000.0, 3000.0, 5000.0);
    assertCoversWithin(bands.get(1).geometry(), bands.get(0).geometry(), 0, "3 km ⊇ 1 km");
    assertCoversWithin(bands.get(2).geometry(), bands.get(1).geometry(), 0, "5 km ⊇ 3 km");
  }

  @Test
  void overlappingCirclesDissolveIntoOneZone() {
    // two centres 1 km apart (0.0124 degrees of longitude at 36 N), radius 800 m: the circles
    // overlap in a lens, so the union is one polygon smaller than two circles
    RadiusZone zone = RadiusZoneBuilder.dissolve(
        List.of(new Coordinate(120.38, 36.07), new Coordinate(120.3911, 36.07)), 800);

    assertValid(zone.geometry(), "union");
    assertThat(zone.geometry()).isInstanceOf(Polygon.class);
    double circle = Math.PI * 800 * 800;
    assertThat(zone.areaSquareMeters()).isGreaterThan(1.2 * circle).isLessThan(2 * circle);
  }

  @Test
  void distantCirclesStaySeparateParts() {
    RadiusZone zone = RadiusZoneBuilder.dissolve(
        List.of(new Coordinate(120.38, 36.07), new Coordinate(120.50, 36.07)), 800);

    assertThat(zone.geometry()).isInstanceOf(MultiPolygon.class);
    assertThat(zone.geometry().getSRID()).isEqualTo(4326);
    assertThat(zone.areaSquareMeters())
        .isCloseTo(2 * Math.PI * 800 * 800, withPercentage(1));
  }

  @Test
  void noCentresGiveAnEmptyZone() {
    RadiusZone zone = RadiusZoneBuilder.dissolve(List.of(), 800);

    assertThat(zone.geometry().isEmpty()).isTrue();
    assertThat(zone.areaSquareMeters()).isZero();
  }

  @Test
  void rejectsCirclesAcrossTheAntimeridianAndBadRadii() {
    assertThatThrownBy(() -> RadiusZoneBuilder.circle(179.99, 0, 5000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("antimeridian");
    assertThatThrownBy(() -> RadiusZoneBuilder.circle(8.69, 49.4, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("radius");
    assertThatThrownBy(() -> RadiusZoneBuilder.bands(8.69, 49.4, 5000, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ascending");
  }
}
