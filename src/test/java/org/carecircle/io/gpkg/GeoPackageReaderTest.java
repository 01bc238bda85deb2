package org.carecircle.io.gpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/**
 * Expected values of the Ahr valley files were read with GDAL 3.6.2, independently of this reader:
 *
 * <pre>
 * ogrinfo -ro -al -so physicians.gpkg        (layer, count 20, Point, EPSG 4326, fields)
 * ogrinfo -ro physicians.gpkg amenity_hospital_healthcare -fid 1   (and -fid 7, -fid 14)
 * ogrinfo -ro -al -so municipalities.gpkg    (count 20, Multi Polygon, fields id, name, Kreis)
 * ogrinfo -ro -q municipalities.gpkg -dialect sqlite -sql "SELECT fid, name, ST_NPoints(geom),
 *     ST_NumGeometries(geom), ST_Area(geom) FROM municipalities WHERE fid IN (2, 19)"
 * ogrinfo -ro -q municipalities.gpkg -sql "SELECT fid, name, ST_MinX(geom), ST_MaxX(geom),
 *     ST_MinY(geom), ST_MaxY(geom) FROM municipalities WHERE fid IN (2, 19)"
 * ogrinfo -ro -q municipalities.gpkg -sql "SELECT Kreis, count(*) FROM municipalities GROUP BY Kreis"
 * </pre>
 */
class GeoPackageReaderTest {
  private static final double DEGREE_TOLERANCE = 1e-9;

  @TempDir Path tempDir;

  @Test
  void readsTheAhrValleyDoctorsWithTheirTagsAndPositions() {
    Path physicians = SharedGeodata.file("ahrtal/physicians.gpkg");

    ReadResult result = GeoPackageReader.read(physicians, null);

    assertThat(GeoPackageReader.featureLayers(physicians)).containsExactly("amenity_hospital_healthcare");
    assertThat(result.problems()).isEmpty();
    assertThat(result.declaredCrs()).isEqualTo("EPSG:4326");
    assertThat(result.features()).hasSize(20)
        .allSatisfy(feature -> assertThat(feature.geometry()).isInstanceOf(Point.class));
    assertThat(result.features()).extracting(SourceFeature::row).containsExactlyElementsOf(rangeClosed(1, 20));

    SourceFeature fliedner = result.features().get(0);
    // osm_id is a TEXT column in this file, so it stays a string; the fid is the row, not a property
    assertThat(fliedner.properties()).containsExactly(Map.entry("osm_id", "2093854590"),
        Map.entry("amenity", "doctors"), Map.entry("healthcare", "doctor"), Map.entry("name", "Fliedner Residenz"));
    assertCoordinate(fliedner, 7.1396288, 50.5433479);

    SourceFeature huelsmann = result.features().get(6);
    assertThat(huelsmann.properties()).doesNotContainKey("healthcare")
        .containsEntry("name", "Dr. med. Gerhard Hülsmann");
    assertCoordinate(huelsmann, 7.2505823, 50.5458416);
    assertThat(result.features().get(13).properties()).doesNotContainKey("name").containsEntry("amenity", "doctors");

    Envelope extent = new Envelope();
    result.features().forEach(feature -> extent.expandToInclude(feature.geometry().getEnvelopeInternal()));
    assertThat(extent.getMinX()).isCloseTo(6.579343, within(1e-6));
    assertThat(extent.getMaxY()).isCloseTo(50.579881, within(1e-6));
  }

  @Test
  void readsTheAhrValleyMunicipalitiesAsMultiPolygons() {
    ReadResult result = GeoPackageReader.read(SharedGeodata.file("ahrtal/municipalities.gpkg"), "municipalities");

    assertThat(result.problems()).isEmpty();
    assertThat(result.declaredCrs()).isEqualTo("EPSG:4326");
    assertThat(result.features()).hasSize(20)
        .allSatisfy(feature -> assertThat(feature.geometry()).isInstanceOf(MultiPolygon.class));
    assertThat(result.features()).filteredOn(feature -> "31".equals(feature.properties().get("Kreis"))).hasSize(19);

    SourceFeature badNeuenahr = result.features().get(1);
    assertThat(badNeuenahr.row()).isEqualTo(2);
    // id is an INTEGER column: Long; Kreis is TEXT(2) holding "31": String
    assertThat(badNeuenahr.properties()).containsExactly(Map.entry("id", 2899L),
        Map.entry("name", "Bad Neuenahr-Ahrweiler"), Map.entry("Kreis", "31"));
    assertThat(badNeuenahr.geometry().getNumGeometries()).isEqualTo(1);
    assertThat(badNeuenahr.geometry().getNumPoints()).isEqualTo(208);
    assertThat(badNeuenahr.geometry().getArea()).isCloseTo(0.0080460301223993, within(1e-15));
    Envelope envelope = badNeuenahr.geometry().getEnvelopeInternal();
    assertThat(envelope.getMinX()).isCloseTo(7.05430814873496, within(DEGREE_TOLERANCE));
    assertThat(envelope.getMaxX()).isCloseTo(7.20873277046287, within(DEGREE_TOLERANCE));
    assertThat(envelope.getMinY()).isCloseTo(50.476855131695, within(DEGREE_TOLERANCE));
    assertThat(envelope.getMaxY()).isCloseTo(50.5824350191129, within(DEGREE_TOLERANCE));

    SourceFeature mayschoss = result.features().get(18);
    assertThat(mayschoss.properties()).containsEntry("name", "Mayschoß");
    assertThat(mayschoss.geometry().getNumPoints()).isEqualTo(31);
    assertThat(mayschoss.geometry().getArea()).isCloseTo(0.000711884356930585, within(1e-15));
  }

