package org.carecircle.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two real stores the repository tests run against: an H2GIS file database in a temp folder
 * and the throwaway PostGIS database that scripts/test.sh creates
 * ({@code CARECIRCLE_TEST_PG_URL}). Both are migrated with the project's own Flyway scripts.
 */
public final class TestStores {
  /** Which store. */
  public enum Store {
    H2GIS,
    POSTGIS
  }

  private static final Map<Store, DataSource> MIGRATED = new ConcurrentHashMap<>();

  private TestStores() {}

  /** A migrated data source for the store; the PostGIS one fails or skips when it is missing. */
  public static DataSource dataSource(Store store) {
    if (store == Store.POSTGIS && postgisUrl() == null) {
      Requirements.missing("CARECIRCLE_REQUIRE_POSTGIS", "PostGIS (CARECIRCLE_TEST_PG_URL)");
    }
    return MIGRATED.computeIfAbsent(store, TestStores::create);
  }

  /**
   * For {@code @EnabledIf}: PostGIS is there, or it is required (then the tests run and fail
   * loudly instead of being skipped).
   */
  public static boolean postgisAvailableOrRequired() {
    return postgisUrl() != null || Requirements.required("CARECIRCLE_REQUIRE_POSTGIS");
  }

  /** Points an application context at the PostGIS test database (for {@code @DynamicPropertySource}). */
  public static void postgis(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgisUrl() == null
        ? "jdbc:postgresql://127.0.0.1:1/missing-postgis-test-database" : postgisUrl());
    registry.add("spring.datasource.username", TestStores::postgisUser);
    registry.add("spring.datasource.password", () -> "");
  }

  public static String postgisUrl() {
    return System.getenv("CARECIRCLE_TEST_PG_URL");
  }

  private static String postgisUser() {
    String user = System.getenv("CARECIRCLE_TEST_PG_USER");
    return user == null ? "postgres" : user;
  }

  /** A fresh H2GIS file database in a temp folder. */
  public static String h2Url() {
    try {
      return "jdbc:h2:file:" + Files.createTempDirectory("carecircle-h2").resolve("test").toAbsolutePath();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DataSource create(Store store) {
    DriverManagerDataSource dataSource = switch (store) {
      case H2GIS -> new DriverManagerDataSource(h2Url(), "sa", "");
      case POSTGIS -> new DriverManagerDataSource(postgisUrl(), postgisUser(), "");
    };
    String vendor = store == Store.H2GIS ? "h2" : "postgresql";
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor, "classpath:db/migration/common").load().migrate();
    return dataSource;
  }

  /** Empties the registry tables between tests. */
  public static void clear(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("DELETE FROM scenario");
    jdbc.update("DELETE FROM siting_run");
    jdbc.update("DELETE FROM facility");
  }

  /** Empties the road network catalogue (the networks' folders are the test's business). */
  public static void clearNetworks(DataSource dataSource) {
    new JdbcTemplate(dataSource).update("DELETE FROM road_network");
  }
}
