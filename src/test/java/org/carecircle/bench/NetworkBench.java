package org.carecircle.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.carecircle.network.BoundingBox;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.RoadNetworkFile;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;

/**
 * Import and search figures for one OSM file; a benchmark, not a test. Run it in a fresh JVM per
 * file, so that the memory figures belong to that file alone:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.carecircle.bench.NetworkBench ../shared/geodata/heidelberg/heidelberg.osm.pbf 8.6934 49.4093
 * </pre>
 *
 * Arguments: the OSM file, then the longitude and latitude of the search's start (default: the
 * middle of the network's extent). Prints import time, heap and resident-memory high-water marks,
 * sizes, and the median time of 20 car searches of 15 minutes from the start.
 */
public final class NetworkBench {
  private static final int RUNS = 20;
  /** Enough runs for the JIT to compile the search loop before timing it. */
  private static final int WARM_UP_RUNS = 300;
  private static final double BUDGET_SECONDS = 15 * 60;

  private NetworkBench() {}

  public static void main(String[] args) throws Exception {
    Path osm = Path.of(args[0]);
    Path folder = Files.createTempDirectory("carecircle-bench");
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long started = System.nanoTime();
    RoadNetwork network = NetworkImporter.importOsm(osm, folder.resolve("graphhopper"), 200,
        (fraction, message) -> System.out.printf("  %5.1f s  %s%n", (System.nanoTime() - started) / 1e9, message));
    double importSeconds = (System.nanoTime() - started) / 1e9;
    sampler.stopSampling();
    System.gc();
    long liveAfterImport = usedHeap();

    System.out.printf("%s: %.2f MB%n", osm.getFileName(), Files.size(osm) / 1e6);
    System.out.printf("import: %.1f s; heap high-water while importing (sampled every 5 ms, garbage included):"
        + " %d MB; heap pools' peaks summed: %d MB; resident set high-water (VmHWM): %s%n",
        importSeconds, sampler.maxUsed / (1 << 20), peakHeapPools() / (1 << 20), vmHwm());
    System.out.printf("network: %,d nodes, %,d edges, %,d geometry points; walk arcs %,d, drive arcs %,d;"
        + " live heap after import and GC: %d MB%n", network.nodeCount(), network.edgeCount(),
        network.pointLon.length, network.modeGraph(TravelMode.WALK).arcCount(),
        network.modeGraph(TravelMode.DRIVE).arcCount(), liveAfterImport / (1 << 20));
    System.out.printf("GraphHopper folder: %.1f MB%n", folderBytes(folder.resolve("graphhopper")) / 1e6);
    // a running server imports with classes loaded and code compiled: the second import shows that
    long again = System.nanoTime();
    NetworkImporter.importOsm(osm, folder.resolve("graphhopper-again"), 200, (fraction, message) -> {});
    System.out.printf("second import in the same JVM: %.1f s%n", (System.nanoTime() - again) / 1e9);

    Path file = folder.resolve("road-network.bin");
    long t = System.nanoTime();
    RoadNetworkFile.write(network, file);
    double writeMillis = (System.nanoTime() - t) / 1e6;
    t = System.nanoTime();
    RoadNetwork read = RoadNetworkFile.read(file);
    double readMillis = (System.nanoTime() - t) / 1e6;
    System.out.printf("network file: %.1f MB, written in %.0f ms, read in %.0f ms (%d nodes)%n",
        Files.size(file) / 1e6, writeMillis, readMillis, read.nodeCount());

    ModeGraph drive = network.modeGraph(TravelMode.DRIVE);
    t = System.nanoTime();
    NetworkLocator locator = NetworkLocator.build(network, drive);
    System.out.printf("drive locator: %,d segments, built in %.0f ms%n", locator.segmentCount(),
        (System.nanoTime() - t) / 1e6);
    EdgeTravelTimes times = EdgeTravelTimes.of(network, drive);

    BoundingBox bbox = BoundingBox.of(network);
    double lon = args.length > 2 ? Double.parseDouble(args[1]) : (bbox.minLon() + bbox.maxLon()) / 2;
    double lat = args.length > 2 ? Double.parseDouble(args[2]) : (bbox.minLat() + bbox.maxLat()) / 2;
    SnappedPoint start = locator.snap(lon, lat, 2000).orElseThrow(() -> new IllegalStateException("no road near start"));
    int startNode = times.forwardSeconds[start.edge()] != Float.POSITIVE_INFINITY
        ? network.edgeNodeB[start.edge()] : network.edgeNodeA[start.edge()];
    System.out.printf("start: (%.5f, %.5f) -> node %d at (%.5f, %.5f)%n", lon, lat, startNode,
        network.nodeLon[startNode], network.nodeLat[startNode]);

    SearchSources sources = new SearchSources();
    sources.addNode(startNode, 0);
    TravelTimeSearch search = new TravelTimeSearch();
    for (int warmUp = 0; warmUp < WARM_UP_RUNS; warmUp++) {
      search.run(drive, sources, BUDGET_SECONDS);
    }
    double[] millis = new double[RUNS];
    int reached = 0;
    for (int run = 0; run < RUNS; run++) {
      t = System.nanoTime();
      SearchResult result = search.run(drive, sources, BUDGET_SECONDS);
      millis[run] = (System.nanoTime() - t) / 1e6;
      reached = result.reachedCount();
    }
    Arrays.sort(millis);
    System.out.printf("15-minute car search from node %d: median %.2f ms (min %.2f, max %.2f) over %d runs after"
        + " %d warm-up runs; %,d of %,d nodes reached%n", startNode, (millis[RUNS / 2 - 1] + millis[RUNS / 2]) / 2,
        millis[0], millis[RUNS - 1], RUNS, WARM_UP_RUNS, reached, network.nodeCount());

    double[] snapMicros = new double[1];
    int queries = 100_000;
    java.util.Random random = new java.util.Random(1);
    t = System.nanoTime();
    int found = 0;
    for (int i = 0; i < queries; i++) {
      double qLon = bbox.minLon() + random.nextDouble() * (bbox.maxLon() - bbox.minLon());
      double qLat = bbox.minLat() + random.nextDouble() * (bbox.maxLat() - bbox.minLat());
      if (locator.snap(qLon, qLat, 500).isPresent()) {
        found++;
      }
    }
    snapMicros[0] = (System.nanoTime() - t) / 1e3 / queries;
    System.out.printf("snap within 500 m: %.2f µs per query (%d of %d random points in the extent found a road)%n",
        snapMicros[0], found, queries);
    deleteRecursively(folder);
  }

  private static long usedHeap() {
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  private static long peakHeapPools() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static String vmHwm() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "n/a";
    }
    List<String> lines = Files.readAllLines(status);
    return lines.stream().filter(line -> line.startsWith("VmHWM")).map(line -> line.substring(6).trim())
        .findFirst().orElse("n/a");
  }

  private static long folderBytes(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Samples the used heap every 5 ms: a high-water mark of heap use, garbage not yet collected included. */
  private static final class HeapSampler extends Thread {
    volatile long maxUsed;
    private volatile boolean running = true;

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        maxUsed = Math.max(maxUsed, usedHeap());
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopSampling() {
      running = false;
    }
  }
}
