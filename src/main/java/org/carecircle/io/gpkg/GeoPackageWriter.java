package org.carecircle.io.gpkg;

import static org.carecircle.io.gpkg.GeoPackageReader.quote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;

/**
 * Writes one feature layer as a new GeoPackage 1.3 file that GDAL, QGIS and ArcGIS open as is.
 *
 * <p>The file holds the three required srs rows (-1, 0 and EPSG:4326), the layer's row in
 * {@code gpkg_contents} with the extent of the data, its geometry column typed after the data
 * ({@code POINT}, {@code MULTIPOLYGON}, ... or {@code GEOMETRY} when the types are mixed or there
 * are no geometries), and the table {@code fid INTEGER PRIMARY KEY AUTOINCREMENT, geom <type>,
 * <fields as TEXT / INTEGER / REAL>}. Features get fids 1..n in list order.
 *
 * <p>IMPLEMENTATION NOTE: there is no R-tree spatial index. The standard's index extension needs
 * triggers that call ST_MinX, ST_IsEmpty and friends, functions that plain SQLite (all we have here)
 * does not define, so a table carrying those triggers could not even be written by this class; the
 * layers CareCircle exports (facilities, zones, districts) are small enough to scan, and GIS
 * software can add the index later (e.g. {@code ogrinfo file.gpkg -sql "SELECT
 * CreateSpatialIndex('layer', 'geom')"}).
 */
public final class GeoPackageWriter {
  static final int WGS84_SRS_ID = 4326;
  /** "GPKG" in ASCII, the SQLite application id that marks a GeoPackage. */
  private static final int APPLICATION_ID_GPKG = 0x47504B47;
  private static final int USER_VERSION_1_3 = 10300;
  private static final String GEOMETRY_COLUMN = "geom";
  private static final String FID_COLUMN = "fid";
  /** The timestamp format the standard prescribes for gpkg_contents.last_change. */
  private static final DateTimeFormatter LAST_CHANGE_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** The EPSG:4326 definition in OGC WKT 1, as the standard's required srs row expects it. */
  private static final String WGS84_WKT = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\","
      + "SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],"
      + "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
      + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
      + "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

  private GeoPackageWriter() {}

