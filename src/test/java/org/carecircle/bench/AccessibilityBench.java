package org.carecircle.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.carecircle.accessibility.AccessibilityCalculator;
import org.carecircle.network.CellSnaps;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchSources;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;

/**
 * Accessibility speed; a benchmark, not a test (scripts/bench.sh runs it).
 *
 * <p>Porto Alegre: the 141 public health facilities (in 117 hexagons) as sources, all 1,227
 * hexagons as cells; the multi-source accessibility (search + cell pass, snaps cached as in the
 * service) against ONE single-source search over the whole network (no budget) in the same run: the
 * ratio should be at most 2. The ratio to one single-source search with the same budget is printed
 * too; it is large by nature on foot, where one facility's 30 minutes reach a small part of the
 * city and 141 facilities' reach all of it. Heidelberg: a 50 m grid of synthetic cells over the file's bbox (about 0.9 million),
 * 40 facilities at random junctions: the whole surface (cold: with snapping every cell; warm: snaps
 * cached), target 2 s.
 *
 * <p>Arguments: the geodata folder (default ../shared/geodata).
 */
public final class AccessibilityBench {
  private static final int WARM_UP = 20;
  /** Porto Alegre runs take milliseconds: many of them, so that the median is stable on a busy machine. */
  private static final int RUNS = 101;
  private static final double MAX_SNAP_METERS = 1000;

  private AccessibilityBench() {}

  public static void main(String[] args) throws Exception {
    Path geodata = Path.of(args.length > 0 ? args[0] : "../shared/geodata");
    portoAlegre(geodata);
    if (args.length < 2 || !args[1].equals("porto-alegre")) {
      heidelberg(geodata);
    }
  }

  private static ModeNetwork mode(RoadNetwork network, TravelMode mode) {
    ModeGraph graph = network.modeGraph(mode);
    return new ModeNetwork(0, mode, network, graph, EdgeTravelTimes.of(network, graph),
        NetworkLocator.build(network, graph));
  }