  @Test
  void layerNameIsMatchedWithoutRegardToCase() {
    ReadResult result = GeoPackageReader.read(SharedGeodata.file("ahrtal/municipalities.gpkg"), "Municipalities");

    assertThat(result.features()).hasSize(20);
  }

  @Test
  void missingLayerIsRejectedNamingTheLayersThereAre() {
    Path file = SharedGeodata.file("ahrtal/physicians.gpkg");

    assertThatThrownBy(() -> GeoPackageReader.read(file, "hospitals"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage("field layer: the GeoPackage has no feature layer named 'hospitals'; its feature layers are:"
            + " amenity_hospital_healthcare");
  }

  @Test
  void severalLayersNeedALayerName() throws SQLException {
    Path file = tempDir.resolve("two-layers.gpkg");
    writePoints(file, "clinics", 2);
    addPointLayer(file, "pharmacies");

    assertThat(GeoPackageReader.featureLayers(file)).containsExactly("clinics", "pharmacies");
    assertThatThrownBy(() -> GeoPackageReader.read(file, null))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage("field layer: the GeoPackage has 2 feature layers (clinics, pharmacies); say which one to read"
            + " with layer=...");
    assertThat(GeoPackageReader.read(file, "clinics").features()).hasSize(2);
    assertThat(GeoPackageReader.read(file, "pharmacies").features()).isEmpty();
  }

  @Test
  void featureWithoutGeometryIsARowProblemAndTheOthersAreRead() throws SQLException {
    Path file = tempDir.resolve("null-and-empty-geometry.gpkg");
    writePoints(file, "clinics", 3);
    // row 2: SQL NULL; row 3: a GeoPackageBinary with the empty flag (0x10) set, "GP", v1, flags 0x11, srs 4326
    byte[] emptyPoint = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0x11).putInt(4326).array();
    execute(file, "UPDATE clinics SET geom = NULL WHERE fid = 2");
    updateGeometry(file, 3, emptyPoint);

    ReadResult result = GeoPackageReader.read(file, null);

    assertThat(result.features()).extracting(SourceFeature::row).containsExactly(1);
    assertThat(result.problems()).extracting(InputProblem::describe)
        .containsExactly("row 2: the feature has no geometry", "row 3: the feature has no geometry");
  }

  @Test
  void damagedGeometryIsARowProblem() throws SQLException {
    Path file = tempDir.resolve("damaged-geometry.gpkg");
    writePoints(file, "clinics", 2);
    updateGeometry(file, 2, new byte[] {'G', 'P', 0, 0x01, (byte) 0xE6, 0x10, 0, 0, 0x01, 0x01, 0, 0});

    ReadResult result = GeoPackageReader.read(file, null);

    assertThat(result.features()).extracting(SourceFeature::row).containsExactly(1);
    assertThat(result.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.row()).isEqualTo(2);
      assertThat(problem.field()).isEqualTo("geom");
      assertThat(problem.message()).startsWith("the geometry is damaged");
    });
  }

  @Test
  void readsIsoWkbWithZAndM() throws SQLException {
    Path file = tempDir.resolve("iso-z-m.gpkg");
    writePoints(file, "clinics", 2);
    // ISO WKB type codes: 1001 = Point Z, 3001 = Point ZM; big-endian header (flags 0x00), no envelope
    updateGeometry(file, 1, gpkgBigEndianHeader(ByteBuffer.allocate(5 + 24).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 1).putInt(1001).putDouble(120.25).putDouble(36.0625).putDouble(57.5).array()));
    updateGeometry(file, 2, gpkgBigEndianHeader(ByteBuffer.allocate(5 + 32).order(ByteOrder.BIG_ENDIAN)
        .put((byte) 0).putInt(3001).putDouble(120.5).putDouble(36.125).putDouble(12).putDouble(7).array()));

    List<SourceFeature> features = GeoPackageReader.read(file, null).features();

    Coordinate pointZ = features.get(0).geometry().getCoordinate();
    assertThat(List.of(pointZ.getX(), pointZ.getY(), pointZ.getZ())).containsExactly(120.25, 36.0625, 57.5);
    Coordinate pointZm = features.get(1).geometry().getCoordinate();
    assertThat(List.of(pointZm.getX(), pointZm.getY(), pointZm.getZ(), pointZm.getM()))
        .containsExactly(120.5, 36.125, 12.0, 7.0);
    assertThat(features.get(1).geometry().getSRID()).isEqualTo(4326);
  }

  @Test
  void undefinedCrsIsDeclaredAsNull() throws SQLException {
    Path file = tempDir.resolve("undefined-crs.gpkg");
    writePoints(file, "clinics", 1);
    execute(file, "UPDATE gpkg_geometry_columns SET srs_id = 0");
    execute(file, "UPDATE gpkg_contents SET srs_id = 0");

    assertThat(GeoPackageReader.read(file, null).declaredCrs()).isNull();
  }

  @Test
  void fileThatIsNotAGeoPackageIsRejected() throws Exception {
    Path empty = Files.createFile(tempDir.resolve("empty.gpkg"));
    Path noise = Files.write(tempDir.resolve("noise.gpkg"), randomBytes(4096));
    Path csv = Files.writeString(tempDir.resolve("clinics.gpkg"), "name,lon,lat\nA,7.1,50.5\n");
    Path plainSqlite = tempDir.resolve("plain.sqlite");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + plainSqlite);
        Statement sql = db.createStatement()) {
      sql.execute("CREATE TABLE clinics (name TEXT)");
    }

    assertRejected(tempDir.resolve("missing.gpkg"), "the GeoPackage file missing.gpkg does not exist");
    assertRejected(empty, "the GeoPackage file is empty");
    assertRejected(noise, "this file is not a GeoPackage: a GeoPackage is an SQLite database, and this file is not"
        + " one (check that you chose the .gpkg file)");
    assertRejected(csv, "this file is not a GeoPackage: a GeoPackage is an SQLite database, and this file is not"
        + " one (check that you chose the .gpkg file)");
    assertRejected(plainSqlite, "this SQLite database is not a GeoPackage: it lacks the gpkg_contents and"
        + " gpkg_geometry_columns tables that list a GeoPackage's layers");
    assertThat(Files.size(empty)).as("read-only opening must not turn the empty file into a database").isZero();
  }

  private static void assertRejected(Path file, String message) {
    assertThatThrownBy(() -> GeoPackageReader.read(file, null))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> GeoPackageReader.featureLayers(file))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(message);
  }

  private static void assertCoordinate(SourceFeature feature, double lon, double lat) {
    Coordinate coordinate = feature.geometry().getCoordinate();
    assertThat(coordinate.getX()).isCloseTo(lon, within(DEGREE_TOLERANCE));
    assertThat(coordinate.getY()).isCloseTo(lat, within(DEGREE_TOLERANCE));
  }

  /** A GeoPackageBinary header with big-endian srs_id 4326 and no envelope (flags 0x00), then the WKB. */
  private static byte[] gpkgBigEndianHeader(byte[] wkb) {
    return ByteBuffer.allocate(8 + wkb.length).order(ByteOrder.BIG_ENDIAN)
        .put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0x00).putInt(4326).put(wkb).array();
  }

  private static void writePoints(Path file, String layer, int count) {
    GeometryFactory factory = new GeometryFactory();
    List<OutputFeature> features = rangeClosed(1, count).stream()
        .map(i -> new OutputFeature(factory.createPoint(new Coordinate(120 + i / 10.0, 36)),
            Map.<String, Object>of("name", "clinic " + i)))
        .toList();
    GeoPackageWriter.write(file, layer, List.of(FieldSpec.text("name")), features);
  }

  /** Adds an empty point layer by hand, the way any GeoPackage writer registers one. */
  private static void addPointLayer(Path file, String table) throws SQLException {
    execute(file, "CREATE TABLE " + table + " (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT)");
    execute(file, "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('" + table
        + "', 'features', '" + table + "', 4326)");
    execute(file, "INSERT INTO gpkg_geometry_columns VALUES ('" + table + "', 'geom', 'POINT', 4326, 0, 0)");
  }

  private static void execute(Path file, String statement) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = db.createStatement()) {
      sql.execute(statement);
    }
  }

  private static void updateGeometry(Path file, long fid, byte[] blob) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement update = db.prepareStatement("UPDATE clinics SET geom = ? WHERE fid = ?")) {
      update.setBytes(1, blob);
      update.setLong(2, fid);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static List<Integer> rangeClosed(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
  }
}
