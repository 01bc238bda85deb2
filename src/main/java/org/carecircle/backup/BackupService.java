package org.carecircle.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.job.JobContext;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;
import org.carecircle.network.NetworkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The backup folder ({@code carecircle.backup.directory}) and what is done with it: make a backup
 * (now, as a job, or on the schedule), list, find, delete, rotate; and restore a backup file into
 * this store.
 *
 * <p>Files are named {@code carecircle-<kind>-<UTC time to the millisecond>.zip}, so that names sort
 * by time. A backup is written to a hidden {@code .partial} file and renamed when complete: the
 * list never shows a half-written backup, and a crash leaves no file that looks whole.
 */
@Service
public class BackupService {
  private static final Logger log = LoggerFactory.getLogger(BackupService.class);
  public static final String MANUAL = "manual";
  public static final String SCHEDULED = "scheduled";
  private static final String PREFIX = "carecircle-";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  /** What a backup file name may be: no separators, no leading dot, ends in .zip. */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]{0,199}\\.zip");

  private final DataSource dataSource;
  private final BackupProperties settings;
  private final JobService jobs;
  private final Path directory;
  private final Path networkDirectory;
  private final StoreCatalogue catalogue;
  private final Clock clock;

  @Autowired
  public BackupService(DataSource dataSource, BackupProperties settings, JobService jobs, NetworkService networks) {
    this(dataSource, settings, jobs, networks.directory(), Clock.systemUTC());
  }

  /**
   * @param networkDirectory the folder holding one folder per road network
   * @param clock the time source for names and manifests
   */
  public BackupService(DataSource dataSource, BackupProperties settings, JobService jobs, Path networkDirectory,
      Clock clock) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.jobs = jobs;
    this.directory = Path.of(settings.directory()).toAbsolutePath().normalize();
    this.networkDirectory = networkDirectory;
    this.catalogue = new StoreCatalogue(settings.transientTables());
    this.clock = clock;
  }

  /** The backup folder. */
  public Path directory() {
    return directory;
  }

  /**
   * Starts a backup of the whole store as a job; its result is the new backup's {@link BackupSummary}.
   *
   * @param includeNetworks whether the road networks' folders go in; null: {@code
   *     carecircle.backup.include-networks}
   */
  public JobStatus startBackup(Boolean includeNetworks) {
    boolean networks = includeNetworks == null ? settings.includeNetworks() : includeNetworks;
    return jobs.submit("backup", context -> create(MANUAL, networks, context));
  }

  /**
   * Makes a backup in the backup folder now, with the road networks as the settings say.
   *
   * @param kind {@link #MANUAL} or {@link #SCHEDULED}
   */
  public BackupSummary create(String kind, JobContext context) throws IOException, SQLException {
    return create(kind, settings.includeNetworks(), context);
  }

  private BackupSummary create(String kind, boolean includeNetworks, JobContext context)
      throws IOException, SQLException {
    Files.createDirectories(directory);
    String name = PREFIX + kind + "-" + STAMP.format(clock.instant()) + ".zip";
    Path partial = directory.resolve("." + name + ".partial");
    try {
      BackupManifest manifest = writer().write(partial, includeNetworks, kind, context);
      context.commit();
      Path target = directory.resolve(name);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      log.info("backup {} written: {} tables, {} rows", name, manifest.tables().size(), manifest.totalRows());
      return BackupSummary.of(name, Files.size(target), manifest);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Writes a backup to any file (the command line's {@code carecircle.backup.file}). */
  public BackupManifest writeTo(Path file, JobContext context) throws IOException, SQLException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    return writer().write(absolute, settings.includeNetworks(), MANUAL, context);
  }

  private StoreBackupWriter writer() {
    return new StoreBackupWriter(dataSource, catalogue, networkDirectory, clock);
  }

  /** The backups in the folder, newest first; files that are not readable backups are listed with their problem. */
  public List<BackupSummary> list() {
    List<BackupSummary> summaries = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return summaries;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.zip")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && SAFE_NAME.matcher(name).matches()) {
          summaries.add(summarise(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the backup folder", e);
    }
    summaries.sort(Comparator.comparing(BackupSummary::createdAt).reversed().thenComparing(BackupSummary::name));
    return summaries;
  }

  private static BackupSummary summarise(Path file) throws IOException {
    String name = file.getFileName().toString();
    long size = Files.size(file);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return BackupSummary.of(name, size, StoreRestorer.readManifest(zip));
    } catch (InputRejectedException e) {
      return BackupSummary.unreadable(name, size, Files.getLastModifiedTime(file).toInstant(),
          e.problems().get(0).message());
    } catch (IOException e) {
      return BackupSummary.unreadable(name, size, Files.getLastModifiedTime(file).toInstant(),
          "the file is not a zip archive, so not a CareCircle backup");
    }
  }

  /**
   * The file of one backup.
   *
   * @throws InputRejectedException when the name is not a plain backup file name (no folders)
   * @throws NotFoundException when there is no such backup
   */
  public Path file(String name) {
    if (name == null || !SAFE_NAME.matcher(name).matches()) {
      throw new InputRejectedException(InputProblem.ofField("name", "'" + name + "' is not a backup file name:"
          + " letters, digits, '.', '_' and '-' ending in .zip, without folders"));
    }
    Path file = directory.resolve(name).normalize();
    if (!file.getParent().equals(directory) || !Files.isRegularFile(file)) {
      throw new NotFoundException("there is no backup named " + name);
    }
    return file;
  }

  /** Deletes one backup. @throws NotFoundException when there is no such backup */
  public void delete(String name) throws IOException {
    Files.delete(file(name));
  }

  /**
   * Keeps the newest {@code carecircle.backup.keep} scheduled backups and deletes older ones;
   * backups made by hand are left alone.
   *
   * @return the names deleted
   */
  public List<String> rotateScheduled() throws IOException {
    List<String> scheduled = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + SCHEDULED + "-*.zip")) {
      files.forEach(f -> scheduled.add(f.getFileName().toString()));
    }
    // the names end in the UTC time, so name order is time order
    scheduled.sort(Comparator.reverseOrder());
    List<String> deleted = new ArrayList<>();
    for (String name : scheduled.subList(Math.min(settings.keep(), scheduled.size()), scheduled.size())) {
      Files.deleteIfExists(directory.resolve(name));
      deleted.add(name);
    }
    return deleted;
  }

  /**
   * Restores a backup file into this store, which must be empty (see {@link StoreRestorer}).
   *
   * @throws InputRejectedException when the file is not a readable CareCircle backup
   * @throws RestoreRefusedException when the store holds data or has another schema version
   */
  public synchronized RestoreReport restore(Path backup, JobContext context) throws IOException, SQLException {
    RestoreReport report = new StoreRestorer(dataSource, catalogue, networkDirectory).restore(backup, context);
    log.info("restored a backup of {} taken on {}: {} tables, {} rows", report.sourceVendor(),
        report.backupCreatedAt(), report.tables(), report.rows());
    return report;
  }

  /** Whether this store is the embedded H2GIS one (scheduled backups run there by default). */
  boolean isEmbeddedStore() {
    try (var connection = dataSource.getConnection()) {
      return StoreDialect.of(connection) == StoreDialect.H2;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the store", e);
    }
  }
}
