package org.carecircle.io.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeoJsonCodecTest {
  private final ObjectMapper json = new ObjectMapper().registerModule(new GeoJsonModule());

  private String write(String wkt) throws Exception {
    return json.writeValueAsString(new WKTReader().read(wkt));
  }

  private Geometry read(String geoJson) throws Exception {
    return GeoJsonCodec.readGeometry(json.readTree(geoJson), "geometry");
  }

  @Test
  void polygonRingsAreWrittenCounterclockwiseWithClockwiseHolesAsRfc7946Requires() throws Exception {
    // shell given clockwise, hole given counterclockwise: both must be reversed on output
    String out = write("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
    assertThat(out).isEqualTo("{\"type\":\"Polygon\",\"coordinates\":[[[0.0,0.0],[10.0,0.0],[10.0,10.0],[0.0,10.0],[0.0,0.0]],"
        + "[[2.0,2.0],[2.0,4.0],[4.0,4.0],[4.0,2.0],[2.0,2.0]]]}");
  }

  @Test
  void closedLineStringKeepsItsOrder() throws Exception {
    assertThat(write("LINESTRING (0 0, 0 1, 1 1, 0 0)"))
        .isEqualTo("{\"type\":\"LineString\",\"coordinates\":[[0.0,0.0],[0.0,1.0],[1.0,1.0],[0.0,0.0]]}");
  }

  @Test
  void coordinatesAreRoundedToSevenDecimals() throws Exception {
    assertThat(write("POINT (120.123456789 36.987654321)"))
        .isEqualTo("{\"type\":\"Point\",\"coordinates\":[120.1234568,36.9876543]}");
  }

  @Test
  void everyGeometryTypeSurvivesARoundTrip() throws Exception {
    for (String wkt : new String[] {
        "POINT (1 2)", "MULTIPOINT ((1 2), (3 4))", "LINESTRING (1 2, 3 4)",
        "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))", "POLYGON ((0 0, 1 0, 1 1, 0 0))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))"}) {
      Geometry original = new WKTReader().read(wkt);
      Geometry back = read(json.writeValueAsString(original));
      assertThat(back.equalsExact(original)).as(wkt).isTrue();
      assertThat(back.getSRID()).isEqualTo(4326);
    }
  }

  @Test
  void structuralErrorsNameThePath() {
    assertThatThrownBy(() -> read("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}"))
        .isInstanceOf(GeoJsonFormatException.class).hasMessageContaining("end where it starts")
        .extracting(e -> ((GeoJsonFormatException) e).path()).isEqualTo("geometry.coordinates[0]");
    assertThatThrownBy(() -> read("{\"type\":\"Point\",\"coordinates\":[1]}"))
        .hasMessageContaining("[longitude, latitude]");
    assertThatThrownBy(() -> read("{\"type\":\"Circle\",\"coordinates\":[1,2]}"))
        .hasMessageContaining("'Circle' is not a GeoJSON geometry type");
    assertThatThrownBy(() -> read("{\"type\":\"Point\",\"coordinates\":[\"1\",2]}"))
        .extracting(e -> ((GeoJsonFormatException) e).path()).isEqualTo("geometry.coordinates[0]");
  }
}
