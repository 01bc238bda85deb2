package org.carecircle.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.carecircle.job.JobContext;

/**
 * Writes a whole store into one backup zip (layout in {@link BackupManifest}). All tables are read
 * in one read-only transaction on one snapshot, so a backup taken while planners edit is the
 * store as it was at one instant: never a facility without its scenario link, never half an import.
 *
 * <p>Road networks: the folder {@code <networkDirectory>/<id>/} of every network the
 * {@code road_network} table lists goes under {@code networks/<id>/}, unless networks are left
 * out. A network's folder is written once when it is imported and never changed, so reading it
 * after the snapshot is consistent with it (a network deleted meanwhile fails the backup).
 */
final class StoreBackupWriter {
  static final String TABLE_PREFIX = "tables/";
  static final String NETWORK_PREFIX = "networks/";
  static final String NETWORK_TABLE = "road_network";
  /** Rows between two progress reports and cancellation checks. */
  private static final int PROGRESS_EVERY_ROWS = 5_000;
  /** Share of the progress bar given to the tables; the network folders take the rest. */
  private static final double TABLES_SHARE = 0.8;

  /**
   * Writes and reads manifests and rows. Fields a later format version adds are ignored when
   * reading; a change that older readers must not ignore raises {@link BackupManifest#FORMAT_VERSION}.
   */
  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final DataSource dataSource;
  private final StoreCatalogue catalogue;
  private final Path networkDirectory;
  private final Clock clock;

  StoreBackupWriter(DataSource dataSource, StoreCatalogue catalogue, Path networkDirectory, Clock clock) {
    this.dataSource = dataSource;
    this.catalogue = catalogue;
    this.networkDirectory = networkDirectory;
    this.clock = clock;
  }

