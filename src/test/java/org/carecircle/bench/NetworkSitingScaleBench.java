package org.carecircle.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.carecircle.job.JobContext;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.TravelMode;
import org.carecircle.siting.CandidateGridGenerator;
import org.carecircle.siting.DemandPoints;
import org.carecircle.siting.NetworkCostMatrix;
import org.carecircle.siting.NetworkSiting;
import org.carecircle.siting.NetworkSitingInstance;
import org.carecircle.siting.NetworkSitingPlanner;
import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SolverKind;
import org.locationtech.jts.geom.Envelope;

/**
 * Network siting at city scale (issue #9); a benchmark, not a test (scripts/bench.sh runs it).
 *
 * <p>The path of {@link NetworkSiting#run} (demand, travel times, solve) without the report.
 * Heidelberg's drive network; a synthetic population of {@value #CELLS} square cells over the
 * network's extent (the side follows from the extent), seeded, about {@value #TOTAL_PEOPLE}
 * people, a thin rural base plus a few dense centres; candidates on a road grid whose spacing is
 * the smallest (in 5 % steps from 150 m) that gives at most {@link CandidateGridGenerator#MAX_SITES}
 * sites; MCLP, p = 18, 15 minutes' drive, the automatic solver. Prints the time of each phase
 * (demand, snapping, coverage sets, presolve, solve), the proven gap and the peak heap.
 *
 * <p>Baseline, same input, same run: the previous path, cells merged onto squares until 20,000
 * points remain (the planner's default), then further until candidates × points fit
 * {@link NetworkSiting#MAX_COST_PAIRS}, the full matrix, the same solver. Its answer is also
 * scored on the cells (the merged squares' coverage is not the cells' coverage).
 *
 * <p>Arguments: the Heidelberg PBF, the number of cells (default {@value #CELLS}).
 */
public final class NetworkSitingScaleBench {
  static final int CELLS = 1_000_000;
  static final double TOTAL_PEOPLE = 10_000_000;
  static final int CENTRES = 8;
  private static final double MAX_SNAP_METERS = 1000;
  private static final int P = 18;
  private static final double MINUTES = 15;
  private static final double METERS_PER_DEGREE_LAT = 111_320;

  private NetworkSitingScaleBench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Path osm = Path.of(args.length > 0 ? args[0] : "../shared/geodata/heidelberg/heidelberg.osm.pbf");
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : CELLS;
    Path folder = Files.createTempDirectory("carecircle-bench-siting-scale");
    RoadNetwork network = NetworkImporter.importOsm(osm, folder.resolve("graphhopper"), 200, (f, m) -> {});
    ModeGraph graph = network.modeGraph(TravelMode.DRIVE);
    ModeNetwork drive = new ModeNetwork(0, TravelMode.DRIVE, network, graph, EdgeTravelTimes.of(network, graph),
        NetworkLocator.build(network, graph));
    Envelope extent = new Envelope();
    for (int v = 0; v < network.nodeCount(); v++) {
      extent.expandToInclude(network.nodeLon[v], network.nodeLat[v]);
    }
    Population population = Population.generate(network, extent, cells, 20_261_203L);
    double spacing = 150;
    CandidateGridGenerator.Result grid;
    while (true) {
      if (CandidateGridGenerator.latticePointCount(extent, spacing) <= CandidateGridGenerator.MAX_LATTICE_POINTS) {
        grid = CandidateGridGenerator.generate(drive.locator(), extent, spacing, null);
        if (grid.sites().size() <= CandidateGridGenerator.MAX_SITES) {
          break;
        }
      }
      spacing *= 1.05;
    }
    System.out.printf("machine: %d cores, load average %.1f (shared: wall times include waiting for a core)%n",
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage());
    System.out.printf("Heidelberg drive: %,d nodes, %,d edges, extent %.1f x %.1f km; population: %,d cells of"
        + " %.1f m, %,.0f people; candidates: %,d on a %.0f m grid; MCLP p = %d, %.0f minutes' drive%n",
        network.nodeCount(), network.edgeCount(), population.widthMeters / 1000, population.heightMeters / 1000,
        cells, population.sideMeters, population.total(), grid.sites().size(), spacing, P, MINUTES);
    SitingOptions options = SitingOptions.of(SitingModel.MCLP, P, SolverKind.AUTO);
    System.gc();

