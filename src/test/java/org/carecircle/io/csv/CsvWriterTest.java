package org.carecircle.io.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class CsvWriterTest {
  private static final GeometryFactory WGS84 = new GeometryFactory();
  private static final List<FieldSpec> FACILITY_FIELDS =
      List.of(FieldSpec.text("name"), FieldSpec.integer("beds"), FieldSpec.real("rating"));

  @Test
  void writesUtf8WithByteOrderMarkCrlfAndTheCoordinateColumnsLast() throws IOException {
    byte[] bytes =
        write(
            FACILITY_FIELDS,
            feature(point(120.3826, 36.0671), "name", "市南区社区卫生服务中心", "beds", 40, "rating", 4.5));

    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(bytes, 3, bytes.length - 3, UTF_8))
        .isEqualTo("name,beds,rating,lon,lat\r\n市南区社区卫生服务中心,40,4.5,120.3826,36.0671\r\n");
  }

  @Test
  void numbersArePlainDecimalsAndCoordinatesHaveAtMostSevenDecimals() throws IOException {
    List<FieldSpec> fields =
        List.of(
            FieldSpec.real("big"),
            FieldSpec.real("whole"),
            FieldSpec.real("tiny"),
            FieldSpec.real("float"),
            FieldSpec.real("decimal"),
            FieldSpec.integer("long"),
            FieldSpec.real("nan"),
            FieldSpec.text("missing"),
            FieldSpec.text("flag"));
    Map<String, Object> values = new HashMap<>();
    values.put("big", 1.0e7);
    values.put("whole", 3.0);
    values.put("tiny", 1e-7);
    values.put("float", 0.1f);
    values.put("decimal", new BigDecimal("1.50"));
    values.put("long", Long.MAX_VALUE);
    values.put("nan", Double.NaN);
    values.put("missing", null);
    values.put("flag", true);

    String text = text(write(fields, new OutputFeature(point(120.123456789, -0.00000001), values)));

    assertThat(text.split("\r\n")[1])
        .isEqualTo("10000000,3,0.0000001,0.1,1.5,9223372036854775807,,,true,120.1234568,0");
  }

  @Test
  void valuesWithCommasQuotesOrLineBreaksAreQuoted() throws IOException {
    String text =
        text(
            write(
                List.of(FieldSpec.text("a"), FieldSpec.text("b"), FieldSpec.text("c")),
                feature(
                    point(1, 2), "a", "Clinic, East", "b", "12 \"Harbour\" Rd", "c", "one\ntwo")));

    assertThat(text.split("\r\n", 2)[1])
        .isEqualTo("\"Clinic, East\",\"12 \"\"Harbour\"\" Rd\",\"one\ntwo\",1,2\r\n");
  }

  @Test
  void textThatExcelWouldRunAsAFormulaGetsAnApostropheButNumbersDoNot() throws IOException {
    List<FieldSpec> fields =
        List.of(
            FieldSpec.text("formula"),
            FieldSpec.text("at"),
            FieldSpec.text("phone"),
            FieldSpec.text("floor"),
            FieldSpec.real("change"));

    String text =
        text(
            write(
                fields,
                feature(
                    point(1, 2),
                    "formula", "=HYPERLINK(\"http://example.invalid\")",
                    "at", "@SUM(A1)",
                    "phone", "+86 532 8286 0000",
                    "floor", "-1",
                    "change", -12.5)));

    assertThat(text.split("\r\n")[1])
        .isEqualTo(
            "\"'=HYPERLINK(\"\"http://example.invalid\"\")\","
                + "'@SUM(A1),'+86 532 8286 0000,-1,-12.5,1,2");
  }

  @Test
  void otherGeometriesAreWrittenAsTheirInteriorPointAndNoGeometryAsEmptyCells()
      throws IOException, ParseException {
    Geometry square = new WKTReader().read("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");

    String text =
        text(
            write(
                List.of(FieldSpec.text("name")),
                feature(square, "name", "square"),
                feature(null, "name", "nowhere")));

    assertThat(text).endsWith("square,1,1\r\nnowhere,,\r\n");
  }

  @Test
  void aFieldNamedLikeACoordinateColumnIsRefused() {
    assertThatThrownBy(() -> write(List.of(FieldSpec.real("LAT"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'LAT'");
  }

  @Test
  void whatIsWrittenReadsBackWithTheSameTextAndCoordinates() throws IOException {
    List<OutputFeature> written =
        List.of(
            feature(point(120.3826, 36.0671), "name", "市南区社区卫生服务中心", "beds", 40, "rating", 4.5),
            feature(point(120.4682, 36.1071), "name", "崂山区\"中心\"医院, 东院", "beds", 120),
            feature(point(-51.23, -30.03), "name", "Hospital\nPorto Alegre", "rating", 3.25));
    byte[] file = write(FACILITY_FIELDS, written);

    ReadResult read = CsvFeatureReader.read(new ByteArrayInputStream(file));

    assertThat(read.problems()).isEmpty();
    assertThat(read.features()).extracting(SourceFeature::row).containsExactly(2, 3, 4);
    for (int i = 0; i < written.size(); i++) {
      Map<String, Object> expected = new LinkedHashMap<>();
      written.get(i).properties().forEach((key, value) -> {
        if (value != null) {
          expected.put(key, String.valueOf(value));
        }
      });
      assertThat(read.features().get(i).properties()).containsExactlyEntriesOf(expected);
      assertThat(read.features().get(i).geometry().getCoordinate())
          .isEqualTo(written.get(i).geometry().getCoordinate());
    }
  }

  private static byte[] write(List<FieldSpec> fields, OutputFeature... features)
      throws IOException {
    return write(fields, List.of(features));
  }

  private static byte[] write(List<FieldSpec> fields, List<OutputFeature> features)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvWriter.write(out, fields, features);
    return out.toByteArray();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  private static Point point(double lon, double lat) {
    return WGS84.createPoint(new Coordinate(lon, lat));
  }

  private static OutputFeature feature(Geometry geometry, Object... keysAndValues) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new OutputFeature(geometry, properties);
  }
}
