package org.carecircle.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.facility.FacilityChanges;
import org.carecircle.facility.FacilityImportService;
import org.carecircle.facility.FacilityTypeCatalogue;
import org.carecircle.facility.ImportResult;
import org.carecircle.facility.JdbcFacilityRepository;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeEntry;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.ChangeLogRepository;
import org.carecircle.history.EntityType;
import org.carecircle.history.HistoryQuery;
import org.carecircle.history.JdbcChangeLogRepository;
import org.carecircle.io.ImportOptions;
import org.carecircle.io.geojson.GeoJsonModule;
import org.carecircle.system.CurrentUser;
import org.carecircle.testsupport.TestStores;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How long a 100,000-row facility import takes with its change history (one entry per row, the
 * facility as a GeoJSON feature, batch-inserted in the import's transaction); a benchmark, not a
 * test. Runs on H2GIS, and on PostGIS when CARECIRCLE_TEST_PG_URL is set:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.carecircle.bench.FacilityImportHistoryBench
 * </pre>
 *
 * Prints, per store, the seconds of a first import (100,000 rows created) and of the same file
 * again (100,000 rows updated by externalId), and the entries the history gained. With
 * {@code --without-history} the entries are made but not stored: the baseline.
 */
public final class FacilityImportHistoryBench {
  private static final int ROWS = 100_000;

  private FacilityImportHistoryBench() {}

  public static void main(String[] args) throws Exception {
    Path csv = Files.createTempFile("facilities-100k", ".csv");
    StringBuilder text = new StringBuilder("name,type,lon,lat,beds,externalId\n");
    for (int i = 0; i < ROWS; i++) {
      text.append("Clinic ").append(i).append(",clinic,").append(116 + (i % 1000) * 0.001).append(',')
          .append(39 + (i / 1000) * 0.001).append(',').append(i % 200).append(",BENCH-").append(i).append('\n');
    }
    Files.writeString(csv, text);
    List<TestStores.Store> stores = new ArrayList<>(List.of(TestStores.Store.H2GIS));
    if (TestStores.postgisUrl() != null) {
      stores.add(TestStores.Store.POSTGIS);
    }
    for (TestStores.Store store : stores) {
      DataSource dataSource = TestStores.dataSource(store);
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      jdbc.update("DELETE FROM facility WHERE external_id LIKE 'BENCH-%'");
      boolean withHistory = args.length == 0 || !args[0].equals("--without-history");
      ChangeLogRepository entries = withHistory ? new JdbcChangeLogRepository(jdbc) : new DiscardingLog();
      ChangeLog log = new ChangeLog(entries, () -> CurrentUser.SYSTEM,
          new ObjectMapper().registerModule(new GeoJsonModule()));
      FacilityImportService importer = new FacilityImportService(new JdbcFacilityRepository(jdbc),
          FacilityTypeCatalogue.packaged(), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
          new FacilityChanges(log));
      for (String run : List.of("created", "updated")) {
        long entriesBefore = entries(jdbc);
        long start = System.nanoTime();
        ImportResult result = importer.importFile(csv, "facilities.csv", ImportOptions.DEFAULTS, null, null);
        System.out.printf("%-8s %,d rows %s: %,.1f s, history +%,d entries (created %,d, updated %,d)%n", store,
            ROWS, run, (System.nanoTime() - start) / 1e9, entries(jdbc) - entriesBefore, result.created(),
            result.updated());
      }
    }
  }

  /** For the baseline: the same import, its entries serialised but not stored. */
  private static final class DiscardingLog implements ChangeLogRepository {
    @Override
    public void appendAll(List<Change> changes, List<String> beforeJson, List<String> afterJson, String user,
        java.time.Instant changedAt) {}

    @Override
    public List<ChangeEntry> forEntity(EntityType type, String entityId) {
      return List.of();
    }

    @Override
    public java.util.Optional<ChangeEntry> find(EntityType type, String entityId, long version) {
      return java.util.Optional.empty();
    }

    @Override
    public long latestVersion(EntityType type, String entityId) {
      return 0;
    }

    @Override
    public List<ChangeEntry> page(HistoryQuery query) {
      return List.of();
    }
  }

  private static long entries(JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM change_log", Long.class);
  }
}