    // the new path, twice: the first run warms the JIT
    for (int run = 1; run <= 2; run++) {
      try {
        grouped(run, drive, population, grid, options);
      } catch (OutOfMemoryError e) {
        System.out.printf("grouped sparse (run %d): %s (peak heap %d MB)%n", run, e, peakHeapMb());
        break;
      }
    }
    runBaseline(drive, population, grid, options);
  }

  private static void grouped(int run, ModeNetwork drive, Population population, CandidateGridGenerator.Result grid,
      SitingOptions options) {
    {
      resetPeaks();
      long started = System.nanoTime();
      long cpuStarted = processCpuNanos();
      DemandPoints demand = DemandPoints.of(population.ids, population.lon, population.lat, population.people,
          Integer.MAX_VALUE);
      double demandSeconds = (System.nanoTime() - started) / 1e9;
      List<NetworkCostMatrix.Site> sites = sites(grid);
      NetworkSitingInstance instance = NetworkCostMatrix.build(drive, demand, sites, MINUTES, 0, MAX_SNAP_METERS,
          JobContext.NONE);
      SitingResult answer = SitingSolver.solve(instance.problem(), options);
      double total = (System.nanoTime() - started) / 1e9;
      double cpu = (processCpuNanos() - cpuStarted) / 1e9;
      double presolve = answer.presolve().seconds();
      System.out.printf("grouped sparse (run %d): demand %.2f s, snapping %.2f s, coverage sets %.2f s, presolve"
          + " %.2f s, solve %.2f s, total %.2f s (target <= 60 s); %,d cells -> %,d demand groups (%,d pairs)"
          + " -> %,d after presolve, %,d candidates kept; covered %,.0f (%.3f %%), bound %,.0f, proven gap %.3f %%"
          + " (target <= 1 %%), status %s; peak heap %d MB; process CPU %.1f s over the run's %.1f s; off-road"
          + " %,.0f, unreached %,.0f people%n", run, demandSeconds, instance.snapSeconds(),
          instance.seconds() - instance.snapSeconds(), presolve, answer.seconds() - presolve, total,
          demand.size(), instance.problem().demandCount(), instance.problem().finitePairCount(),
          answer.presolve().demandGroups(), answer.presolve().candidatesKept(), answer.objective(),
          100 * answer.objective() / demand.totalPopulation(), answer.bound(), 100 * answer.gap(),
          answer.status().wireName(), peakHeapMb(), cpu, total, instance.offRoadPopulation(),
          instance.unreachedPopulation());
    }

  }

  /** The baseline: squares, the full matrix, the same solver. */
  private static void runBaseline(ModeNetwork drive, Population population, CandidateGridGenerator.Result grid,
      SitingOptions options) {
    System.gc();
    resetPeaks();
    try {
      long started = System.nanoTime();
      long cpuStarted = processCpuNanos();
      DemandPoints squares = DemandPoints.of(population.ids, population.lon, population.lat, population.people,
          NetworkSitingPlanner.DEFAULT_MAX_DEMAND_POINTS);
      List<NetworkCostMatrix.Site> sites = sites(grid);
      squares = squares.atMost((int) Math.max(1, NetworkSiting.MAX_COST_PAIRS / sites.size()));
      double demandSeconds = (System.nanoTime() - started) / 1e9;
      NetworkSitingInstance instance = NetworkCostMatrix.fullMatrix(drive, squares, sites, MINUTES, 0,
          MAX_SNAP_METERS, JobContext.NONE);
      SitingResult result = SitingSolver.solve(instance.problem(), options);
      double total = (System.nanoTime() - started) / 1e9;
      double cpu = (processCpuNanos() - cpuStarted) / 1e9;
      System.out.printf("baseline (squares, full matrix): demand %.2f s (%,d points, squares of %.0f m), snapping"
          + " %.2f s, matrix %.2f s, presolve %.2f s, solve %.2f s, total %.2f s; covered on the squares %,.0f,"
          + " bound %,.0f, gap %.3f %%; peak heap %d MB; process CPU %.1f s%n", demandSeconds, squares.size(),
          squares.mergedCellMeters(), instance.snapSeconds(), instance.seconds() - instance.snapSeconds(),
          result.presolve().seconds(), result.seconds() - result.presolve().seconds(), total,
          result.objective(), result.bound(), 100 * result.gap(), peakHeapMb(), cpu);
      // the baseline's sites scored on the cells: what its answer really covers
      List<NetworkCostMatrix.Site> chosen = new ArrayList<>();
      for (String id : result.selected()) {
        for (NetworkCostMatrix.Site site : sites) {
          if (site.id().equals(id)) {
            chosen.add(site);
          }
        }
      }
      DemandPoints allCells = DemandPoints.of(population.ids, population.lon, population.lat, population.people,
          Integer.MAX_VALUE);
      NetworkSitingInstance onCells = NetworkCostMatrix.build(drive, allCells, chosen, MINUTES, 0, MAX_SNAP_METERS,
          JobContext.NONE);
      double covered = 0;
      for (int d = 0; d < onCells.problem().demandCount(); d++) {
        for (int c = 0; c < onCells.problem().candidateCount(); c++) {
          if (onCells.problem().covers(c, d)) {
            covered += onCells.problem().weight(d);
            break;
          }
        }
      }
      System.out.printf("baseline's sites scored on the cells: %,.0f covered%n", covered);
    } catch (OutOfMemoryError e) {
      System.out.printf("baseline (squares, full matrix): %s%n", e);
    }
  }

  private static List<NetworkCostMatrix.Site> sites(CandidateGridGenerator.Result grid) {
    List<NetworkCostMatrix.Site> sites = new ArrayList<>();
    for (CandidateGridGenerator.Site site : grid.sites()) {
      sites.add(new NetworkCostMatrix.Site(site.id(), null, null, site.lon(), site.lat(), false));
    }
    return sites;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The heap pools' peaks summed since the last reset (an upper bound of the peak heap). */
  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  /** Square cells over an extent, row by row, with residents from a rural base and a few centres. */
  private static final class Population {
    long[] ids;
    double[] lon;
    double[] lat;
    double[] people;
    double sideMeters;
    double widthMeters;
    double heightMeters;

    static Population generate(RoadNetwork network, Envelope extent, int cells, long seed) {
      Population population = new Population();
      double centreLat = (extent.getMinY() + extent.getMaxY()) / 2;
      double metersPerDegreeLon = METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(centreLat));
      population.widthMeters = extent.getWidth() * metersPerDegreeLon;
      population.heightMeters = extent.getHeight() * METERS_PER_DEGREE_LAT;
      double side = Math.sqrt(population.widthMeters * population.heightMeters / cells);
      int columns = (int) Math.round(population.widthMeters / side);
      int rows = (int) Math.ceil((double) cells / columns);
      population.sideMeters = side;
      SplittableRandom random = new SplittableRandom(seed);
      int centres = CENTRES;
      double[] cx = new double[centres];
      double[] cy = new double[centres];
      double[] sigma = new double[centres];
      for (int k = 0; k < centres; k++) {
        int node = random.nextInt(network.nodeCount());
        cx[k] = (network.nodeLon[node] - extent.getMinX()) * metersPerDegreeLon;
        cy[k] = (network.nodeLat[node] - extent.getMinY()) * METERS_PER_DEGREE_LAT;
        sigma[k] = random.nextDouble(1000, 3000);
      }
      population.ids = new long[cells];
      population.lon = new double[cells];
      population.lat = new double[cells];
      population.people = new double[cells];
      double sum = 0;
      for (int i = 0; i < cells; i++) {
        int row = i / columns;
        int column = i % columns;
        double x = (column + 0.5) * side;
        double y = (row + 0.5) * side * population.heightMeters / (rows * side);
        double density = 0.2;
        for (int k = 0; k < centres; k++) {
          double dx = (x - cx[k]) / sigma[k];
          double dy = (y - cy[k]) / sigma[k];
          density += 40 * Math.exp(-0.5 * (dx * dx + dy * dy));
        }
        population.ids[i] = i + 1;
        population.lon[i] = extent.getMinX() + x / metersPerDegreeLon;
        population.lat[i] = extent.getMinY() + y / METERS_PER_DEGREE_LAT;
        population.people[i] = density * random.nextDouble(0.5, 1.5);
        sum += population.people[i];
      }
      double scale = TOTAL_PEOPLE / sum;
      for (int i = 0; i < cells; i++) {
        population.people[i] = Math.round(population.people[i] * scale * 10) / 10.0;
      }
      return population;
    }

    double total() {
      double total = 0;
      for (double p : people) {
        total += p;
      }
      return total;
    }
  }
}