  private static void portoAlegre(Path geodata) throws Exception {
    Path folder = Files.createTempDirectory("carecircle-bench-poa");
    RoadNetwork network = NetworkImporter.importOsm(geodata.resolve("porto-alegre/poa_osm.pbf"),
        folder.resolve("graphhopper"), 200, (f, m) -> {});
    List<String> lines = Files.readAllLines(geodata.resolve("porto-alegre/poa_hexgrid.csv"), StandardCharsets.UTF_8);
    int n = lines.size() - 1;
    double[] lon = new double[n];
    double[] lat = new double[n];
    double[] population = new double[n];
    List<AccessibilityCalculator.Source> sources = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",", -1);
      lon[i] = Double.parseDouble(f[1]);
      lat[i] = Double.parseDouble(f[2]);
      population[i] = Double.parseDouble(f[3]);
      int facilities = f[6].isBlank() ? 0 : (int) Double.parseDouble(f[6]);
      for (int k = 0; k < facilities; k++) {
        sources.add(new AccessibilityCalculator.Source(null, null, lon[i], lat[i]));
      }
    }
    System.out.printf(Locale.ROOT, "Porto Alegre: %,d nodes, %,d cells, %d facilities%n", network.nodeCount(), n,
        sources.size());
    for (TravelMode travelMode : List.of(TravelMode.WALK, TravelMode.DRIVE)) {
      ModeNetwork mode = mode(network, travelMode);
      double[] thresholds = travelMode == TravelMode.WALK ? new double[] {15, 30} : new double[] {10, 20};
      double budget = thresholds[thresholds.length - 1] * 60;
      CellSnaps snaps = CellSnaps.of(mode.locator(), lon, lat, MAX_SNAP_METERS);
      SearchSources single = new SearchSources();
      single.addPoint(mode.locator().snap(sources.get(0).lon(), sources.get(0).lat(), MAX_SNAP_METERS).orElseThrow(),
          mode.edgeTimes());
      SearchSources all = new SearchSources();
      for (AccessibilityCalculator.Source source : sources) {
        mode.locator().snap(source.lon(), source.lat(), MAX_SNAP_METERS).ifPresent(p -> all.addPoint(p, mode.edgeTimes()));
      }
      TravelTimeSearch search = new TravelTimeSearch();
      double[] multi = new double[RUNS];
      double[] sameBudget = new double[RUNS];
      double[] searchOnly = new double[RUNS];
      double[] wholeNetwork = new double[RUNS];
      AccessibilityCalculator.Result result = null;
      int reachedSameBudget = 0;
      int reachedMulti = 0;
      int reachedWhole = 0;
      for (int r = -WARM_UP; r < RUNS; r++) {
        long t0 = System.nanoTime();
        result = AccessibilityCalculator.compute(mode, snaps, population, sources, thresholds, MAX_SNAP_METERS);
        long t1 = System.nanoTime();
        reachedSameBudget = search.run(mode.graph(), single, budget).reachedCount();
        long t2 = System.nanoTime();
        reachedMulti = search.run(mode.graph(), all, budget).reachedCount();
        long t3 = System.nanoTime();
        reachedWhole = search.run(mode.graph(), single, Double.POSITIVE_INFINITY).reachedCount();
        long t4 = System.nanoTime();
        if (r >= 0) {
          multi[r] = (t1 - t0) / 1e6;
          sameBudget[r] = (t2 - t1) / 1e6;
          searchOnly[r] = (t3 - t2) / 1e6;
          wholeNetwork[r] = (t4 - t3) / 1e6;
        }
      }
      long s0 = System.nanoTime();
      CellSnaps.of(mode.locator(), lon, lat, MAX_SNAP_METERS);
      double snapMs = (System.nanoTime() - s0) / 1e6;
      double m = median(multi);
      System.out.printf(Locale.ROOT, "  %-5s budget %.0f min: accessibility to %d facilities %.2f ms (median of %d;"
          + " multi-source search %.2f ms reaching %,d nodes, + facility snapping + %,d cells); covered %.0f / %.0f"
          + " at %.0f min; snapping the cells once %.2f ms%n", travelMode.code(), budget / 60, sources.size(), m, RUNS,
          median(searchOnly), reachedMulti, n, result.coveredPopulation()[0], result.totalPopulation(),
          thresholds[0], snapMs);
      System.out.printf(Locale.ROOT, "        ratio to ONE single-source search over the WHOLE network (no budget,"
          + " %.2f ms, %,d nodes): %.2f (target <= 2); fastest runs: %.2f ms / %.2f ms = %.2f%n",
          median(wholeNetwork), reachedWhole, m / median(wholeNetwork), min(multi), min(wholeNetwork),
          min(multi) / min(wholeNetwork));
      System.out.printf(Locale.ROOT, "        ratio to ONE single-source search with the SAME budget (%.0f min, %.2f ms,"
          + " %,d nodes, %.0f %% of what the multi-source search reaches): %.2f%n", budget / 60,
          median(sameBudget), reachedSameBudget, 100.0 * reachedSameBudget / reachedMulti, m / median(sameBudget));
    }
  }

  private static void heidelberg(Path geodata) throws Exception {
    Path folder = Files.createTempDirectory("carecircle-bench-hd");
    long i0 = System.nanoTime();
    RoadNetwork network = NetworkImporter.importOsm(geodata.resolve("heidelberg/heidelberg.osm.pbf"),
        folder.resolve("graphhopper"), 200, (f, m) -> {});
    System.out.printf(Locale.ROOT, "Heidelberg: %,d nodes, import %.1f s%n", network.nodeCount(),
        (System.nanoTime() - i0) / 1e9);
    double minLon = 7.708;
    double minLat = 49.307;
    double maxLon = 9.105;
    double maxLat = 49.517;
    double stepLat = 50 / 111_320.0;
    double stepLon = 50 / (111_320.0 * Math.cos(Math.toRadians((minLat + maxLat) / 2)));
    int columns = (int) Math.floor((maxLon - minLon) / stepLon) + 1;
    int rows = (int) Math.floor((maxLat - minLat) / stepLat) + 1;
    int n = columns * rows;
    double[] lon = new double[n];
    double[] lat = new double[n];
    double[] population = new double[n];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int i = r * columns + c;
        lon[i] = minLon + c * stepLon;
        lat[i] = minLat + r * stepLat;
        population[i] = 1;
      }
    }
    Random random = new Random(42);
    List<AccessibilityCalculator.Source> sources = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      int node = random.nextInt(network.nodeCount());
      sources.add(new AccessibilityCalculator.Source(null, null, network.nodeLon[node], network.nodeLat[node]));
    }
    System.out.printf(Locale.ROOT, "  %,d cells (50 m grid, %d x %d), %d facilities%n", n, columns, rows,
        sources.size());
    for (TravelMode travelMode : List.of(TravelMode.WALK, TravelMode.DRIVE)) {
      ModeNetwork mode = mode(network, travelMode);
      double[] thresholds = travelMode == TravelMode.WALK ? new double[] {15, 30} : new double[] {15, 30};
      long s0 = System.nanoTime();
      CellSnaps snaps = CellSnaps.of(mode.locator(), lon, lat, MAX_SNAP_METERS);
      double snapSeconds = (System.nanoTime() - s0) / 1e9;
      double[] warm = new double[5];
      AccessibilityCalculator.Result result = null;
      for (int r = -2; r < warm.length; r++) {
        long t0 = System.nanoTime();
        result = AccessibilityCalculator.compute(mode, snaps, population, sources, thresholds, MAX_SNAP_METERS);
        if (r >= 0) {
          warm[r] = (System.nanoTime() - t0) / 1e9;
        }
      }
      long unreachable = Arrays.stream(snaps.edge()).filter(e -> e < 0).count();
      System.out.printf(Locale.ROOT, "  %-5s whole surface: cold %.2f s (snapping %.2f s + search and cells %.3f s),"
          + " warm (snaps cached) %.3f s (target <= 2 s); %,d cells off the roads; covered %,.0f at %.0f min%n",
          travelMode.code(), snapSeconds + median(warm), snapSeconds, median(warm), median(warm), unreachable,
          result.coveredPopulation()[0], thresholds[0]);
    }
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