  /**
   * Writes the backup to {@code target} (created or replaced).
   *
   * @param includeNetworks false: networks are only named in the manifest
   * @param kind {@code manual} or {@code scheduled}, recorded in the manifest
   * @return the manifest written
   */
  BackupManifest write(Path target, boolean includeNetworks, String kind, JobContext context)
      throws IOException, SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = connection.getTransactionIsolation();
      boolean readOnly = connection.isReadOnly();
      StoreDialect dialect = StoreDialect.of(connection);
      try {
        connection.setAutoCommit(false);
        dialect.beginSnapshot(connection);
        connection.setReadOnly(true);
        return write(connection, dialect, target, includeNetworks, kind, context);
      } finally {
        connection.rollback();
        connection.setReadOnly(readOnly);
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private BackupManifest write(Connection connection, StoreDialect dialect, Path target, boolean includeNetworks,
      String kind, JobContext context) throws IOException, SQLException {
    // the first statement fixes the snapshot, so the schema version is read inside it too
    String schemaVersion = StoreCatalogue.schemaVersion(connection);
    Instant createdAt = clock.instant();
    List<TableSchema> tables = catalogue.tables(connection, dialect);
    Map<TableSchema, Long> counts = new LinkedHashMap<>();
    long totalRows = 0;
    for (TableSchema table : tables) {
      long rows = StoreCatalogue.rowCount(connection, table);
      counts.put(table, rows);
      totalRows += rows;
    }
    List<BackupManifest.TableEntry> tableEntries = new ArrayList<>();
    List<BackupManifest.NetworkEntry> networkEntries = new ArrayList<>();
    try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
      long rowsDone = 0;
      for (TableSchema table : tables) {
        context.checkCancelled();
        context.progress(TABLES_SHARE * rowsDone / Math.max(1, totalRows), "table " + table.name());
        BackupManifest.TableEntry entry = writeTable(connection, table, zip, rowsDone, totalRows, context);
        if (entry.rows() != counts.get(table)) {
          throw new IllegalStateException("table " + table.name() + " changed during the snapshot");
        }
        rowsDone += entry.rows();
        tableEntries.add(entry);
      }
      List<Map.Entry<Long, String>> networks = networks(connection, tables);
      for (int i = 0; i < networks.size(); i++) {
        context.checkCancelled();
        Map.Entry<Long, String> network = networks.get(i);
        context.progress(TABLES_SHARE + (1 - TABLES_SHARE) * i / networks.size(), "road network " + network.getValue());
        List<BackupManifest.FileEntry> files = includeNetworks ? writeNetwork(network.getKey(), zip) : List.of();
        networkEntries.add(new BackupManifest.NetworkEntry(network.getKey(), network.getValue(), includeNetworks, files));
      }
      BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.FORMAT_VERSION,
          careCircleVersion(), schemaVersion, createdAt, dialect.vendor, kind, tableEntries, networkEntries);
      zip.putNextEntry(new ZipEntry(BackupManifest.MANIFEST_ENTRY));
      JSON.writerWithDefaultPrettyPrinter().writeValue(zip, manifest);
      zip.closeEntry();
      context.progress(1, "backup written");
      return manifest;
    }
  }

  private static BackupManifest.TableEntry writeTable(Connection connection, TableSchema table, ZipOutputStream zip,
      long rowsBefore, long totalRows, JobContext context) throws IOException, SQLException {
    String entryName = TABLE_PREFIX + table.name() + ".jsonl";
    zip.putNextEntry(new ZipEntry(entryName));
    MessageDigest digest = sha256();
    DigestOutputStream out = new DigestOutputStream(zip, digest);
    long rows = 0;
    try (JsonGenerator json = JSON.getFactory().createGenerator(out);
        Statement statement = connection.createStatement()) {
      json.setRootValueSeparator(null);
      statement.setFetchSize(1_000);
      try (ResultSet rs = statement.executeQuery(RowCodec.selectSql(table))) {
        while (rs.next()) {
          RowCodec.writeRow(rs, table.columns(), json);
          json.writeRaw('\n');
          if (++rows % PROGRESS_EVERY_ROWS == 0) {
            context.checkCancelled();
            context.progress(TABLES_SHARE * (rowsBefore + rows) / Math.max(1, totalRows), "table " + table.name());
          }
        }
      }
    }
    out.flush();
    zip.closeEntry();
    List<BackupManifest.ColumnEntry> columns = table.columns().stream()
        .map(c -> new BackupManifest.ColumnEntry(c.name(), c.kind().name(), c.sqlType())).toList();
    return new BackupManifest.TableEntry(table.name(), entryName, columns, rows, HexFormat.of().formatHex(digest.digest()));
  }

  /** Id and name of every network the snapshot lists (none when the table does not exist). */
  private static List<Map.Entry<Long, String>> networks(Connection connection, List<TableSchema> tables)
      throws SQLException {
    TableSchema table = tables.stream().filter(t -> t.name().equals(NETWORK_TABLE)).findFirst().orElse(null);
    List<Map.Entry<Long, String>> networks = new ArrayList<>();
    if (table == null) {
      return networks;
    }
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT " + StoreDialect.quote(table.column("id").sqlName()) + ", "
            + StoreDialect.quote(table.column("name").sqlName()) + " FROM " + StoreDialect.quote(table.sqlName())
            + " ORDER BY 1");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        networks.add(Map.entry(rs.getLong(1), rs.getString(2)));
      }
    }
    return networks;
  }

  private List<BackupManifest.FileEntry> writeNetwork(long id, ZipOutputStream zip) throws IOException {
    Path folder = networkDirectory.resolve(Long.toString(id));
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("the folder of road network " + id + " is missing (" + folder.getFileName()
          + " in the networks folder); import the network again or back up with includeNetworks=false");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<BackupManifest.FileEntry> entries = new ArrayList<>();
    for (Path file : files) {
      String relative = folder.relativize(file).toString().replace('\\', '/');
      zip.putNextEntry(new ZipEntry(NETWORK_PREFIX + id + "/" + relative));
      MessageDigest digest = sha256();
      long bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.transferTo(new DigestOutputStream(zip, digest));
      }
      zip.closeEntry();
      entries.add(new BackupManifest.FileEntry(relative, bytes, HexFormat.of().formatHex(digest.digest())));
    }
    return entries;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The version in the jar's manifest, or {@code development} when run from the sources. */
  static String careCircleVersion() {
    String version = StoreBackupWriter.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
