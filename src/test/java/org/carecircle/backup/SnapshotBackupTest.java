package org.carecircle.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.carecircle.job.JobContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A backup taken while planners write is the store as it was when the backup began: rows committed
 * by another connection after the backup started (here: between its first and second table) are
 * in none of its tables, on H2GIS and on PostGIS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotBackupTest {
  private final TargetStores targets = new TargetStores();

  @AfterAll
  void close() {
    targets.close();
  }

  @Test
  void writesDuringAnH2gisBackupAreNotInIt() throws Exception {
    assertWritesDuringTheBackupAreLeftOut(targets.emptyH2gis());
  }

  @Test
  void writesDuringAPostgisBackupAreNotInIt() throws Exception {
    assertWritesDuringTheBackupAreLeftOut(targets.emptyPostgis());
  }

  private void assertWritesDuringTheBackupAreLeftOut(DataSource store) throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(store);
    insertFacilityAndDistrict(jdbc, "before");
    AtomicInteger tablesStarted = new AtomicInteger();
    JobContext writeAfterTheFirstTable = new JobContext() {
      @Override
      public void progress(double fraction0to1, String message) {
        if (message.startsWith("table ") && tablesStarted.incrementAndGet() == 2) {
          // another connection, committed at once: a planner saving while the backup runs
          insertFacilityAndDistrict(jdbc, "during");
        }
      }

      @Override
      public void checkCancelled() {}

      @Override
      public void commit() {}
    };
    Path file = Files.createTempFile("carecircle-snapshot", ".zip");
    BackupManifest manifest = new StoreBackupWriter(store, new StoreCatalogue(List.of()),
        targets.emptyFolder(), Clock.systemUTC()).write(file, true, BackupService.MANUAL, writeAfterTheFirstTable);

    assertThat(tablesStarted.get()).isGreaterThan(2);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM facility", Long.class)).isEqualTo(2);
    Map<String, Long> rows = manifest.tables().stream()
        .collect(Collectors.toMap(BackupManifest.TableEntry::name, BackupManifest.TableEntry::rows));
    assertThat(rows).containsEntry("facility", 1L).containsEntry("district", 1L);
    assertThat(manifest.totalRows()).isEqualTo(2);
    Files.delete(file);
  }

  private static void insertFacilityAndDistrict(JdbcTemplate jdbc, String name) {
    jdbc.update("INSERT INTO facility (name, type_code, status, geom) VALUES (?, 'clinic', 'existing',"
        + " ST_GeomFromText('POINT (120.38 36.07)', 4326))", name);
    jdbc.update("INSERT INTO district (name, geom) VALUES (?,"
        + " ST_GeomFromText('MULTIPOLYGON (((120.3 36.0, 120.4 36.0, 120.4 36.1, 120.3 36.0)))', 4326))", name);
  }
}
