package org.carecircle.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.carecircle.testsupport.Requirements;
import org.carecircle.testsupport.TestStores;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Empty, migrated stores to restore into: fresh H2GIS files, and fresh PostGIS databases created
 * beside the test database ({@code CARECIRCLE_TEST_PG_URL}) and dropped again by {@link #close()}.
 */
final class TargetStores implements AutoCloseable {
  private final List<String> createdDatabases = new ArrayList<>();

  /** A new H2GIS file store, migrated, with no rows. */
  DataSource emptyH2gis() {
    return migrated(new DriverManagerDataSource(TestStores.h2Url(), "sa", ""), "h2");
  }

  /** A new PostGIS database on the test server, migrated, with no rows. */
  DataSource emptyPostgis() throws SQLException {
    String url = TestStores.postgisUrl();
    if (url == null) {
      Requirements.missing("CARECIRCLE_REQUIRE_POSTGIS", "PostGIS (CARECIRCLE_TEST_PG_URL)");
    }
    String name = "cc_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = DriverManager.getConnection(withDatabase(url, "postgres"), user(), "");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    createdDatabases.add(name);
    return migrated(new DriverManagerDataSource(withDatabase(url, name), user(), ""), "postgresql");
  }

  /** A new empty networks folder. */
  Path emptyFolder() throws IOException {
    return Files.createTempDirectory("carecircle-restored-networks");
  }

  private static DataSource migrated(DriverManagerDataSource dataSource, String vendor) {
    Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/migration/" + vendor, "classpath:db/migration/common").load().migrate();
    return dataSource;
  }

  /** Deletes every row of every application table (children first) but the accounts (StoreRestorer.REPLACED_TABLES). */
  static void emptyStore(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      List<TableSchema> tables = new ArrayList<>(
          new StoreCatalogue(List.of()).tables(connection, StoreDialect.of(connection)));
      java.util.Collections.reverse(tables);
      try (Statement statement = connection.createStatement()) {
        for (TableSchema table : tables) {
          // the accounts stay, as in a store that has just started (its first admin signs the tests in)
          if (!StoreRestorer.REPLACED_TABLES.contains(table.name())) {
            statement.executeUpdate("DELETE FROM " + StoreDialect.quote(table.sqlName()));
          }
        }
      }
    }
  }

  @Override
  public void close() {
    for (String name : createdDatabases) {
      try (Connection admin = DriverManager.getConnection(withDatabase(TestStores.postgisUrl(), "postgres"), user(), "");
          Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop the test database " + name, e);
      }
    }
    createdDatabases.clear();
  }

  private static String withDatabase(String url, String database) {
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }

  private static String user() {
    String user = System.getenv("CARECIRCLE_TEST_PG_USER");
    return user == null ? "postgres" : user;
  }
}
