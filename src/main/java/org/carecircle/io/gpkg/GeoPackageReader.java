package org.carecircle.io.gpkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carecircle.io.InputFiles;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.sqlite.SQLiteConfig;

/**
 * Reads the feature layers of a GeoPackage file with plain SQLite, opened read-only.
 *
 * <p>Each row of the layer's table becomes a {@link SourceFeature}: {@code row} is the feature id
 * (the table's integer primary key, usually {@code fid}); {@code properties} are the other
 * non-geometry columns in table order, as {@link String}, {@link Long} or {@link Double} (SQLite's
 * own storage classes), with NULLs and binary (BLOB) values left out; the geometry is in the
 * layer's CRS, Z and M kept. A row without a geometry, or with one that cannot be decoded, is
 * reported as a row problem and skipped.
 */
public final class GeoPackageReader {
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  /** srs_id values the standard reserves for "undefined Cartesian" and "undefined geographic". */
  private static final int UNDEFINED_CARTESIAN = -1;
  private static final int UNDEFINED_GEOGRAPHIC = 0;
  /**
   * Longest attribute value read, in characters. Longer text is never handed to Java: the query
   * cuts every text value one character past the limit, so a row whose (possibly generated) column
   * holds 100 million characters costs 10 KB here and is reported instead of exhausting memory.
   * 10,000 characters is far beyond any name, address or note a registry keeps.
   */
  public static final int MAX_VALUE_CHARS = 10_000;

  private GeoPackageReader() {}

  private record Layer(String table, String geometryColumn, int srsId) {}

