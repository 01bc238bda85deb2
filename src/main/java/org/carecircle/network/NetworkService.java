package org.carecircle.network;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.carecircle.io.InputFiles;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.io.ServerFolders;
import org.carecircle.io.TextValues;
import org.carecircle.io.ServerImportProperties;
import org.carecircle.io.osm.OsmPbfFile;
import org.carecircle.job.JobContext;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;
import org.carecircle.system.CareCircleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stored road networks: importing OSM files as background jobs, the catalogue, and the networks
 * themselves, loaded from disk on first use and kept in memory.
 *
 * <p>On disk, network {@code id} lives in {@code carecircle.network.directory/<id>/}: GraphHopper's
 * graph in {@code graphhopper/} and CareCircle's {@link RoadNetworkFile} {@value #NETWORK_FILE}. An
 * import builds everything in a staging folder {@code .importing-<uuid>} and moves it into place
 * only together with the database row, so a failed or cancelled import leaves neither folder nor
 * row behind.
 */
@Service
public class NetworkService {
  private static final Logger log = LoggerFactory.getLogger(NetworkService.class);
  public static final String NETWORK_FILE = "road-network.bin";
  public static final String GRAPHHOPPER_FOLDER = "graphhopper";
  public static final String IMPORT_JOB_KIND = "network-import";
  private static final String STAGING_PREFIX = ".importing-";
  private static final String DELETING_PREFIX = ".deleting-";
  private static final String UPLOAD_PREFIX = ".upload-";
  /**
   * Leftover staging folders and uploads older than this are removed at start-up; younger ones
   * may belong to an import another CareCircle on the same folder is running.
   */
  private static final Duration LEFTOVER_AGE = Duration.ofHours(24);
  private static final int MAX_NAME_LENGTH = 300;
  private static final List<String> PROFILES =
      List.of(TravelMode.WALK.code(), TravelMode.DRIVE.code(), TravelMode.AMBULANCE.code());

  private final NetworkRepository repository;
  private final JobService jobs;
  private final TransactionTemplate transaction;
  private final Path directory;
  private final ServerFolders serverFolders;
  private final double ambulanceSpeedFactor;
  private final int minNetworkSize;
  /** Everything held in memory for the networks, with one lifetime per network. */
  private final NetworkDataCache memory;

  @Autowired
  public NetworkService(NetworkRepository repository, JobService jobs, TransactionTemplate transaction,
      CareCircleProperties properties, ServerFolders serverFolders) {
    this(repository, jobs, transaction, properties.network(), serverFolders);
  }

  public NetworkService(NetworkRepository repository, JobService jobs, TransactionTemplate transaction,
      CareCircleProperties.NetworkSettings settings) {
    this(repository, jobs, transaction, settings, new ServerFolders(new ServerImportProperties(List.of())));
  }

  public NetworkService(NetworkRepository repository, JobService jobs, TransactionTemplate transaction,
      CareCircleProperties.NetworkSettings settings, ServerFolders serverFolders) {
    this.repository = repository;
    this.serverFolders = serverFolders;
    this.jobs = jobs;
    this.transaction = transaction;
    this.directory = Path.of(settings.directory()).toAbsolutePath().normalize();
    this.ambulanceSpeedFactor = settings.ambulanceSpeedFactor();
    this.minNetworkSize = settings.minNetworkSize();
    this.memory = new NetworkDataCache(settings.maxLoadedNetworks());
  }

