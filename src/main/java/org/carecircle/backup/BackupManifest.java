package org.carecircle.backup;

import java.time.Instant;
import java.util.List;

/**
 * The {@code manifest.json} of a backup: what the file holds and how to check it.
 *
 * @param format always {@link #FORMAT}: tells a CareCircle backup from any other zip
 * @param formatVersion the layout of the file; a restore refuses versions newer than {@link
 *     #FORMAT_VERSION}
 * @param careCircleVersion the CareCircle release that wrote it ({@code development} outside a jar)
 * @param schemaVersion the Flyway schema version of the store it was taken from, e.g. {@code 7}
 * @param createdAt when the snapshot was taken (UTC)
 * @param sourceVendor {@code h2} (H2GIS) or {@code postgresql} (PostGIS)
 * @param kind {@code manual} (page, API, command) or {@code scheduled}
 * @param tables every table backed up, in an order that restores without breaking a reference
 * @param networks the road networks the store lists; {@code included} false when their folders
 *     were left out and must be imported again after a restore
 */
public record BackupManifest(String format, int formatVersion, String careCircleVersion, String schemaVersion,
    Instant createdAt, String sourceVendor, String kind, List<TableEntry> tables, List<NetworkEntry> networks) {
  public static final String FORMAT = "carecircle-backup";
  public static final int FORMAT_VERSION = 1;
  public static final String MANIFEST_ENTRY = "manifest.json";

  /**
   * @param name the table, lower case
   * @param entry the zip entry with its rows: one JSON array per line, values in {@code columns} order
   * @param columns the table's columns
   * @param rows how many rows the entry holds
   * @param sha256 SHA-256 of the entry's bytes, in hex
   */
  public record TableEntry(String name, String entry, List<ColumnEntry> columns, long rows, String sha256) {}

  /**
   * @param name lower case
   * @param kind how values are written ({@link ColumnKind})
   * @param sqlType the source store's own type name, for information
   */
  public record ColumnEntry(String name, String kind, String sqlType) {}

  /**
   * @param id the network's id (its folder is {@code networks/<id>/} in the zip)
   * @param name the network's name, to import it again when it was left out
   * @param included whether its folder is in the file
   * @param files each file of the folder, with its size and SHA-256
   */
  public record NetworkEntry(long id, String name, boolean included, List<FileEntry> files) {}

  /**
   * @param path relative to the network's folder, with {@code /} separators
   * @param bytes the file's size
   * @param sha256 SHA-256 of its bytes, in hex
   */
  public record FileEntry(String path, long bytes, String sha256) {}

  /** Rows in all tables. */
  public long totalRows() {
    return tables.stream().mapToLong(TableEntry::rows).sum();
  }
}