  /**
   * The feature layers of a GeoPackage, in the order of its {@code gpkg_contents} table. Tile and
   * attribute-only tables are not listed.
   *
   * @throws InputRejectedException when the file is missing, empty or not a GeoPackage
   */
  public static List<String> featureLayers(Path file) {
    try (Connection db = openReadOnly(file)) {
      return featureLayers(db).stream().map(Layer::table).toList();
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  /**
   * Reads every feature of one layer.
   *
   * @param layerName the layer (table) to read, matched without regard to case; {@code null} reads
   *     the only feature layer and is rejected, with the layer names, when there are several
   * @return the features in feature-id order, the problems of the rows that were skipped, and the
   *     CRS of the layer as {@code "EPSG:n"} (or {@code "ORG:n"} for another authority), or {@code
   *     null} when the layer's CRS is "undefined" (srs_id 0 or -1)
   * @throws InputRejectedException when the file is missing, empty, not a GeoPackage, damaged, or
   *     has no such layer
   */
  public static ReadResult read(Path file, String layerName) {
    try (Connection db = openReadOnly(file)) {
      Layer layer = chooseLayer(featureLayers(db), layerName);
      String declaredCrs = declaredCrs(db, layer.srsId());
      String fidColumn = integerPrimaryKey(db, layer.table());
      return readRows(db, layer, fidColumn, declaredCrs);
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  private static Connection openReadOnly(Path file) throws SQLException {
    checkIsSqliteFile(file);
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      if (!hasTable(db, "gpkg_contents") || !hasTable(db, "gpkg_geometry_columns")) {
        throw new InputRejectedException(InputProblem.ofFile("this SQLite database is not a GeoPackage: "
            + "it lacks the gpkg_contents and gpkg_geometry_columns tables that list a GeoPackage's layers"));
      }
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Checks the file before SQLite sees it: SQLite would open a missing or empty file as a new database. */
  private static void checkIsSqliteFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputRejectedException(InputProblem.ofFile("the GeoPackage file " + file.getFileName()
          + " does not exist"));
    }
    byte[] header = new byte[SQLITE_MAGIC.length];
    int length;
    try (InputStream in = Files.newInputStream(file)) {
      length = in.readNBytes(header, 0, header.length);
    } catch (IOException e) {
      throw new InputRejectedException(InputProblem.ofFile("the GeoPackage file could not be read: " + InputFiles.reason(e)));
    }
    if (length == 0) {
      throw new InputRejectedException(InputProblem.ofFile("the GeoPackage file is empty"));
    }
    if (length < header.length || !Arrays.equals(header, SQLITE_MAGIC)) {
      throw new InputRejectedException(InputProblem.ofFile("this file is not a GeoPackage: a GeoPackage is an "
          + "SQLite database, and this file is not one (check that you chose the .gpkg file)"));
    }
  }

  private static boolean hasTable(Connection db, String name) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static List<Layer> featureLayers(Connection db) throws SQLException {
    List<Layer> layers = new ArrayList<>();
    try (Statement query = db.createStatement();
        ResultSet rows = query.executeQuery("SELECT c.table_name, g.column_name, g.srs_id"
            + " FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name"
            + " WHERE lower(c.data_type) = 'features' ORDER BY c.rowid")) {
      while (rows.next()) {
        layers.add(new Layer(rows.getString(1), rows.getString(2), rows.getInt(3)));
      }
    }
    return layers;
  }

  private static Layer chooseLayer(List<Layer> layers, String layerName) {
    String names = String.join(", ", layers.stream().map(Layer::table).toList());
    if (layers.isEmpty()) {
      throw new InputRejectedException(InputProblem.ofFile("the GeoPackage has no feature layer "
          + "(it may hold only map tiles or plain tables)"));
    }
    if (layerName == null) {
      if (layers.size() > 1) {
        throw new InputRejectedException(InputProblem.ofField("layer", "the GeoPackage has " + layers.size()
            + " feature layers (" + names + "); say which one to read with layer=..."));
      }
      return layers.get(0);
    }
    return layers.stream()
        .filter(layer -> layer.table().equalsIgnoreCase(layerName))
        .findFirst()
        .orElseThrow(() -> new InputRejectedException(InputProblem.ofField("layer", "the GeoPackage has no "
            + "feature layer named '" + layerName + "'; its feature layers are: " + names)));
  }

  private static String declaredCrs(Connection db, int srsId) throws SQLException {
    if (srsId == UNDEFINED_CARTESIAN || srsId == UNDEFINED_GEOGRAPHIC) {
      return null;
    }
    try (PreparedStatement query = db.prepareStatement(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
      query.setInt(1, srsId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          throw new InputRejectedException(InputProblem.ofField("crs", "the layer refers to coordinate system "
              + srsId + ", which the GeoPackage does not define"));
        }
        String organization = rows.getString(1);
        if (organization == null || organization.isBlank() || organization.equalsIgnoreCase("NONE")) {
          return null;
        }
        return organization.toUpperCase(Locale.ROOT) + ":" + rows.getLong(2);
      }
    }
  }

  private static String integerPrimaryKey(Connection db, String table) throws SQLException {
    try (Statement query = db.createStatement();
        ResultSet columns = query.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
      boolean tableExists = false;
      while (columns.next()) {
        tableExists = true;
        if (columns.getInt("pk") == 1 && "INTEGER".equalsIgnoreCase(columns.getString("type"))) {
          return columns.getString("name");
        }
      }
      throw new InputRejectedException(InputProblem.ofFile(tableExists
          ? "the layer " + table + " has no integer feature id (fid) column, so its features cannot be numbered"
          : "the GeoPackage lists a layer " + table + " but does not contain its table"));
    }
  }

  private static ReadResult readRows(Connection db, Layer layer, String fidColumn, String declaredCrs)
      throws SQLException {
    GeometryFactory geometryFactory = new GeometryFactory();
    List<SourceFeature> features = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    try (Statement query = db.createStatement();
        ResultSet rows = query.executeQuery("SELECT " + boundedColumns(db, layer) + " FROM "
            + quote(layer.table()) + " ORDER BY " + quote(fidColumn))) {
      ResultSetMetaData columns = rows.getMetaData();
      while (rows.next()) {
        long fid = rows.getLong(fidColumn);
        if (fid < 1 || fid > Integer.MAX_VALUE) {
          // InputProblem rows are ints; GeoPackage fids are 1-based in practice, so this is a freak file
          problems.add(InputProblem.ofFile("the feature with fid " + fid + " was skipped: its id is outside"
              + " the range 1.." + Integer.MAX_VALUE + " that CareCircle can number"));
          continue;
        }
        int row = (int) fid;
        Map<String, Object> properties = new LinkedHashMap<>();
        byte[] blob = null;
        boolean tooLong = false;
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          String name = columns.getColumnName(i);
          if (name.equalsIgnoreCase(layer.geometryColumn())) {
            blob = rows.getBytes(i);
          } else if (!name.equalsIgnoreCase(fidColumn)) {
            Object value = propertyValue(rows.getObject(i));
            if (value instanceof String text && text.length() > MAX_VALUE_CHARS) {
              problems.add(InputProblem.ofRow(row, name, "the value has more than " + MAX_VALUE_CHARS
                  + " characters; an attribute may have at most " + MAX_VALUE_CHARS));
              tooLong = true;
            } else if (value != null) {
              properties.put(name, value);
            }
          }
        }
        if (tooLong) {
          continue;
        }
        Geometry geometry;
        try {
          geometry = blob == null ? null : GeoPackageGeometry.decode(blob, geometryFactory);
        } catch (IllegalArgumentException e) {
          problems.add(InputProblem.ofRow(row, layer.geometryColumn(), e.getMessage()));
          continue;
        }
        if (geometry == null) {
          problems.add(new InputProblem(row, null, "the feature has no geometry"));
          continue;
        }
        features.add(new SourceFeature(row, geometry, properties));
      }
    }
    return new ReadResult(features, problems, declaredCrs);
  }

  /**
   * The select list: the geometry and every other column as stored, except that text is cut one
   * character past {@link #MAX_VALUE_CHARS} and binary values are left out (they are not
   * attributes), so no value larger than the limit is transferred.
   */
  private static String boundedColumns(Connection db, Layer layer) throws SQLException {
    List<String> select = new ArrayList<>();
    try (Statement query = db.createStatement();
        ResultSet columns = query.executeQuery("PRAGMA table_xinfo(" + quote(layer.table()) + ")")) {
      while (columns.next()) {
        if (columns.getInt("hidden") == 1) {
          continue; // a virtual table's hidden column, not part of SELECT *
        }
        String name = quote(columns.getString("name"));
        if (columns.getString("name").equalsIgnoreCase(layer.geometryColumn())) {
          select.add(name);
        } else {
          select.add("CASE typeof(" + name + ") WHEN 'text' THEN substr(" + name + ", 1, " + (MAX_VALUE_CHARS + 1)
              + ") WHEN 'blob' THEN NULL ELSE " + name + " END AS " + name);
        }
      }
    }
    return select.isEmpty() ? "*" : String.join(", ", select);
  }

  /** SQLite's storage classes as Java values: sqlite-jdbc hands small integers out as Integer. */
  private static Object propertyValue(Object value) {
    if (value instanceof Integer small) {
      return small.longValue();
    }
    if (value instanceof Float single) {
      return single.doubleValue();
    }
    return value instanceof String || value instanceof Long || value instanceof Double ? value : null;
  }

  private static InputRejectedException unreadable(SQLException e) {
    return new InputRejectedException(InputProblem.ofFile("the GeoPackage is damaged and could not be read ("
        + e.getMessage() + ")"));
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