  /** Creates the networks folder and removes what crashed imports and deletions left there. */
  @PostConstruct
  public void removeLeftovers() {
    try {
      Files.createDirectories(directory);
      Instant staleBefore = Instant.now().minus(LEFTOVER_AGE);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".*")) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          boolean stale = Files.getLastModifiedTime(entry).toInstant().isBefore(staleBefore);
          if (name.startsWith(DELETING_PREFIX)
              || (stale && (name.startsWith(STAGING_PREFIX) || name.startsWith(UPLOAD_PREFIX)))) {
            deleteRecursively(entry);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the networks folder " + directory, e);
    }
  }

  /** The folder holding one subfolder per network. */
  public Path directory() {
    return directory;
  }

  /** The folder of network {@code id} (whether or not it exists). */
  public Path folder(long id) {
    return directory.resolve(Long.toString(id));
  }

  /**
   * The catalogue, each network with the memory it holds here now; networks loaded here that
   * another instance has deleted are forgotten.
   */
  public List<NetworkInfo> list() {
    List<NetworkInfo> all = repository.findAll();
    Set<Long> ids = all.stream().map(NetworkInfo::id).collect(Collectors.toSet());
    memory.loadedNetworkIds().stream().filter(id -> !ids.contains(id)).forEach(this::forget);
    return all.stream().map(this::withMemory).toList();
  }

  /**
   * The catalogue entry with the memory the network holds here now.
   *
   * @throws NotFoundException when there is no such network
   */
  public NetworkInfo get(long id) {
    return withMemory(repository.findById(id).orElseThrow(() -> notFound(id)));
  }

  private NetworkInfo withMemory(NetworkInfo info) {
    java.util.OptionalLong bytes = memory.memoryBytes(info.id());
    return info.withMemoryBytes(bytes.isPresent() ? bytes.getAsLong() : null);
  }

  // ---- import ----

  /**
   * A new empty file in the networks folder to receive an upload, so that a large file is not
   * copied across file systems afterwards. Pass it to {@link #importUploadedFile}.
   */
  public Path createUploadFile() throws IOException {
    Files.createDirectories(directory);
    return Files.createTempFile(directory, UPLOAD_PREFIX, ".osm.pbf");
  }

  /**
   * Checks an uploaded OSM PBF file and starts importing it as a job. Takes ownership of {@code
   * upload}: it is deleted when the job ends, or at once when the file is rejected.
   *
   * @param originalFileName the name the planner's file had, may be null
   * @param name the network's name; blank = the file name without extension
   * @throws InputRejectedException when the file is empty, not OSM PBF, or damaged (before any job)
   */
  public JobStatus importUploadedFile(Path upload, String originalFileName, String name) {
    String fileName = originalFileName == null || originalFileName.isBlank() ? "upload.osm.pbf"
        : Path.of(originalFileName.replace('\\', '/')).getFileName().toString();
    try {
      String networkName = networkName(name, fileName);
      requireOsmPbf(upload, "file");
      return submitImport(upload, true, fileName, networkName);
    } catch (RuntimeException e) {
      deleteQuietly(upload);
      throw e;
    }
  }

  /**
   * Checks an OSM PBF file already on the server and starts importing it as a job. The file must
   * lie in one of the server import folders ({@link ServerFolders}); a relative path is read
   * against them. The file is only read.
   *
   * @param path the path as the client sent it; messages quote only this text
   * @throws InputRejectedException when server-side import is off, the path is outside the
   *     folders, there is no such file, or it is empty, not OSM PBF, or damaged (before any job)
   */
  public JobStatus importServerFile(String path, String name) {
    Path file = serverFolders.resolve(path, "path", "an .osm.pbf file");
    String networkName = networkName(name, file.getFileName().toString());
    requireOsmPbf(file, "path");
    return submitImport(file, false, file.toString(), networkName);
  }

  private static String networkName(String requested, String fileName) {
    String name = requested == null || requested.isBlank() ? withoutExtension(fileName) : requested.trim();
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InputRejectedException(InputProblem.ofField("name", "the name has " + name.length()
          + " characters; at most " + MAX_NAME_LENGTH + " are allowed"));
    }
    TextValues.controlCharacterProblem(name).ifPresent(message -> {
      throw new InputRejectedException(InputProblem.ofField("name", message));
    });
    return name;
  }

  private static String withoutExtension(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (String extension : List.of(".osm.pbf", ".pbf", ".osm")) {
      if (lower.endsWith(extension) && lower.length() > extension.length()) {
        return fileName.substring(0, fileName.length() - extension.length());
      }
    }
    return fileName;
  }

  /** The quick checks that need no decoding: the file is not empty and its PBF blocks are whole. */
  private static void requireOsmPbf(Path file, String field) {
    try {
      if (Files.size(file) == 0) {
        throw new InputRejectedException(InputProblem.ofField(field, "the file is empty"));
      }
    } catch (IOException e) {
      throw new InputRejectedException(InputProblem.ofField(field, "the file could not be read: " + InputFiles.reason(e)));
    }
    try {
      OsmPbfFile.open(file);
    } catch (InputRejectedException e) {
      throw new InputRejectedException(e.problems().stream()
          .map(problem -> new InputProblem(problem.row(), field, problem.message())).toList());
    }
  }

  private JobStatus submitImport(Path osmFile, boolean ownsFile, String sourceFile, String name) {
    Path staging = directory.resolve(STAGING_PREFIX + UUID.randomUUID());
    // the job owns its staging folder, and an upload: they go however the job ends, also when its
    // instance dies (recorded with the job at submission, so that even a crash right after the
    // start leaves them listed)
    List<Path> owned = ownsFile ? List.of(osmFile, staging) : List.of(staging);
    return jobs.submitOwning(IMPORT_JOB_KIND, owned, context -> runImport(context, osmFile, staging, sourceFile, name));
  }

  /**
   * The import job. IMPLEMENTATION NOTE: everything is built in a staging folder; after the
   * commit point (from which on a cancel request is ignored) the row is inserted and the folder
   * renamed to the row's id inside one transaction, so a failure at any step leaves no row and
   * removes the folder.
   */
  private NetworkInfo runImport(JobContext context, Path osmFile, Path staging, String sourceFile, String name)
      throws IOException {
    Files.createDirectories(directory);
    Path[] moved = new Path[1];
    boolean stored = false;
    try {
      Files.createDirectories(staging);
      RoadNetwork network = NetworkImporter.importOsm(osmFile, staging.resolve(GRAPHHOPPER_FOLDER), minNetworkSize,
          (fraction, message) -> {
            context.checkCancelled();
            context.progress(fraction, message);
          });
      context.checkCancelled();
      context.progress(0.88, "saving CareCircle's road network file");
      RoadNetworkFile.write(network, staging.resolve(NETWORK_FILE));
      context.progress(0.96, "registering the network");
      context.commit();
      NetworkInfo entry = new NetworkInfo(null, name, sourceFile, BoundingBox.of(network), network.nodeCount(),
          network.edgeCount(), PROFILES, Instant.now().truncatedTo(ChronoUnit.MICROS), null);
      NetworkInfo saved = transaction.execute(status -> {
        NetworkInfo inserted = repository.insert(entry);
        moved[0] = folder(inserted.id());
        moveIntoPlace(staging, moved[0]);
        return inserted;
      });
      stored = true;
      memory.network(saved.id(), () -> network);
      log.info("imported road network {} '{}' from {}: {} nodes, {} edges", saved.id(), name, sourceFile,
          network.nodeCount(), network.edgeCount());
      return saved;
    } finally {
      if (!stored) {
        deleteRecursivelyQuietly(staging);
        // the move succeeded but the transaction did not commit
        deleteRecursivelyQuietly(moved[0]);
      }
    }
  }

  private static void moveIntoPlace(Path staging, Path target) {
    try {
      if (Files.exists(target)) {
        // a folder without a row: left by a crash after the move, before the commit
        deleteRecursively(target);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the imported network into " + target, e);
    }
  }

  // ---- deletion ----

  /**
   * Removes the network's row and folder.
   *
   * @throws NotFoundException when there is no such network
   */
  public void delete(long id) {
    get(id);
    Path folder = folder(id);
    Path doomed = directory.resolve(DELETING_PREFIX + id + "-" + UUID.randomUUID());
    try {
      if (Files.exists(folder)) {
        // renamed first, so that the row never points at a half-deleted folder
        Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the folder of network " + id, e);
    }
    repository.delete(id);
    forget(id);
    deleteRecursivelyQuietly(doomed);
  }

  /** Drops what this instance holds in memory of a network (deleted here or by another instance). */
  private void forget(long id) {
    memory.evict(id);
  }

  // ---- the networks themselves ----

  /**
   * The road network, loaded from its file on first use and then kept in memory. Instances on
   * one database share the networks folder: a network another instance imported is loaded from
   * there, and one another instance deleted is forgotten here (the catalogue is asked every time).
   *
   * @throws NotFoundException when there is no such network
   * @throws NetworkUnavailableException when its file is missing or damaged
   */
  public RoadNetwork network(long id) {
    if (repository.findById(id).isEmpty()) {
      forget(id);
      throw notFound(id);
    }
    return memory.network(id, () -> load(id));
  }

  private RoadNetwork load(long id) {
    Path file = folder(id).resolve(NETWORK_FILE);
    try {
      RoadNetwork network = RoadNetworkFile.read(file);
      log.info("loaded road network {} from {}", id, file);
      return network;
    } catch (IOException e) {
      throw new NetworkUnavailableException("road network " + id + " cannot be loaded (" + e.getMessage()
          + "); delete it and import it again", e);
    }
  }

  /**
   * The arcs {@code mode} may use on network {@code id}. {@link TravelMode#AMBULANCE}: the drive
   * arcs with times divided by {@code carecircle.network.ambulance-speed-factor}, built once.
   */
  public ModeGraph graph(long id, TravelMode mode) {
    return modeNetwork(id, mode).graph();
  }

  /** Graph, per-edge times and snapping index of {@code mode} on network {@code id}, built once. */
  public ModeNetwork modeNetwork(long id, TravelMode mode) {
    // asks the catalogue first, so that a network deleted by another instance is not used
    RoadNetwork network = network(id);
    return memory.mode(id, mode, () -> load(id), () -> {
      if (mode == TravelMode.AMBULANCE) {
        ModeGraph graph = network.ambulanceGraph(ambulanceSpeedFactor);
        // the ambulance drives on the car roads: same edges, so the same snapping index
        NetworkLocator locator = modeNetwork(id, TravelMode.DRIVE).locator();
        return new ModeNetwork(id, mode, network, graph, EdgeTravelTimes.of(network, graph), locator);
      }
      ModeGraph graph = network.modeGraph(mode);
      return new ModeNetwork(id, mode, network, graph, EdgeTravelTimes.of(network, graph),
          NetworkLocator.build(network, graph));
    });
  }

  /**
   * Data an analysis derives from a mode network (the isochrone engine's edge data, population
   * cells snapped onto the roads), built by {@code build} on first use and kept with the network:
   * dropped when the network is deleted or leaves memory.
   *
   * @param key what the value depends on besides the mode network, or a constant
   */
  public <T extends MemoryFootprint> T derived(ModeNetwork owner, NetworkDataCache.DerivedKind<T> kind, Object key,
      java.util.function.Supplier<T> build) {
    return memory.derived(owner, kind, key, build);
  }

  /** The ids of the networks held in memory now (for tests and the memory report). */
  public java.util.Set<Long> loadedNetworkIds() {
    return memory.loadedNetworkIds();
  }

  /** The kinds of derived data held for network {@code id} now, e.g. {@code drive isochrone-edges}. */
  public List<String> derivedData(long id) {
    return memory.derivedData(id);
  }

  /** The configured ambulance speed factor (ambulance seconds = car seconds / factor). */
  public double ambulanceSpeedFactor() {
    return ambulanceSpeedFactor;
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("there is no road network with id " + id);
  }

  // ---- files ----

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void deleteRecursivelyQuietly(Path root) {
    if (root == null) {
      return;
    }
    try {
      deleteRecursively(root);
    } catch (IOException e) {
      log.warn("could not remove {}; remove it by hand: {}", root, e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not remove {}: {}", file, e.getMessage());
    }
  }
}
