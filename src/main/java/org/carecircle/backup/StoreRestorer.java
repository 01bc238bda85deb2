package org.carecircle.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.job.JobContext;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a backup into an empty store, H2GIS or PostGIS, whichever store wrote it.
 *
 * <p>Preconditions, each checked before anything is written: the file is a CareCircle backup
 * whose checksums hold (else {@link InputRejectedException}, 422); the store was migrated to the
 * backup's schema version and holds no row in any application table except the accounts (see
 * {@link #REPLACED_TABLES}: they are replaced by the backup's), and no folder of a network being
 * restored exists yet (else {@link RestoreRefusedException}, 409).
 *
 * <p>All rows go in within one transaction: a restore that fails half-way leaves the store as
 * empty as it found it. Identity columns are then moved past the highest restored value, so the
 * next facility (district, zone set...) gets a fresh id. On H2 that move is an ALTER TABLE, which
 * H2 runs in a transaction of its own and which therefore commits the rows first: by then every
 * row and checksum has been checked, so what can still fail there is the database itself. Network folders are unpacked into a
 * staging folder first and moved into {@code <networkDirectory>/<id>/} after the commit.
 */
final class StoreRestorer {
  /** Rows per JDBC batch: large enough to save round trips, small enough to bound memory. */
  private static final int BATCH_ROWS = 1_000;
  /**
   * Staging folders are named like the network service's own import staging folders, so that its
   * start-up sweep removes what a crashed restore left behind.
   */
  private static final String STAGING_PREFIX = ".importing-restore-";
  /**
   * The accounts: every store has one from its first start (the first admin), so they do not make a
   * store count as holding data. A restore replaces them with the backup's users and tokens, in the
   * same transaction as the rest, when the backup has at least one user; a backup without users
   * leaves the store's own accounts in place, so that somebody can still sign in. Referrers first.
   */
  static final List<String> REPLACED_TABLES = List.of("api_token", "app_user");

  private final DataSource dataSource;
  private final StoreCatalogue catalogue;
  private final Path networkDirectory;

  StoreRestorer(DataSource dataSource, StoreCatalogue catalogue, Path networkDirectory) {
    this.dataSource = dataSource;
    this.catalogue = catalogue;
    this.networkDirectory = networkDirectory;
  }

  /** Restores {@code backup} (a zip file) into the store. */
  RestoreReport restore(Path backup, JobContext context) throws IOException, SQLException {
    try (ZipFile zip = open(backup)) {
      BackupManifest manifest = readManifest(zip);
      try (Connection connection = dataSource.getConnection()) {
        StoreDialect dialect = StoreDialect.of(connection);
        checkSchemaVersion(manifest, StoreCatalogue.schemaVersion(connection));
        List<TableSchema> storeTables = catalogue.tables(connection, dialect);
        Map<String, TableSchema> byName = new LinkedHashMap<>();
        storeTables.forEach(t -> byName.put(t.name(), t));
        checkTables(manifest, byName);
        checkEmpty(connection, storeTables);
        List<BackupManifest.NetworkEntry> included =
            manifest.networks().stream().filter(BackupManifest.NetworkEntry::included).toList();
        checkNoNetworkFolders(included);
        Path staging = networkDirectory.resolve(STAGING_PREFIX + UUID.randomUUID());
        try {
          unpackNetworks(zip, included, staging);
          insertAll(connection, dialect, zip, manifest, storeTables, context);
          moveNetworksIntoPlace(included, staging);
        } finally {
          deleteRecursively(staging);
        }
        return new RestoreReport(manifest.createdAt(), manifest.sourceVendor(), manifest.schemaVersion(),
            manifest.tables().size(), manifest.totalRows(),
            included.stream().map(BackupManifest.NetworkEntry::name).toList(),
            manifest.networks().stream().filter(n -> !n.included()).map(BackupManifest.NetworkEntry::name).toList());
      }
    }
  }

  private static ZipFile open(Path backup) throws IOException {
    try {
      return new ZipFile(backup.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      throw damaged("the file is not a zip archive, so not a CareCircle backup");
    }
  }

  /** Reads and checks manifest.json (also used to list backups). */
  static BackupManifest readManifest(ZipFile zip) throws IOException {
    ZipEntry entry = zip.getEntry(BackupManifest.MANIFEST_ENTRY);
    if (entry == null) {
      throw damaged("the zip archive has no " + BackupManifest.MANIFEST_ENTRY + ", so it is not a CareCircle backup");
    }
    BackupManifest manifest;
    try (InputStream in = zip.getInputStream(entry)) {
      manifest = StoreBackupWriter.JSON.readValue(in, BackupManifest.class);
    } catch (JsonProcessingException e) {
      throw damaged(BackupManifest.MANIFEST_ENTRY + " is not readable: " + e.getOriginalMessage());
    } catch (ZipException e) {
      throw damaged(BackupManifest.MANIFEST_ENTRY + " is damaged: " + e.getMessage());
    }
    if (!BackupManifest.FORMAT.equals(manifest.format())) {
      throw damaged(BackupManifest.MANIFEST_ENTRY + " does not describe a CareCircle backup (format '"
          + manifest.format() + "', expected '" + BackupManifest.FORMAT + "')");
    }
    if (manifest.formatVersion() > BackupManifest.FORMAT_VERSION || manifest.formatVersion() < 1) {
      throw damaged("the backup has format version " + manifest.formatVersion() + "; this CareCircle reads format"
          + " versions 1 to " + BackupManifest.FORMAT_VERSION + " (was it written by a newer CareCircle?)");
    }
    if (manifest.schemaVersion() == null || manifest.createdAt() == null || manifest.tables() == null
        || manifest.networks() == null) {
      throw damaged(BackupManifest.MANIFEST_ENTRY + " lacks schemaVersion, createdAt, tables or networks");
    }
    for (BackupManifest.TableEntry table : manifest.tables()) {
      if (table == null || table.name() == null || table.entry() == null || table.columns() == null
          || table.sha256() == null || table.columns().stream().anyMatch(c -> c == null || c.name() == null)) {
        throw damaged(BackupManifest.MANIFEST_ENTRY + " describes a table without name, entry, columns or sha256");
      }
    }
    for (BackupManifest.NetworkEntry network : manifest.networks()) {
      if (network == null || (network.included() && (network.files() == null
          || network.files().stream().anyMatch(f -> f == null || f.path() == null || f.sha256() == null)))) {
        throw damaged(BackupManifest.MANIFEST_ENTRY + " describes a road network without its files");
      }
    }
    return manifest;
  }

  private static void checkSchemaVersion(BackupManifest manifest, String storeVersion) {
    MigrationVersion backup;
    try {
      backup = MigrationVersion.fromVersion(manifest.schemaVersion());
    } catch (RuntimeException e) {
      throw damaged("the backup's schema version '" + manifest.schemaVersion() + "' is not a version number");
    }
    int order = backup.compareTo(MigrationVersion.fromVersion(storeVersion));
    if (order > 0) {
      throw new RestoreRefusedException("the backup has schema version " + manifest.schemaVersion()
          + " and this store schema version " + storeVersion + ": the backup comes from a newer CareCircle ("
          + manifest.careCircleVersion() + "). Upgrade this CareCircle first, then restore.");
    }
    if (order < 0) {
      throw new RestoreRefusedException("the backup has schema version " + manifest.schemaVersion()
          + " and this store schema version " + storeVersion + ": the backup comes from an older CareCircle ("
          + manifest.careCircleVersion() + "). Restore it with that release, then upgrade.");
    }
  }

  private void checkTables(BackupManifest manifest, Map<String, TableSchema> storeTables) {
    List<InputProblem> problems = new ArrayList<>();
    for (BackupManifest.TableEntry entry : manifest.tables()) {
      TableSchema table = storeTables.get(entry.name());
      if (table == null && catalogue.isTransient(entry.name())) {
        // sessions or jobs from a store that backed them up: they belong to its instances, not to this store
        continue;
      }
      if (table == null) {
        problems.add(InputProblem.ofField("file", "the backup holds the table " + entry.name()
            + ", which this store does not have"));
        continue;
      }
      List<String> backupColumns = entry.columns().stream().map(BackupManifest.ColumnEntry::name).toList();
      for (TableSchema.Column column : table.columns()) {
        if (!backupColumns.contains(column.name())) {
          problems.add(InputProblem.ofField("file", "the table " + entry.name() + " in the backup lacks the column "
              + column.name()));
        }
      }
      for (String column : backupColumns) {
        if (table.column(column) == null) {
          problems.add(InputProblem.ofField("file", "the table " + entry.name() + " in the backup has the column "
              + column + ", which this store does not have"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
  }

  private static void checkEmpty(Connection connection, List<TableSchema> tables) throws SQLException {
    List<String> filled = new ArrayList<>();
    for (TableSchema table : tables) {
      if (REPLACED_TABLES.contains(table.name())) {
        continue;
      }
      long rows = StoreCatalogue.rowCount(connection, table);
      if (rows > 0) {
        filled.add(table.name() + " (" + rows + (rows == 1 ? " row)" : " rows)"));
      }
    }
    if (!filled.isEmpty()) {
      throw new RestoreRefusedException("a backup is restored only into an empty store, and this one holds data: "
          + String.join(", ", filled) + ". Start CareCircle on a new, empty database (or H2GIS file) and restore"
          + " there; nothing was changed.");
    }
  }

  private void checkNoNetworkFolders(List<BackupManifest.NetworkEntry> networks) {
    for (BackupManifest.NetworkEntry network : networks) {
      if (Files.exists(networkDirectory.resolve(Long.toString(network.id())))) {
        throw new RestoreRefusedException("the networks folder already has a folder for network " + network.id()
            + " (" + network.name() + "); restore into an empty networks folder (carecircle.network.directory)."
            + " Nothing was changed.");
      }
    }
  }

  private static void unpackNetworks(ZipFile zip, List<BackupManifest.NetworkEntry> networks, Path staging)
      throws IOException {
    for (BackupManifest.NetworkEntry network : networks) {
      Path folder = staging.resolve(Long.toString(network.id())).normalize();
      for (BackupManifest.FileEntry file : network.files()) {
        Path target = folder.resolve(file.path()).normalize();
        if (!target.startsWith(folder) || file.path().startsWith("/") || file.path().contains("\\")) {
          throw damaged("network " + network.id() + " names the file '" + file.path()
              + "', which lies outside its folder");
        }
        String entryName = StoreBackupWriter.NETWORK_PREFIX + network.id() + "/" + file.path();
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
          throw damaged("the backup lacks " + entryName + ", a file of road network " + network.name());
        }
        Files.createDirectories(target.getParent());
        MessageDigest digest = StoreBackupWriter.sha256();
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
          Files.copy(in, target);
        } catch (ZipException e) {
          throw damaged(entryName + " is damaged: " + e.getMessage());
        }
        if (!HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(file.sha256())) {
          throw damaged(entryName + " is damaged: its checksum differs from the manifest's");
        }
      }
    }
  }

  private void insertAll(Connection connection, StoreDialect dialect, ZipFile zip, BackupManifest manifest,
      List<TableSchema> storeTables, JobContext context) throws SQLException, IOException {
    Map<String, BackupManifest.TableEntry> entries = new LinkedHashMap<>();
    manifest.tables().forEach(t -> entries.put(t.name(), t));
    long totalRows = Math.max(1, manifest.totalRows());
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      long done = 0;
      BackupManifest.TableEntry users = entries.get(REPLACED_TABLES.get(REPLACED_TABLES.size() - 1));
      if (users != null && users.rows() > 0) {
        for (String replaced : REPLACED_TABLES) {
          try (var statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + replaced);
          }
        }
      } else {
        REPLACED_TABLES.forEach(entries::remove);
      }
      // the store's own dependency order: a referenced table is filled before its referrers
      for (TableSchema table : storeTables) {
        BackupManifest.TableEntry entry = entries.get(table.name());
        if (entry == null) {
          continue;
        }
        context.checkCancelled();
        context.progress((double) done / totalRows, "table " + table.name());
        insertTable(connection, dialect, zip, entry, table);
        done += entry.rows();
      }
      context.commit();
      for (TableSchema table : storeTables) {
        restartIdentities(connection, dialect, table);
      }
      connection.commit();
      context.progress(1, "restored");
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void insertTable(Connection connection, StoreDialect dialect, ZipFile zip,
      BackupManifest.TableEntry entry, TableSchema table) throws SQLException, IOException {
    ZipEntry zipEntry = entry.entry() == null ? null : zip.getEntry(entry.entry());
    if (zipEntry == null) {
      throw damaged("the backup lacks " + entry.entry() + ", the rows of table " + entry.name());
    }
    // the value of store column i is at backupIndex[i] in each backed-up row
    List<String> backupColumns = entry.columns().stream().map(BackupManifest.ColumnEntry::name).toList();
    int[] backupIndex = table.columns().stream().mapToInt(c -> backupColumns.indexOf(c.name())).toArray();
    MessageDigest digest = StoreBackupWriter.sha256();
    long rows = 0;
    try (InputStream raw = zip.getInputStream(zipEntry);
        BufferedReader reader = new BufferedReader(new InputStreamReader(new DigestInputStream(raw, digest),
            StandardCharsets.UTF_8));
        PreparedStatement insert = connection.prepareStatement(RowCodec.insertSql(table, dialect))) {
      String line;
      while ((line = reader.readLine()) != null) {
        rows++;
        List<JsonNode> values = parseRow(entry, line, rows, backupColumns.size());
        List<JsonNode> ordered = new ArrayList<>(backupIndex.length);
        for (int index : backupIndex) {
          ordered.add(values.get(index));
        }
        try {
          RowCodec.bindRow(insert, table.columns(), ordered);
        } catch (IllegalArgumentException e) {
          throw new InputRejectedException(InputProblem.ofRow((int) rows, entry.entry(), e.getMessage()));
        }
        insert.addBatch();
        if (rows % BATCH_ROWS == 0) {
          executeBatch(insert, entry);
        }
      }
      executeBatch(insert, entry);
    } catch (ZipException e) {
      throw damaged(entry.entry() + " is damaged: " + e.getMessage());
    }
    if (!HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(entry.sha256())) {
      throw damaged(entry.entry() + " is damaged: its checksum differs from the manifest's");
    }
    if (rows != entry.rows()) {
      throw damaged(entry.entry() + " holds " + rows + " rows; the manifest says " + entry.rows());
    }
  }

  private static List<JsonNode> parseRow(BackupManifest.TableEntry entry, String line, long row, int columns) {
    JsonNode node;
    try {
      node = StoreBackupWriter.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InputRejectedException(InputProblem.ofRow((int) row, entry.entry(),
          "the line is not a JSON array: " + e.getOriginalMessage()));
    }
    if (node == null || !node.isArray() || node.size() != columns) {
      throw new InputRejectedException(InputProblem.ofRow((int) row, entry.entry(),
          "expected a JSON array of " + columns + " values, one per column"));
    }
    List<JsonNode> values = new ArrayList<>(columns);
    node.forEach(values::add);
    return values;
  }

  private static void executeBatch(PreparedStatement insert, BackupManifest.TableEntry entry) throws SQLException {
    try {
      insert.executeBatch();
    } catch (SQLException e) {
      SQLException cause = e.getNextException() != null ? e.getNextException() : e;
      throw new InputRejectedException(InputProblem.ofField(entry.entry(),
          "the store refused a row of table " + entry.name() + ": " + firstLine(cause.getMessage())));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static void restartIdentities(Connection connection, StoreDialect dialect, TableSchema table)
      throws SQLException {
    for (TableSchema.Column column : table.columns()) {
      if (!column.identity()) {
        continue;
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT MAX(" + StoreDialect.quote(column.sqlName()) + ") FROM "
              + StoreDialect.quote(table.sqlName()))) {
        rs.next();
        long max = rs.getLong(1);
        if (!rs.wasNull()) {
          dialect.restartIdentity(connection, table.sqlName(), column.sqlName(), max + 1);
        }
      }
    }
  }

  private void moveNetworksIntoPlace(List<BackupManifest.NetworkEntry> networks, Path staging) throws IOException {
    for (BackupManifest.NetworkEntry network : networks) {
      Path source = staging.resolve(Long.toString(network.id()));
      Path target = networkDirectory.resolve(Long.toString(network.id()));
      if (!Files.exists(source)) {
        Files.createDirectories(target);
      } else {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputRejectedException damaged(String message) {
    return new InputRejectedException(InputProblem.ofField("file", message));
  }
}
