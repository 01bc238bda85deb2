package org.carecircle.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.carecircle.job.JobContext;
import org.carecircle.job.JobService;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled backups, driven by calling the scheduler's method with a clock that moves a day per
 * backup: the newest 7 scheduled backups stay, backups made by hand are never rotated away, and on
 * PostGIS nothing runs unless switched on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledBackupsTest {
  private final TargetStores targets = new TargetStores();
  private final JobService jobs = org.carecircle.job.JobTestStores.oneWorker();

  @AfterAll
  void close() {
    targets.close();
    jobs.shutdown();
  }

  /** A clock that moves one day forward every time it is read. */
  static final class DailyClock extends Clock {
    private Instant now = Instant.parse("2026-12-01T02:30:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofDays(1));
      return now;
    }
  }

  private static BackupProperties settings(Path folder, boolean onPostgis, boolean includeNetworks) {
    return new BackupProperties(folder.toString(), null, null, onPostgis, includeNetworks, null, null, null);
  }

  private static List<String> files(Path folder) throws Exception {
    try (Stream<Path> list = Files.list(folder)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theNewestSevenScheduledBackupsAreKeptAndManualOnesStay() throws Exception {
    DataSource store = targets.emptyH2gis();
    new JdbcTemplate(store).update("INSERT INTO facility (name, type_code, status, geom) VALUES"
        + " ('社区卫生服务站', 'clinic', 'existing', ST_GeomFromText('POINT (120.38 36.07)', 4326))");
    Path folder = Files.createTempDirectory("carecircle-scheduled-backups");
    BackupProperties settings = settings(folder, false, true);
    assertThat(settings.keep()).isEqualTo(7);
    assertThat(settings.schedule()).isEqualTo("0 30 2 * * *");
    BackupService backups = new BackupService(store, settings, jobs, targets.emptyFolder(), new DailyClock());
    ScheduledBackups scheduler = new ScheduledBackups(backups, settings);

    String manual = backups.create(BackupService.MANUAL, JobContext.NONE).name();
    List<String> scheduled = new ArrayList<>();
    for (int day = 0; day < 9; day++) {
      Optional<BackupSummary> made = scheduler.runScheduledBackup();
      assertThat(made).as("day %d", day).isPresent();
      assertThat(made.get().rows()).isEqualTo(1);
      scheduled.add(made.get().name());
    }

    List<String> expected = new ArrayList<>(scheduled.subList(2, 9));
    expected.add(manual);
    expected.sort(null);
    assertThat(files(folder)).isEqualTo(expected);
    assertThat(backups.list()).extracting(BackupSummary::name).first().isEqualTo(scheduled.get(8));
  }

  @Test
  void onPostgisScheduledBackupsRunOnlyWhenSwitchedOn() throws Exception {
    DataSource postgis = TestStores.dataSource(TestStores.Store.POSTGIS);
    Path off = Files.createTempDirectory("carecircle-scheduled-off");
    BackupProperties offSettings = settings(off, false, false);
    BackupService offBackups = new BackupService(postgis, offSettings, jobs, targets.emptyFolder(), new DailyClock());
    assertThat(new ScheduledBackups(offBackups, offSettings).runScheduledBackup()).isEmpty();
    assertThat(files(off)).isEmpty();

    Path on = Files.createTempDirectory("carecircle-scheduled-on");
    BackupProperties onSettings = settings(on, true, false);
    BackupService onBackups = new BackupService(postgis, onSettings, jobs, targets.emptyFolder(), new DailyClock());
    Optional<BackupSummary> made = new ScheduledBackups(onBackups, onSettings).runScheduledBackup();
    assertThat(made).isPresent();
    assertThat(made.get().sourceVendor()).isEqualTo("postgresql");
    assertThat(made.get().networksIncluded()).isEqualTo(made.get().networks() == 0);
    assertThat(files(on)).containsExactly(made.get().name());
  }
}
