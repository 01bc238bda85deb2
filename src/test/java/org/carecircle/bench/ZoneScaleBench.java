package org.carecircle.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.carecircle.coverage.isochrone.CoverageZone;
import org.carecircle.coverage.isochrone.EdgeStart;
import org.carecircle.coverage.isochrone.IsochroneBuilder;
import org.carecircle.coverage.isochrone.IsochroneOptions;
import org.carecircle.network.BoundingBox;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;

/**
 * Does one coverage zone cost the same whatever the size of the network? A benchmark, not a test
 * (scripts/bench.sh runs it).
 *
 * <p>A zone here is what the product does per facility: one {@link TravelTimeSearch} of 15
 * minutes by car from a snapped facility, then {@link IsochroneBuilder}. Two ways, in the same
 * run: the baseline copies every node's time out of the search ({@link SearchResult#arrivalSeconds()})
 * and builds from that array, which looks at every node and usable edge of the network (what
 * the product did before); the local way builds straight from the search result, looking only
 * at the nodes reached and the edges under the zone's lattice (what the product does now).
 *
 * <p>Sizes: Heidelberg's network alone, then padded with far-away, disconnected copies of itself
 * (in memory, on a square grid spiralling out from the original, so both east-west and
 * north-south), so that the zone is the same and only the network grows, up to about 2 million
 * nodes. The facilities lie in the original, whose nodes sit in the middle of the node
 * numbering. The exponent k of time &prop; nodes^k is fitted by least squares over the sizes.
 *
 * <p>Figures: the median wall time of the 20 zones, and the mean CPU time of the whole process
 * per zone over the 20 (all threads: a build may use two; also GC), which a machine shared with
 * other work inflates much less than wall time.
 */
public final class ZoneScaleBench {
  private static final double CUTOFF_SECONDS = 15 * 60;
  private static final int TIMED_FACILITIES = 20;
  private static final int WARM_UP_ROUNDS = 3;
  /** Rounds on the first network before any figure, so that the first row is not the JIT's. */
  private static final int JIT_WARM_UP_ROUNDS = 10;
  private static final int DISSOLVED_FACILITIES = 500;
  /** Copies are shifted by this many times the original's extent: a gap of half an extent. */
  private static final double SPACING = 1.5;
  /** The machine's CPU time of this process, to see through a loaded machine's wall clock. */
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private ZoneScaleBench() {}

