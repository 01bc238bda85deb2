package org.carecircle.io.gpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.testsupport.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeoPackageWriterTest {
  private static final List<FieldSpec> CLINIC_FIELDS =
      List.of(FieldSpec.text("name"), FieldSpec.text("district"), FieldSpec.integer("beds"), FieldSpec.real("rating"));
  private static final List<FieldSpec> DISTRICT_FIELDS = List.of(FieldSpec.text("name"), FieldSpec.integer("adcode"));

  @TempDir Path tempDir;

  @Test
  void writtenPointsReadBackWithTheSameValuesAndCoordinates() throws Exception {
    Path file = tempDir.resolve("clinics.gpkg");

    GeoPackageWriter.write(file, "clinics", CLINIC_FIELDS, clinics());
    ReadResult result = GeoPackageReader.read(file, null);

    assertThat(result.problems()).isEmpty();
    assertThat(result.declaredCrs()).isEqualTo("EPSG:4326");
    assertThat(result.features()).extracting(SourceFeature::row).containsExactly(1, 2, 3);
    assertThat(result.features()).extracting(feature -> feature.geometry().toText())
        .containsExactly("POINT (120.3826 36.0671)", "POINT (120.4412 36.1003)", "POINT (120.1585 35.9634)");
    assertThat(result.features().get(0).properties()).containsExactly(Map.entry("name", "市立医院"),
        Map.entry("district", "市南区"), Map.entry("beds", 1200L), Map.entry("rating", 4.5));
    // converted as the field types say: "80" into INTEGER, 3 into REAL, true into TEXT; null left out
    assertThat(result.features().get(1).properties()).containsExactly(Map.entry("name", "true"),
        Map.entry("district", "崂山区"), Map.entry("beds", 80L), Map.entry("rating", 3.0));
    assertThat(result.features().get(2).properties()).containsExactly(Map.entry("name", "黄岛区人民医院"),
        Map.entry("district", "黄岛区"));
  }

  @Test
  void writtenMultiPolygonsReadBackWithTheSameGeometries() throws Exception {
    Path file = tempDir.resolve("districts.gpkg");

    GeoPackageWriter.write(file, "districts", DISTRICT_FIELDS, districts());
    List<SourceFeature> features = GeoPackageReader.read(file, "districts").features();

    assertThat(features).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(features.get(i).geometry().equalsExact(districts().get(i).geometry())).isTrue();
      assertThat(features.get(i).properties()).isEqualTo(districts().get(i).properties());
    }
  }

  /** GDAL, a reader independent of ours, opens the file without a warning and sees what we wrote. */
  @Test
  void gdalReadsTheWrittenPointsWithoutWarnings() {
    Path file = tempDir.resolve("clinics.gpkg");
    GeoPackageWriter.write(file, "clinics", CLINIC_FIELDS, clinics());

    ExternalTool.Run summary = ogrinfo("-ro", "-al", "-so", file.toString());
    ExternalTool.Run features = ogrinfo("-ro", "-al", file.toString());

    assertThat(summary.stdout()).contains("using driver `GPKG' successful", "Layer name: clinics",
        "Geometry: Point", "Feature Count: 3", "ID[\"EPSG\",4326]",
        "Extent: (120.158500, 35.963400) - (120.441200, 36.100300)",
        "name: String", "beds: Integer64", "rating: Real");
    assertThat(features.stdout()).contains("district (String) = 市南区", "name (String) = 黄岛区人民医院",
        "beds (Integer64) = 1200", "rating (Real) = 4.5", "POINT (120.3826 36.0671)", "beds (Integer64) = (null)");
    assertThat(summary.stderr() + features.stderr()).isEmpty();
  }

  @Test
  void gdalReadsTheWrittenMultiPolygonsWithoutWarnings() {
    Path file = tempDir.resolve("districts.gpkg");
    GeoPackageWriter.write(file, "districts", DISTRICT_FIELDS, districts());

    ExternalTool.Run summary = ogrinfo("-ro", "-al", "-so", file.toString());
    ExternalTool.Run features = ogrinfo("-ro", "-al", file.toString());

    assertThat(summary.stdout()).contains("Geometry: Multi Polygon", "Feature Count: 2", "ID[\"EPSG\",4326]",
        "Extent: (120.300000, 36.000000) - (120.700000, 36.300000)");
    assertThat(features.stdout()).contains("name (String) = 市南区", "name (String) = 崂山区", "adcode (Integer64) = 370212",
        "MULTIPOLYGON (((120.3 36.0,120.4 36.0,120.4 36.1,120.3 36.1,120.3 36.0)),"
            + "((120.45 36.05,120.5 36.05,120.5 36.1,120.45 36.05)))");
    assertThat(summary.stderr() + features.stderr()).isEmpty();
  }

  @Test
  void fileHasTheGeoPackageMarkersAndRequiredRows() throws SQLException {
    Path file = tempDir.resolve("clinics.gpkg");
    GeoPackageWriter.write(file, "clinics", CLINIC_FIELDS, clinics());

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = db.createStatement()) {
      assertThat(single(sql, "PRAGMA application_id")).isEqualTo(String.valueOf(0x47504B47));
      assertThat(single(sql, "PRAGMA user_version")).isEqualTo("10300");
      assertThat(single(sql, "SELECT group_concat(srs_id) FROM (SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY 1)"))
          .isEqualTo("-1,0,4326");
      assertThat(single(sql, "SELECT min_x || ' ' || min_y || ' ' || max_x || ' ' || max_y || ' ' || srs_id"
          + " FROM gpkg_contents")).isEqualTo("120.1585 35.9634 120.4412 36.1003 4326");
      assertThat(single(sql, "SELECT last_change FROM gpkg_contents"))
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      // "GP", version 0, flags 0x03 = little-endian + XY envelope, srs_id 4326 = E6 10 00 00 little-endian
      assertThat(single(sql, "SELECT hex(substr(geom, 1, 8)) FROM clinics WHERE fid = 1"))
          .isEqualTo("47500003E6100000");
    }
    assertThat(tempDir.toFile().list()).as("no partial file is left behind").containsExactly("clinics.gpkg");
  }

  @Test
  void mixedGeometryTypesAreDeclaredAsGeometry() throws Exception {
    Path file = tempDir.resolve("mixed.gpkg");
    List<OutputFeature> mixed = List.of(clinics().get(0), districts().get(0));

    GeoPackageWriter.write(file, "mixed", List.of(), mixed);

    assertThat(ogrinfo("-ro", "-al", "-so", file.toString()).stdout()).contains("Geometry: Unknown (any)");
    assertThat(GeoPackageReader.read(file, null).features()).extracting(feature -> feature.geometry().getGeometryType())
        .containsExactly("Point", "MultiPolygon");
  }

  @Test
  void existingFileIsReplaced() throws Exception {
    Path file = tempDir.resolve("clinics.gpkg");
    Files.writeString(file, "an older export");

    GeoPackageWriter.write(file, "clinics", CLINIC_FIELDS, clinics());

    assertThat(GeoPackageReader.read(file, null).features()).hasSize(3);
  }

  @Test
  void valueThatDoesNotFitItsFieldIsRefusedAndNothingIsWritten() {
    Path file = tempDir.resolve("clinics.gpkg");
    List<OutputFeature> features = List.of(clinics().get(0),
        new OutputFeature(clinics().get(1).geometry(), Map.of("beds", 12.5)));

    assertThatThrownBy(() -> GeoPackageWriter.write(file, "clinics", CLINIC_FIELDS, features))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature 2, field beds: '12.5' is not a whole number");
    assertThat(tempDir.toFile().list()).isEmpty();
  }

  @Test
  void reservedOrRepeatedNamesAreRefused() {
    Path file = tempDir.resolve("x.gpkg");

    assertThatThrownBy(() -> GeoPackageWriter.write(file, "gpkg_clinics", List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoPackageWriter.write(file, "clinics", List.of(FieldSpec.text("FID")), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GeoPackageWriter.write(file, "clinics",
        List.of(FieldSpec.text("name"), FieldSpec.integer("Name")), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ExternalTool.Run ogrinfo(String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "ogrinfo";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    return ExternalTool.run("gdal-bin", command);
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  /** Three clinics in Qingdao; coordinates are made up but lie in the districts they name. */
  private static List<OutputFeature> clinics() {
    Map<String, Object> second = new HashMap<>();
    second.put("name", true);
    second.put("district", "崂山区");
    second.put("beds", "80");
    second.put("rating", 3);
    Map<String, Object> third = new HashMap<>();
    third.put("name", "黄岛区人民医院");
    third.put("district", "黄岛区");
    third.put("beds", null);
    return List.of(
        new OutputFeature(wkt("POINT (120.3826 36.0671)"),
            Map.of("name", "市立医院", "district", "市南区", "beds", 1200, "rating", 4.5)),
        new OutputFeature(wkt("POINT (120.4412 36.1003)"), second),
        new OutputFeature(wkt("POINT (120.1585 35.9634)"), third));
  }

  /** Two made-up districts; the second has two parts, one of them a triangle. */
  private static List<OutputFeature> districts() {
    Map<String, Object> shinan = new LinkedHashMap<>();
    shinan.put("name", "市南区");
    shinan.put("adcode", 370202L);
    Map<String, Object> laoshan = new LinkedHashMap<>();
    laoshan.put("name", "崂山区");
    laoshan.put("adcode", 370212L);
    return List.of(
        new OutputFeature(wkt("MULTIPOLYGON (((120.5 36.1, 120.7 36.1, 120.7 36.3, 120.5 36.3, 120.5 36.1)))"), shinan),
        new OutputFeature(wkt("MULTIPOLYGON (((120.3 36.0, 120.4 36.0, 120.4 36.1, 120.3 36.1, 120.3 36.0)),"
            + " ((120.45 36.05, 120.5 36.05, 120.5 36.1, 120.45 36.05)))"), laoshan));
  }

  private static Geometry wkt(String text) {
    try {
      return new WKTReader().read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
