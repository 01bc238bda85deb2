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
 * @param transientTables tables that hold transient state and are never backed up or restored
 *     (sessions, job queues); a trailing {@code *} matches a prefix; case-insensitive
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

  public BackupProperties {
    directory = directory == null || directory.isBlank() ? DEFAULT_DIRECTORY : directory;
    schedule = schedule == null || schedule.isBlank() ? DEFAULT_SCHEDULE : schedule;
    keep = keep == null ? DEFAULT_KEEP : keep;
    scheduledOnPostgis = scheduledOnPostgis != null && scheduledOnPostgis;
    includeNetworks = includeNetworks == null || includeNetworks;
    transientTables = transientTables == null ? List.of() : List.copyOf(transientTables);
    command = command == null ? "" : command.trim();
    file = file == null ? "" : file.trim();
    if (keep < 1) {
      throw new IllegalArgumentException("carecircle.backup.keep must be at least 1, was " + keep);
    }
  }
}
