package org.carecircle.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The application tables of a store, found from the database metadata: every table in the schema
 * Flyway migrates, except Flyway's own history, the spatial extension's {@code spatial_ref_sys} and
 * the transient tables the settings name ({@code carecircle.backup.transient-tables}: by default
 * Spring Session's tables and job-library queues, see {@link BackupProperties#DEFAULT_TRANSIENT_TABLES}).
 * Tables that other features add in later migrations are therefore backed up without any change
 * here; a column type backups cannot carry stops the backup with a message naming the column.
 */
final class StoreCatalogue {
  /** Tables that belong to Flyway or to the spatial extension, not to CareCircle's data. */
  private static final Set<String> INFRASTRUCTURE = Set.of("flyway_schema_history", "spatial_ref_sys");

  private final List<String> transientPatterns;

  /** @param transientPatterns table names (lower case) never backed up; a trailing {@code *} matches a prefix */
  StoreCatalogue(List<String> transientPatterns) {
    this.transientPatterns = transientPatterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT))
        .filter(p -> !p.isEmpty()).toList();
  }

  /** Whether a table (lower-case name) holds transient state that backups leave out. */
  boolean isTransient(String name) {
    for (String pattern : transientPatterns) {
      if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The application tables, each after the tables its foreign keys point to, so that inserting
   * them in this order never violates a reference (ties in name order).
   *
   * @throws UnsupportedColumnException when a column has a type backups cannot carry
   */
  List<TableSchema> tables(Connection connection, StoreDialect dialect) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String schema = dialect.schema(connection);
    Map<String, String> sqlNames = new TreeMap<>();
    try (ResultSet rs = meta.getTables(null, schema, "%", null)) {
      while (rs.next()) {
        String type = rs.getString("TABLE_TYPE");
        String sqlName = rs.getString("TABLE_NAME");
        String name = sqlName.toLowerCase(Locale.ROOT);
        if (("TABLE".equals(type) || "BASE TABLE".equals(type)) && !INFRASTRUCTURE.contains(name) && !isTransient(name)) {
          sqlNames.put(name, sqlName);
        }
      }
    }
    Map<String, TableSchema> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> table : sqlNames.entrySet()) {
      byName.put(table.getKey(), describe(meta, schema, table.getKey(), table.getValue(), sqlNames.keySet()));
    }
    return dependencyOrder(byName);
  }

  private static TableSchema describe(DatabaseMetaData meta, String schema, String name, String sqlName,
      Set<String> applicationTables) throws SQLException {
    List<TableSchema.Column> columns = new ArrayList<>();
    try (ResultSet rs = meta.getColumns(null, schema, sqlName, "%")) {
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(new Object[] {rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
            rs.getString("TYPE_NAME"), "YES".equals(rs.getString("IS_AUTOINCREMENT"))});
      }
      rows.sort((a, b) -> Integer.compare((int) a[0], (int) b[0]));
      for (Object[] row : rows) {
        String columnSqlName = (String) row[1];
        String typeName = (String) row[3];
        ColumnKind kind = ColumnKind.of((int) row[2], typeName);
        if (kind == null) {
          throw new UnsupportedColumnException(name + "." + columnSqlName.toLowerCase(Locale.ROOT), typeName);
        }
        columns.add(new TableSchema.Column(columnSqlName.toLowerCase(Locale.ROOT), columnSqlName, kind, typeName,
            (boolean) row[4]));
      }
    }
    Map<Short, String> keyColumns = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, schema, sqlName)) {
      while (rs.next()) {
        keyColumns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    Set<String> referenced = new LinkedHashSet<>();
    try (ResultSet rs = meta.getImportedKeys(null, schema, sqlName)) {
      while (rs.next()) {
        String target = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
        if (!target.equals(name) && applicationTables.contains(target)) {
          referenced.add(target);
        }
      }
    }
    return new TableSchema(name, sqlName, List.copyOf(columns), List.copyOf(keyColumns.values()),
        List.copyOf(referenced));
  }

  /** Kahn's algorithm; a cycle of references (none exists today) keeps the rest in name order. */
  private static List<TableSchema> dependencyOrder(Map<String, TableSchema> byName) {
    List<TableSchema> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < byName.size()) {
      TableSchema next = byName.values().stream()
          .filter(t -> !placed.contains(t.name()) && placed.containsAll(t.referencedTables()))
          .findFirst()
          .orElse(byName.values().stream().filter(t -> !placed.contains(t.name())).findFirst().orElseThrow());
      ordered.add(next);
      placed.add(next.name());
    }
    return List.copyOf(ordered);
  }

  /**
   * The store's Flyway schema version: the highest version applied successfully, e.g. {@code 7}.
   * Flyway creates its history table with quoted lower-case names on both stores.
   */
  static String schemaVersion(Connection connection) throws SQLException {
    MigrationVersion highest = null;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
      while (rs.next()) {
        MigrationVersion version = MigrationVersion.fromVersion(rs.getString(1));
        if (highest == null || version.compareTo(highest) > 0) {
          highest = version;
        }
      }
    }
    if (highest == null) {
      throw new IllegalStateException("the store has no Flyway schema history; it was never migrated");
    }
    return highest.getVersion();
  }

  /** Row count of one table. */
  static long rowCount(Connection connection, TableSchema table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + StoreDialect.quote(table.sqlName()))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A column whose SQL type has no vendor-neutral form in a backup (a defect to fix here). */
  static final class UnsupportedColumnException extends IllegalStateException {
    UnsupportedColumnException(String column, String typeName) {
      super("column " + column + " has the type " + typeName + ", which backups cannot carry yet");
    }
  }
}
