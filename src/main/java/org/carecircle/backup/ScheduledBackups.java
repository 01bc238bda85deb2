package org.carecircle.backup;

import java.util.List;
import java.util.Optional;
import org.carecircle.job.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The store backs itself up on {@code carecircle.backup.schedule} (daily at 02:30 by default) and
 * keeps the newest {@code carecircle.backup.keep} scheduled backups (7). On by default for the
 * embedded H2GIS store, whose file has no other backup; off for PostGIS unless {@code
 * carecircle.backup.scheduled-on-postgis} is true. Never runs in the command-line mode.
 */
@Configuration
@EnableScheduling
public class ScheduledBackups {
  private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

  private final BackupService backups;
  private final BackupProperties settings;

  public ScheduledBackups(BackupService backups, BackupProperties settings) {
    this.backups = backups;
    this.settings = settings;
  }

  @Scheduled(cron = "${carecircle.backup.schedule:" + BackupProperties.DEFAULT_SCHEDULE + "}")
  void onSchedule() {
    try {
      runScheduledBackup();
    } catch (Exception e) {
      log.error("the scheduled backup failed; the next one runs on schedule", e);
    }
  }

  /**
   * Makes one scheduled backup and rotates, when scheduled backups are on for this store.
   *
   * @return the backup made, or empty when they are off
   */
  public Optional<BackupSummary> runScheduledBackup() throws Exception {
    if (!settings.command().isEmpty() || !(backups.isEmbeddedStore() || settings.scheduledOnPostgis())) {
      return Optional.empty();
    }
    BackupSummary made = backups.create(BackupService.SCHEDULED, JobContext.NONE);
    List<String> deleted = backups.rotateScheduled();
    log.info("scheduled backup {} made; {} older scheduled backups deleted", made.name(), deleted.size());
    return Optional.of(made);
  }
}
