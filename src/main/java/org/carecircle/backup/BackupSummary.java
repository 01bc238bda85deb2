package org.carecircle.backup;

import java.time.Instant;

/**
 * One backup file in the backup folder, as the list shows it.
 *
 * @param name the file name ({@code carecircle-manual-20261203T142501123Z.zip})
 * @param sizeBytes the file's size in bytes
 * @param createdAt when the backup was taken; the file's time when its manifest cannot be read
 * @param kind {@code manual} or {@code scheduled}
 * @param sourceVendor {@code h2} or {@code postgresql}
 * @param schemaVersion the Flyway schema version it was taken at
 * @param tables how many tables it holds
 * @param rows rows in all tables
 * @param networks road networks the store listed
 * @param networksIncluded whether their folders are in the file
 * @param problem null, or why the file cannot be restored (not a backup, damaged)
 */
public record BackupSummary(String name, long sizeBytes, Instant createdAt, String kind, String sourceVendor,
    String schemaVersion, int tables, long rows, int networks, boolean networksIncluded, String problem) {

  static BackupSummary of(String name, long sizeBytes, BackupManifest manifest) {
    return new BackupSummary(name, sizeBytes, manifest.createdAt(), manifest.kind(), manifest.sourceVendor(),
        manifest.schemaVersion(), manifest.tables().size(), manifest.totalRows(), manifest.networks().size(),
        manifest.networks().stream().allMatch(BackupManifest.NetworkEntry::included), null);
  }

  static BackupSummary unreadable(String name, long sizeBytes, Instant modifiedAt, String problem) {
    return new BackupSummary(name, sizeBytes, modifiedAt, null, null, null, 0, 0, 0, false, problem);
  }
}