  /**
   * Arguments: the OSM file, the central box minLon minLat maxLon maxLat to draw facilities in,
   * and optionally the list of copy counts (default 0,2,13,26,53: Heidelberg's 37,003 nodes, then
   * about 0.1, 0.5, 1 and 2 million).
   */
  public static void main(String[] args) throws Exception {
    Path osm = Path.of(args[0]);
    double[] box = {Double.parseDouble(args[1]), Double.parseDouble(args[2]), Double.parseDouble(args[3]),
        Double.parseDouble(args[4])};
    int[] copyCounts = args.length > 5
        ? Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {0, 2, 13, 26, 53};
    Path folder = Files.createTempDirectory("carecircle-zone-scale-bench");
    long t = System.nanoTime();
    RoadNetwork original = NetworkImporter.importOsm(osm, folder.resolve("graphhopper"), 200, (f, m) -> {});
    System.out.printf("import %s: %.1f s (%,d nodes, %,d edges)%n", osm.getFileName(),
        (System.nanoTime() - t) / 1e9, original.nodeCount(), original.edgeCount());

    ModeGraph originalDrive = original.modeGraph(TravelMode.DRIVE);
    NetworkLocator locator = NetworkLocator.build(original, originalDrive);
    Random random = new Random(15);
    List<SnappedPoint> facilities = snaps(locator, box, TIMED_FACILITIES, random);
    BoundingBox whole = BoundingBox.of(original);
    List<SnappedPoint> spread = snaps(locator, whole.asArray(), DISSOLVED_FACILITIES, random);
    IsochroneOptions options = IsochroneOptions.offRoad(TravelTimeSearch.OFF_ROAD_WALK_METERS_PER_SECOND, 300);

    System.out.printf("one 15-minute car zone (search + build), median of %d facilities; baseline = the whole-array"
        + " build of the same search%n", TIMED_FACILITIES);
    System.out.printf("%6s %10s | %22s | %22s | %7s | %17s | %9s%n", "copies", "nodes", "baseline ms (wall, cpu)",
        "local ms (wall, cpu)", "ratio", "dissolved %d ms".formatted(DISSOLVED_FACILITIES), "builder MB");
    List<double[]> rows = new ArrayList<>();
    EdgeTravelTimes originalTimes = EdgeTravelTimes.of(original, originalDrive);
    IsochroneBuilder originalBuilder = new IsochroneBuilder(original, originalDrive);
    for (int round = 0; round < JIT_WARM_UP_ROUNDS; round++) {
      for (SnappedPoint facility : facilities) {
        zone(facility, originalDrive, originalTimes, originalBuilder, options, false);
        zone(facility, originalDrive, originalTimes, originalBuilder, options, true);
      }
      dissolved(spread, originalDrive, originalTimes, originalBuilder, options);
    }
    for (int copies : copyCounts) {
      int home = copies / 2;
      RoadNetwork network = padded(original, copies, home, whole);
      ModeGraph drive = network.modeGraph(TravelMode.DRIVE);
      EdgeTravelTimes times = EdgeTravelTimes.of(network, drive);
      IsochroneBuilder builder = new IsochroneBuilder(network, drive);
      int edgeOffset = home * original.edgeCount();
      List<SnappedPoint> shifted = facilities.stream().map(s -> shift(s, edgeOffset)).toList();
      List<SnappedPoint> shiftedSpread = spread.stream().map(s -> shift(s, edgeOffset)).toList();

      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        for (SnappedPoint facility : shifted) {
          double baselineArea = zone(facility, drive, times, builder, options, false).areaSquareMeters();
          double localArea = zone(facility, drive, times, builder, options, true).areaSquareMeters();
          if (baselineArea != localArea) {
            throw new IllegalStateException("local and baseline zones differ: " + baselineArea + " vs " + localArea);
          }
        }
      }
      double[] baseline = timeZones(shifted, drive, times, builder, options, false);
      double[] local = timeZones(shifted, drive, times, builder, options, true);
      dissolved(shiftedSpread, drive, times, builder, options);
      long cpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      dissolved(shiftedSpread, drive, times, builder, options);
      double dissolvedMillis = (System.nanoTime() - start) / 1e6;
      double dissolvedCpuMillis = (OS.getProcessCpuTime() - cpu) / 1e6;
      rows.add(new double[] {network.nodeCount(), baseline[0], baseline[1], local[0], local[1], dissolvedMillis});
      System.out.printf("%6d %,10d | %10.1f %11.1f | %10.1f %11.1f | %6.1fx | %7.0f %9.0f | %9.1f%n", copies,
          network.nodeCount(), baseline[0], baseline[1], local[0], local[1], baseline[1] / local[1], dissolvedMillis,
          dissolvedCpuMillis, builder.memoryBytes() / 1e6);
    }
    if (rows.size() > 1) {
      System.out.printf("growth exponent k (time ∝ nodes^k), wall / cpu: baseline %.2f / %.2f, local %.2f / %.2f,"
          + " dissolved %.2f (wall); target for one zone: <= 30 ms at every size, k about 0%n", exponent(rows, 1),
          exponent(rows, 2), exponent(rows, 3), exponent(rows, 4), exponent(rows, 5));
    }
  }

  /** The zones of the facilities one after another: {median wall ms, mean process CPU ms}. */
  private static double[] timeZones(List<SnappedPoint> facilities, ModeGraph drive, EdgeTravelTimes times,
      IsochroneBuilder builder, IsochroneOptions options, boolean local) {
    double[] wallMillis = new double[facilities.size()];
    long cpu = OS.getProcessCpuTime();
    for (int i = 0; i < facilities.size(); i++) {
      long start = System.nanoTime();
      zone(facilities.get(i), drive, times, builder, options, local);
      wallMillis[i] = (System.nanoTime() - start) / 1e6;
    }
    return new double[] {median(wallMillis), (OS.getProcessCpuTime() - cpu) / 1e6 / facilities.size()};
  }

  /** One zone of one facility: search, then build the baseline way or the local way. */
  private static CoverageZone zone(SnappedPoint facility, ModeGraph drive, EdgeTravelTimes times,
      IsochroneBuilder builder, IsochroneOptions options, boolean local) {
    SearchSources sources = new SearchSources();
    sources.addPoint(facility, times);
    SearchResult result = TravelTimeSearch.search(drive, sources, CUTOFF_SECONDS);
    List<EdgeStart> starts = List.of(new EdgeStart(facility.edge(), facility.fraction(),
        TravelTimeSearch.offRoadSeconds(facility.distanceMeters())));
    double[] cutoffs = {CUTOFF_SECONDS};
    return local
        ? builder.build(result, starts, cutoffs, options).get(0)
        : builder.build(result.arrivalSeconds(), starts, cutoffs, options).get(0);
  }

  /** The dissolved zone of many facilities: one search from all of them, the local way. */
  private static CoverageZone dissolved(List<SnappedPoint> facilities, ModeGraph drive, EdgeTravelTimes times,
      IsochroneBuilder builder, IsochroneOptions options) {
    SearchSources sources = new SearchSources();
    List<EdgeStart> starts = new ArrayList<>();
    for (SnappedPoint facility : facilities) {
      sources.addPoint(facility, times);
      starts.add(new EdgeStart(facility.edge(), facility.fraction(),
          TravelTimeSearch.offRoadSeconds(facility.distanceMeters())));
    }
    SearchResult result = TravelTimeSearch.search(drive, sources, CUTOFF_SECONDS);
    return builder.build(result, starts, new double[] {CUTOFF_SECONDS}, options).get(0);
  }

  private static List<SnappedPoint> snaps(NetworkLocator locator, double[] box, int count, Random random) {
    List<SnappedPoint> snaps = new ArrayList<>();
    while (snaps.size() < count) {
      double lon = box[0] + random.nextDouble() * (box[2] - box[0]);
      double lat = box[1] + random.nextDouble() * (box[3] - box[1]);
      locator.snap(lon, lat, 300).ifPresent(snaps::add);
    }
    return snaps;
  }

  private static SnappedPoint shift(SnappedPoint snap, int edgeOffset) {
    return new SnappedPoint(snap.edge() + edgeOffset, snap.fraction(), snap.distanceMeters(), snap.lon(), snap.lat());
  }

  /**
   * The original and {@code copies} shifted copies of it, none joined to another; part {@code
   * home} of the node and edge numbering is the original in place, the others are the copies in
   * the order of {@link #spiral}.
   */
  static RoadNetwork padded(RoadNetwork original, int copies, int home, BoundingBox extent) {
    if (copies == 0) {
      return original;
    }
    int parts = copies + 1;
    double[] shiftLon = new double[parts];
    double[] shiftLat = new double[parts];
    int[][] places = spiral(copies);
    for (int part = 0, copy = 0; part < parts; part++) {
      if (part == home) {
        continue;
      }
      shiftLon[part] = places[copy][0] * SPACING * (extent.maxLon() - extent.minLon());
      shiftLat[part] = places[copy][1] * SPACING * (extent.maxLat() - extent.minLat());
      copy++;
    }
    int nodes = original.nodeCount();
    int edges = original.edgeCount();
    int points = original.pointLon.length;
    double[] nodeLon = new double[parts * nodes];
    double[] nodeLat = new double[parts * nodes];
    int[] edgeNodeA = new int[parts * edges];
    int[] edgeNodeB = new int[parts * edges];
    float[] lengths = new float[parts * edges];
    int[] geometryStart = new int[parts * edges + 1];
    double[] pointLon = new double[parts * points];
    double[] pointLat = new double[parts * points];
    for (int part = 0; part < parts; part++) {
      for (int n = 0; n < nodes; n++) {
        nodeLon[part * nodes + n] = original.nodeLon[n] + shiftLon[part];
        nodeLat[part * nodes + n] = original.nodeLat[n] + shiftLat[part];
      }
      for (int e = 0; e < edges; e++) {
        edgeNodeA[part * edges + e] = original.edgeNodeA[e] + part * nodes;
        edgeNodeB[part * edges + e] = original.edgeNodeB[e] + part * nodes;
        lengths[part * edges + e] = original.edgeLengthMeters[e];
        geometryStart[part * edges + e] = original.geometryStart[e] + part * points;
      }
      for (int p = 0; p < points; p++) {
        pointLon[part * points + p] = original.pointLon[p] + shiftLon[part];
        pointLat[part * points + p] = original.pointLat[p] + shiftLat[part];
      }
    }
    geometryStart[parts * edges] = parts * points;
    return new RoadNetwork(nodeLon, nodeLat, edgeNodeA, edgeNodeB, lengths, geometryStart, pointLon, pointLat,
        repeated(original.modeGraph(TravelMode.WALK), parts, nodes, edges),
        repeated(original.modeGraph(TravelMode.DRIVE), parts, nodes, edges));
  }

  /** The first {@code count} places of a square spiral around (0, 0), without (0, 0) itself. */
  private static int[][] spiral(int count) {
    int[][] places = new int[count][];
    int x = 0;
    int y = 0;
    int dx = 1;
    int dy = 0;
    int leg = 1;
    int n = 0;
    while (n < count) {
      for (int turn = 0; turn < 2 && n < count; turn++) {
        for (int step = 0; step < leg && n < count; step++) {
          x += dx;
          y += dy;
          places[n++] = new int[] {x, y};
        }
        int previousDx = dx;
        dx = -dy;
        dy = previousDx;
      }
      leg++;
    }
    return places;
  }

  private static ModeGraph repeated(ModeGraph graph, int parts, int nodes, int edges) {
    int arcs = graph.arcCount();
    int[] arcStart = new int[parts * nodes + 1];
    int[] arcHead = new int[parts * arcs];
    int[] arcEdge = new int[parts * arcs];
    float[] arcSeconds = new float[parts * arcs];
    boolean[] arcForward = new boolean[parts * arcs];
    for (int part = 0; part < parts; part++) {
      for (int n = 0; n < nodes; n++) {
        arcStart[part * nodes + n] = graph.arcStart[n] + part * arcs;
      }
      for (int a = 0; a < arcs; a++) {
        arcHead[part * arcs + a] = graph.arcHead[a] + part * nodes;
        arcEdge[part * arcs + a] = graph.arcEdge[a] + part * edges;
        arcSeconds[part * arcs + a] = graph.arcSeconds[a];
        arcForward[part * arcs + a] = graph.arcForward[a];
      }
    }
    arcStart[parts * nodes] = parts * arcs;
    return new ModeGraph(arcStart, arcHead, arcEdge, arcSeconds, arcForward);
  }

  /** Least-squares slope of log(column) against log(nodes). */
  private static double exponent(List<double[]> rows, int column) {
    double n = rows.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] row : rows) {
      double x = Math.log(row[0]);
      double y = Math.log(row[column]);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
