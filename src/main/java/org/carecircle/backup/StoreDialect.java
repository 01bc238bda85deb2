package org.carecircle.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The few things backup and restore must do differently on H2GIS and PostGIS; every other
 * statement they issue is the same on both.
 */
enum StoreDialect {
  H2("h2") {
    @Override
    String schema(Connection connection) {
      return "PUBLIC";
    }

    @Override
    void beginSnapshot(Connection connection) throws SQLException {
      // H2's SNAPSHOT level (JDBC value 6) reads every table as of the transaction's start;
      // REPEATABLE READ would take each table's snapshot only when the table is first read
      connection.setTransactionIsolation(H2_SNAPSHOT);
    }

    @Override
    void restartIdentity(Connection connection, String table, String column, long next) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " RESTART WITH " + next);
      }
    }

    @Override
    String jsonPlaceholder() {
      return "? FORMAT JSON";
    }
  },
  POSTGRESQL("postgresql") {
    @Override
    String schema(Connection connection) throws SQLException {
      return connection.getSchema();
    }

    @Override
    void beginSnapshot(Connection connection) throws SQLException {
      // PostgreSQL's REPEATABLE READ is snapshot isolation: one snapshot for the whole transaction
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    @Override
    void restartIdentity(Connection connection, String table, String column, long next) throws SQLException {
      // setval works for identity and serial columns alike; false: the next value is `next` itself
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
        statement.setString(1, quote(table));
        statement.setString(2, column);
        statement.setLong(3, next);
        statement.execute();
      }
    }

    @Override
    String jsonPlaceholder() {
      return "CAST(? AS json)";
    }
  };

  /** H2's own isolation level beyond the JDBC constants: one snapshot for the whole transaction. */
  private static final int H2_SNAPSHOT = 6;

  /** The name a backup's manifest gives the vendor, as Flyway names the migration folders. */
  final String vendor;

  StoreDialect(String vendor) {
    this.vendor = vendor;
  }

  /** The dialect of the database behind {@code connection}. */
  static StoreDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgresql")) {
      return POSTGRESQL;
    }
    throw new IllegalStateException("backups support H2GIS and PostGIS, not " + product);
  }

  /** The schema Flyway created the application's tables in. */
  abstract String schema(Connection connection) throws SQLException;

  /**
   * Makes the next transaction on {@code connection} read one consistent snapshot of the whole
   * store. Call with auto-commit off, before the first read.
   */
  abstract void beginSnapshot(Connection connection) throws SQLException;

  /** Makes the identity (or serial) column hand out {@code next} as its next value. */
  abstract void restartIdentity(Connection connection, String table, String column, long next) throws SQLException;

  /** The parameter marker for a value bound as JSON text into a JSON column. */
  abstract String jsonPlaceholder();

  /** A table or column name as the database spells it, quoted. */
  static String quote(String sqlName) {
    return '"' + sqlName.replace("\"", "\"\"") + '"';
  }
}
