package org.carecircle.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Compares two stores table by table and row by row with plain JDBC, independently of the backup
 * code: every column of every row, geometries by JTS {@code equalsExact} on their WKB (and SRID),
 * timestamps as instants, text and CLOBs as strings, binary values byte for byte, numbers by value.
 */
final class StoreComparison {
  private StoreComparison() {}

  /** Lower-case names of the tables in the application schema, except Flyway's and the spatial extension's. */
  static List<String> applicationTables(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = connection.getMetaData().getTables(null, h2 ? "PUBLIC" : "public", "%", null)) {
        while (rs.next()) {
          String type = rs.getString("TABLE_TYPE");
          String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
          // sessions and jobs belong to the running instances: transient, never backed up
          boolean transientState = name.startsWith("spring_session") || name.equals("background_job")
              || name.equals("job_execution");
          if (("TABLE".equals(type) || "BASE TABLE".equals(type)) && !transientState
              && !name.equals("flyway_schema_history") && !name.equals("spatial_ref_sys")) {
            tables.add(name);
          }
        }
      }
      tables.sort(null);
      return tables;
    }
  }

  /** Rows of {@code table}, each a map column → normalised value, in primary-key (or full-row) order. */
  static List<Map<String, Object>> rows(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
      String sqlTable = h2 ? table.toUpperCase(Locale.ROOT) : table;
      DatabaseMetaData meta = connection.getMetaData();
      List<String> columns = new ArrayList<>();
      List<Boolean> geometry = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, h2 ? "PUBLIC" : "public", sqlTable, "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
          geometry.add(rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT).startsWith("geometry"));
        }
      }
      StringBuilder select = new StringBuilder("SELECT ");
      for (int i = 0; i < columns.size(); i++) {
        String quoted = '"' + columns.get(i) + '"';
        select.append(i == 0 ? "" : ", ")
            .append(geometry.get(i) ? "ST_AsBinary(" + quoted + "), ST_SRID(" + quoted + ")" : quoted);
      }
      select.append(" FROM \"").append(sqlTable).append('"');
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(select.toString())) {
        while (rs.next()) {
          Map<String, Object> row = new TreeMap<>();
          int index = 1;
          for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).toLowerCase(Locale.ROOT);
            if (geometry.get(i)) {
              byte[] wkb = rs.getBytes(index++);
              int srid = rs.getInt(index++);
              row.put(name, wkb == null ? null : new SridGeometry(read(wkb), srid));
            } else {
              row.put(name, normalise(rs, index++));
            }
          }
          rows.add(row);
        }
      }
      rows.sort((a, b) -> a.toString().compareTo(b.toString()));
      return rows;
    }
  }

  /** Asserts that every application table holds the same rows in both stores. */
  static void assertSameRows(DataSource expected, DataSource actual) throws SQLException {
    List<String> tables = applicationTables(expected);
    assertThat(applicationTables(actual)).as("tables").isEqualTo(tables);
    for (String table : tables) {
      List<Map<String, Object>> expectedRows = rows(expected, table);
      List<Map<String, Object>> actualRows = rows(actual, table);
      assertThat(actualRows).as("rows of %s", table).hasSameSizeAs(expectedRows);
      for (int i = 0; i < expectedRows.size(); i++) {
        assertThat(actualRows.get(i)).as("%s row %d", table, i).isEqualTo(expectedRows.get(i));
      }
    }
  }

  private static Object normalise(ResultSet rs, int index) throws SQLException {
    Object value = rs.getObject(index);
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime || value instanceof java.sql.Timestamp
        || value.getClass().getSimpleName().contains("TimestampWithTimeZone")) {
      return rs.getObject(index, OffsetDateTime.class).toInstant();
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    if (value instanceof Blob blob) {
      return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof Double) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros();
    }
    return value;
  }

  private static Geometry read(byte[] wkb) {
    try {
      return new WKBReader().read(wkb);
    } catch (ParseException e) {
      throw new AssertionError("unreadable WKB", e);
    }
  }

  /** A geometry with its SRID, equal to another when the SRIDs match and the geometries are equalsExact. */
  record SridGeometry(Geometry geometry, int srid) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SridGeometry that && srid == that.srid && geometry.equalsExact(that.geometry);
    }

    @Override
    public int hashCode() {
      return srid;
    }

    @Override
    public String toString() {
      return "SRID=" + srid + ";" + geometry.toText();
    }
  }
}