  /**
   * Writes {@code features} as the only layer of a new GeoPackage at {@code target}, replacing any
   * file there. The file is built next to the target and moved into place when complete, so a
   * failed write leaves no partial GeoPackage behind.
   *
   * @param layerName the table name; must not start with {@code gpkg_}, {@code rtree_} or {@code
   *     sqlite_}, which the standard and SQLite reserve
   * @param fields the attribute columns, in order; names must be unique (ignoring case) and must not
   *     be {@code fid} or {@code geom}
   * @param features geometries in WGS84 longitude/latitude (only X and Y are written; a null
   *     geometry is written as NULL); property values are converted to the field's type: TEXT takes
   *     {@code String.valueOf}, INTEGER takes whole numbers, booleans (1/0) and strings of digits,
   *     REAL takes numbers and numeric strings; missing and null values are written as NULL
   * @throws IllegalArgumentException on a bad layer or field name, or a value that does not fit its
   *     field's type; nothing is written
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(Path target, String layerName, List<FieldSpec> fields, List<OutputFeature> features) {
    checkNames(layerName, fields);
    Path absoluteTarget = target.toAbsolutePath();
    // a fresh name that SQLite creates itself, so the file gets the usual permissions (not a temp file's 0600)
    Path partial = absoluteTarget.resolveSibling("." + absoluteTarget.getFileName() + "." + UUID.randomUUID() + ".part");
    try {
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
        db.setAutoCommit(false);
        writeAll(db, layerName, fields, features);
        db.commit();
      }
      moveIntoPlace(partial, absoluteTarget);
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("could not write the GeoPackage " + target + ": "
          + e.getMessage(), e));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the GeoPackage " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private static void writeAll(Connection db, String layer, List<FieldSpec> fields, List<OutputFeature> features)
      throws SQLException {
    try (Statement sql = db.createStatement()) {
      sql.execute("PRAGMA application_id = " + APPLICATION_ID_GPKG);
      sql.execute("PRAGMA user_version = " + USER_VERSION_1_3);
      createRequiredTables(sql);
      String geometryType = geometryTypeName(features);
      Envelope extent = new Envelope();
      features.stream().map(OutputFeature::geometry).filter(Objects::nonNull)
          .forEach(geometry -> extent.expandToInclude(geometry.getEnvelopeInternal()));
      try (PreparedStatement contents = db.prepareStatement("INSERT INTO gpkg_contents (table_name, data_type,"
          + " identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)"
          + " VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)")) {
        contents.setString(1, layer);
        contents.setString(2, layer);
        contents.setString(3, LAST_CHANGE_FORMAT.format(Instant.now()));
        setExtent(contents, 4, extent);
        contents.setInt(8, WGS84_SRS_ID);
        contents.executeUpdate();
      }
      try (PreparedStatement geometryColumns = db.prepareStatement("INSERT INTO gpkg_geometry_columns"
          + " (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)")) {
        geometryColumns.setString(1, layer);
        geometryColumns.setString(2, GEOMETRY_COLUMN);
        geometryColumns.setString(3, geometryType);
        geometryColumns.setInt(4, WGS84_SRS_ID);
        geometryColumns.executeUpdate();
      }
      sql.execute("CREATE TABLE " + quote(layer) + " (" + FID_COLUMN + " INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
          + GEOMETRY_COLUMN + " " + geometryType
          + fields.stream().map(field -> ", " + quote(field.name()) + " " + field.type().name())
              .collect(Collectors.joining())
          + ")");
    }
    insertFeatures(db, layer, fields, features);
  }

  private static void createRequiredTables(Statement sql) throws SQLException {
    // the table definitions of GeoPackage 1.3, Annex C
    sql.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,"
        + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,"
        + " description TEXT)");
    sql.execute("CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
        + " identifier TEXT UNIQUE, description TEXT DEFAULT '',"
        + " last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
        + " min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,"
        + " CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))");
    sql.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
        + " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,"
        + " CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
        + " CONSTRAINT uk_gc_table_name UNIQUE (table_name),"
        + " CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
        + " CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))");
    sql.execute("INSERT INTO gpkg_spatial_ref_sys VALUES"
        + " ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined',"
        + " 'undefined Cartesian coordinate reference system'),"
        + " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',"
        + " 'undefined geographic coordinate reference system'),"
        + " ('WGS 84 geodetic', " + WGS84_SRS_ID + ", 'EPSG', " + WGS84_SRS_ID + ", '" + WGS84_WKT + "',"
        + " 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')");
  }

  private static void insertFeatures(Connection db, String layer, List<FieldSpec> fields,
      List<OutputFeature> features) throws SQLException {
    String columns = fields.stream().map(field -> ", " + quote(field.name())).collect(Collectors.joining());
    String placeholders = ", ?".repeat(fields.size());
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + quote(layer) + " (" + GEOMETRY_COLUMN
        + columns + ") VALUES (?" + placeholders + ")")) {
      for (int i = 0; i < features.size(); i++) {
        OutputFeature feature = features.get(i);
        Geometry geometry = feature.geometry();
        insert.setBytes(1, geometry == null ? null : GeoPackageGeometry.encode(geometry, WGS84_SRS_ID));
        Map<String, Object> properties = feature.properties() == null ? Map.of() : feature.properties();
        for (int f = 0; f < fields.size(); f++) {
          FieldSpec field = fields.get(f);
          try {
            setValue(insert, f + 2, field.type(), properties.get(field.name()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature " + (i + 1) + ", field " + field.name() + ": "
                + e.getMessage(), e);
          }
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void setValue(PreparedStatement insert, int index, FieldSpec.Type type, Object value)
      throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.NULL);
      return;
    }
    switch (type) {
      case TEXT -> insert.setString(index, String.valueOf(value));
      case INTEGER -> insert.setLong(index, wholeNumber(value));
      case REAL -> insert.setDouble(index, realNumber(value));
    }
  }

  private static long wholeNumber(Object value) {
    if (value instanceof Boolean flag) {
      return flag ? 1 : 0;
    }
    try {
      if (value instanceof Number number) {
        return new BigDecimal(number.toString()).longValueExact();
      }
      return Long.parseLong(String.valueOf(value).trim());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a whole number", e);
    }
  }

  private static double realNumber(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a number", e);
    }
  }

  /** The GeoPackage geometry type name shared by all geometries, or GEOMETRY when they differ. */
  static String geometryTypeName(List<OutputFeature> features) {
    Set<String> types = features.stream().map(OutputFeature::geometry).filter(Objects::nonNull)
        // WKB has no ring type: a LinearRing is written, and read back, as a LineString
        .map(geometry -> geometry instanceof LinearRing ? "LINESTRING"
            : geometry.getGeometryType().toUpperCase(Locale.ROOT))
        .collect(Collectors.toSet());
    return types.size() == 1 ? types.iterator().next() : "GEOMETRY";
  }

  private static void setExtent(PreparedStatement contents, int firstIndex, Envelope extent) throws SQLException {
    if (extent.isNull()) {
      for (int i = 0; i < 4; i++) {
        contents.setNull(firstIndex + i, Types.NULL);
      }
      return;
    }
    contents.setDouble(firstIndex, extent.getMinX());
    contents.setDouble(firstIndex + 1, extent.getMinY());
    contents.setDouble(firstIndex + 2, extent.getMaxX());
    contents.setDouble(firstIndex + 3, extent.getMaxY());
  }

  private static void checkNames(String layerName, List<FieldSpec> fields) {
    if (layerName == null || layerName.isBlank()) {
      throw new IllegalArgumentException("the layer needs a name");
    }
    String lower = layerName.toLowerCase(Locale.ROOT);
    if (lower.startsWith("gpkg_") || lower.startsWith("rtree_") || lower.startsWith("sqlite_")) {
      throw new IllegalArgumentException("the layer name " + layerName
          + " starts with a prefix reserved by GeoPackage or SQLite");
    }
    Set<String> seen = new HashSet<>(Set.of(FID_COLUMN, GEOMETRY_COLUMN));
    for (FieldSpec field : fields) {
      if (field.name() == null || field.name().isBlank()
          || !seen.add(field.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("field name '" + field.name()
            + "' is blank, repeated, or one of fid and geom");
      }
    }
  }

  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    try {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException ignored) {
      // a leftover hidden .part file is harmless; the write's own outcome matters more
    }
  }
}
