package org.carecircle.backup;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code carecircle.backup.*} settings.
 *
 * @param directory the backup folder (default {@code ./data/backups}); listed, downloaded and
 *     rotated by CareCircle, so keep nothing else there
 * @param schedule Spring cron expression (second minute hour day month weekday) of the scheduled
 *     backup; default {@code 0 30 2 * * *}, 02:30 every day; {@code -} switches it off
 * @param keep how many scheduled backups are kept, newest first (default 7); backups made by
 *     hand are never deleted by the rotation
 * @param scheduledOnPostgis whether the schedule also runs when the store is PostGIS (default
 *     false: PostgreSQL has its own backup tools, pg_dump and point-in-time recovery)
 * @param includeNetworks whether backups carry the road networks' folders (default true); without
 *     them the manifest names each network and a restored network must be imported again
 * @param transientTables tables that hold transient state and are never backed up or restored;
 *     a trailing {@code *} matches a prefix; case-insensitive; default {@link
 *     #DEFAULT_TRANSIENT_TABLES} (sessions, job queues)
 * @param command {@code backup} or {@code restore}: run that one command without the web server
 *     and exit 0 (done) or 1 (failed); empty (default) starts CareCircle normally
 * @param file the backup file the command writes or reads
 */
@ConfigurationProperties("carecircle.backup")
public record BackupProperties(String directory, String schedule, Integer keep, Boolean scheduledOnPostgis,
    Boolean includeNetworks, List<String> transientTables, String command, String file) {
  public static final String DEFAULT_DIRECTORY = "./data/backups";
  public static final String DEFAULT_SCHEDULE = "0 30 2 * * *";
  public static final int DEFAULT_KEEP = 7;
  /**
   * Spring Session's tables and the queue tables of the usual job libraries (JobRunr, Quartz,
   * db-scheduler, ShedLock): logins and queued work belong to the running instance; restoring them
   * would bring back sessions and jobs from another time or server.
   */
  public static final List<String> DEFAULT_TRANSIENT_TABLES =
      List.of("spring_session*", "background_job", "job_execution", "job_queue*", "jobrunr_*", "qrtz_*",
          "scheduled_tasks", "shedlock");

  public BackupProperties {
    directory = directory == null || directory.isBlank() ? DEFAULT_DIRECTORY : directory;
    schedule = schedule == null || schedule.isBlank() ? DEFAULT_SCHEDULE : schedule;
    keep = keep == null ? DEFAULT_KEEP : keep;
    scheduledOnPostgis = scheduledOnPostgis != null && scheduledOnPostgis;
    includeNetworks = includeNetworks == null || includeNetworks;
    transientTables = transientTables == null ? DEFAULT_TRANSIENT_TABLES : List.copyOf(transientTables);
    command = command == null ? "" : command.trim();
    file = file == null ? "" : file.trim();
    if (keep < 1) {
      throw new IllegalArgumentException("carecircle.backup.keep must be at least 1, was " + keep);
    }
  }
}
