package org.carecircle.siting;

import org.carecircle.siting.solver.SitingProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.carecircle.job.JobContext;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelTimeSearch;

/**
 * Builds a {@link SitingProblem} whose costs are network response times: for every candidate
 * station, one travel-time search from the station over the mode's roads, read at every demand
 * point. Cost unit: minutes; a station's cost includes its turnout time (the minutes between the
 * call and the wheels rolling), so that "covered within 12 minutes" means the response time.
 * Pure: no HTTP, no SQL.
 *
 * <p>Direction: station to demand (the vehicle drives out), so one-way streets count the way an
 * ambulance meets them. A demand point is reached through the ends of its road edge plus the
 * off-road walk from the road to it ({@link SearchResult#secondsTo}).
 *
 * <p>The covering models (a cutoff given) get a sparse problem whose demand points are groups of
 * cells with the same covering set (the same candidates and stations reach them within the
 * standard): exact for those models, since a covering model sees a cell only through that set;
 * a group's cost from a site is the longest time to any of its cells (within the standard), its
 * id the first cell's id, plus "+k" when it holds k more cells. p-median and p-center get the
 * full matrix over the demand points as given.
 *
 * <p>What is left out, and reported ({@link NetworkSitingInstance}):
 * <ul>
 *   <li>candidates and fixed stations farther than the snap limit from every road of the mode;</li>
 *   <li>p-median and p-center only: demand points no site reaches at all (farther than the snap
 *       limit from every road, or cut off from the sites): they have no cost. The covering models
 *       keep them as demand no site covers, so that their shares are of all residents;</li>
 *   <li>p-median and p-center only: candidates that cannot reach every remaining demand point
 *       (an island of the network, a one-way trap), since those models need every cost. A fixed
 *       station with that fault is left out too, and named.</li>
 * </ul>
 */
public final class NetworkCostMatrix {
  private static final double SECONDS_PER_MINUTE = 60;

  private NetworkCostMatrix() {}

  /**
   * A station site: a candidate or an open (fixed) station.
   *
   * @param id unique among all sites
   * @param name shown to the planner (a facility's name), may be null
   * @param facilityId the registry id of a fixed facility, or null
   * @param lon WGS84 longitude, degrees
   * @param lat WGS84 latitude, degrees
   * @param fixed already open
   */
  public record Site(String id, String name, Long facilityId, double lon, double lat, boolean fixed) {}

  /**
   * Builds the problem.
   *
   * @param network the mode's graph, edge times and locator
   * @param demand the demand points
   * @param sites candidates and fixed stations
   * @param cutoffMinutes the covering models' cutoff (response time, turnout included), or NaN
   *     for p-median and p-center: then every search covers the whole network
   * @param turnoutMinutes added to every station's times, &ge; 0
   * @param maxSnapMeters how far from a road a site or demand point may lie
   * @param context progress from 0 to 1 and cancel
   */
  public static NetworkSitingInstance build(ModeNetwork network, DemandPoints demand, List<Site> sites,
      double cutoffMinutes, double turnoutMinutes, double maxSnapMeters, JobContext context) {
    return build(network, demand, sites, cutoffMinutes, turnoutMinutes, maxSnapMeters, context, MAX_KEPT_BYTES);
  }

  /**
   * Most bytes the covering models' grouped build keeps: per site, the demand edges its search
   * reached (12 bytes each: the edge and the times at its two ends), then per site its covered
   * groups (8 bytes each). 720 MB leaves room in the default heap of a 24 GB machine (6 GB) for the
   * solver and the rest of the server. A dense city core, where every candidate reaches nearly
   * every cell, goes beyond it (5,000 candidates over a 14 km core ran out of a 3 GB heap before
   * this bound); the build then stops with {@link TooLargeForGrouping} and the caller merges the
   * demand onto squares instead (see {@link NetworkSiting}).
   */
  public static final long MAX_KEPT_BYTES = 720L * 1024 * 1024;

  /** The grouped covering build would hold more than its budget of entries; nothing is kept. */
  public static final class TooLargeForGrouping extends RuntimeException {
    public TooLargeForGrouping(String message) {
      super(message, null, false, false);
    }
  }

  /** As {@link #build}, with the grouped build's budget in bytes given (tests). */
  static NetworkSitingInstance build(ModeNetwork network, DemandPoints demand, List<Site> sites,
      double cutoffMinutes, double turnoutMinutes, double maxSnapMeters, JobContext context, long maxKeptBytes) {
    if (!Double.isNaN(cutoffMinutes)) {
      return buildCovering(network, demand, sites, cutoffMinutes, turnoutMinutes, maxSnapMeters, context,
          System.nanoTime(), maxKeptBytes);
    }
    return fullMatrix(network, demand, sites, cutoffMinutes, turnoutMinutes, maxSnapMeters, context);
  }

  /**
   * The full matrix, one row per site and one column per demand point as given, whatever the
   * model: what {@link #build} gives p-median and p-center, and for the covering models the
   * reference that their grouped sparse problem must answer alike (tests and the scale bench's
   * baseline use it). Memory: 8 bytes per site and demand point.
   *
   * @param cutoffMinutes as for {@link #build}: with a cutoff, times beyond it are +inf and every
   *     demand point is kept
   */
  public static NetworkSitingInstance fullMatrix(ModeNetwork network, DemandPoints demand, List<Site> sites,
      double cutoffMinutes, double turnoutMinutes, double maxSnapMeters, JobContext context) {
    long started = System.nanoTime();
    boolean covering = !Double.isNaN(cutoffMinutes);
    double budgetSeconds = covering ? cutoffMinutes * SECONDS_PER_MINUTE : Double.POSITIVE_INFINITY;
    EdgeTravelTimes times = network.edgeTimes();

    SnappedSites snapped = SnappedSites.of(network, sites, maxSnapMeters);
    List<Site> snappedSites = snapped.onRoad();
    List<SnappedPoint> siteSnaps = snapped.snaps();
    List<Site> offRoadSites = snapped.offRoad();
    int demandCount = demand.size();
    SnappedPoint[] demandSnaps = new SnappedPoint[demandCount];
    IntStream.range(0, demandCount).parallel().forEach(d ->
        demandSnaps[d] = network.locator().snap(demand.lon()[d], demand.lat()[d], maxSnapMeters).orElse(null));
    context.checkCancelled();
    double snapSeconds = (System.nanoTime() - started) / 1e9;

    int m = snappedSites.size();
    double[][] minutes = new double[m][];
    AtomicInteger done = new AtomicInteger();
    double turnoutSeconds = turnoutMinutes * SECONDS_PER_MINUTE;
    IntStream.range(0, m).parallel().forEach(c -> {
      context.checkCancelled();
      SearchSources sources = new SearchSources();
      sources.addPoint(siteSnaps.get(c), times, turnoutSeconds);
      SearchResult result = TravelTimeSearch.search(network.graph(), sources, budgetSeconds);
      double[] row = new double[demandCount];
      for (int d = 0; d < demandCount; d++) {
        SnappedPoint snap = demandSnaps[d];
        double seconds = snap == null ? Double.POSITIVE_INFINITY : result.secondsTo(snap, times);
        row[d] = seconds <= budgetSeconds ? seconds / SECONDS_PER_MINUTE : Double.POSITIVE_INFINITY;
      }
      minutes[c] = row;
      int finished = done.incrementAndGet();
      if (finished % 16 == 0 || finished == m) {
        context.progress((double) finished / m, "travel times from " + finished + " of " + m + " sites");
      }
    });
    context.checkCancelled();

    // demand no site reaches cannot be served by any choice; the covering models keep it (it
    // counts as uncovered, so that shares are of all residents), the others cannot (no cost)
    boolean[] keepDemand = new boolean[demandCount];
    double offRoadPopulation = 0;
    double unreachedPopulation = 0;
    for (int d = 0; d < demandCount; d++) {
      boolean reached = false;
      for (int c = 0; c < m && !reached; c++) {
        reached = minutes[c][d] < Double.POSITIVE_INFINITY;
      }
      keepDemand[d] = covering || reached;
      if (demandSnaps[d] == null) {
        offRoadPopulation += demand.population()[d];
      } else if (!reached) {
        unreachedPopulation += demand.population()[d];
      }
    }
    boolean[] keepSite = new boolean[m];
    List<Site> partialSites = new ArrayList<>();
    for (int c = 0; c < m; c++) {
      keepSite[c] = true;
      if (!covering) {
        for (int d = 0; d < demandCount && keepSite[c]; d++) {
          keepSite[c] = !keepDemand[d] || minutes[c][d] < Double.POSITIVE_INFINITY;
        }
        if (!keepSite[c]) {
          partialSites.add(snappedSites.get(c));
        }
      }
    }
    int[] demandIndex = IntStream.range(0, demandCount).filter(d -> keepDemand[d]).toArray();
    int[] siteIndex = IntStream.range(0, m).filter(c -> keepSite[c]).toArray();
    String[] demandIds = new String[demandIndex.length];
    double[] weights = new double[demandIndex.length];
    for (int k = 0; k < demandIndex.length; k++) {
      demandIds[k] = demand.ids()[demandIndex[k]];
      weights[k] = demand.population()[demandIndex[k]];
    }
    String[] siteIds = new String[siteIndex.length];
    boolean[] fixed = new boolean[siteIndex.length];
    List<Site> kept = new ArrayList<>();
    double[][] costs = new double[siteIndex.length][demandIndex.length];
    for (int k = 0; k < siteIndex.length; k++) {
      Site site = snappedSites.get(siteIndex[k]);
      kept.add(site);
      siteIds[k] = site.id();
      fixed[k] = site.fixed();
      double[] row = minutes[siteIndex[k]];
      for (int j = 0; j < demandIndex.length; j++) {
        costs[k][j] = row[demandIndex[j]];
      }
    }
    SitingProblem.Builder builder = SitingProblem.builder();
    if (demandIds.length > 0 && siteIds.length > 0) {
      builder.demand(demandIds, weights).candidates(siteIds, fixed).costs(costs);
      if (covering) {
        builder.cutoff(cutoffMinutes);
      }
    }
    SitingProblem problem = demandIds.length > 0 && siteIds.length > 0 ? builder.build() : null;
    double[] keptLon = IntStream.of(demandIndex).mapToDouble(d -> demand.lon()[d]).toArray();
    double[] keptLat = IntStream.of(demandIndex).mapToDouble(d -> demand.lat()[d]).toArray();
    return new NetworkSitingInstance(problem, List.copyOf(kept), keptLon, keptLat, demand.totalPopulation(),
        offRoadPopulation, unreachedPopulation, List.copyOf(offRoadSites), List.copyOf(partialSites),
        (System.nanoTime() - started) / 1e9, snapSeconds);
  }

  /** The sites on the mode's roads with their snaps, and those farther than the snap limit from every road. */
  private record SnappedSites(List<Site> onRoad, List<SnappedPoint> snaps, List<Site> offRoad) {
    static SnappedSites of(ModeNetwork network, List<Site> sites, double maxSnapMeters) {
      List<Site> onRoad = new ArrayList<>();
      List<SnappedPoint> snaps = new ArrayList<>();
      List<Site> offRoad = new ArrayList<>();
      for (Site site : sites) {
        SnappedPoint snap = network.locator().snap(site.lon(), site.lat(), maxSnapMeters).orElse(null);
        if (snap == null) {
          offRoad.add(site);
        } else {
          onRoad.add(site);
          snaps.add(snap);
        }
      }
      return new SnappedSites(onRoad, snaps, offRoad);
    }
  }

  /** Hash-accumulator workers at most: each holds two longs per demand point. */
  private static final int MAX_WORKERS = 8;

  /**
   * The covering models' instance: sparse, over demand points grouped by their covering set.
   *
   * <p>IMPLEMENTATION NOTE: at city scale (a million cells, thousands of candidates) the full
   * matrix would hold billions of numbers, and even the pairs within the standard (a candidate
   * reaches a few per cent of the cells) are about a hundred million. For a covering model two
   * cells that the same candidates cover are the same demand, so they are merged into one point
   * with their summed residents, without any loss: the answer is the one over the cells. The
   * covering set of each cell is not stored: the first pass adds, for each candidate that covers
   * it, a random 128-bit key per candidate to the cell's two sums (order does not matter), cells
   * with equal sums form one group, and the second pass, reading the same arrival times again,
   * lists each candidate's groups and checks that it covers every cell of each (so a hash
   * collision, 1 in 2^100 or so, would be caught rather than believed). Only the demand edges
   * next to the nodes a search reached are read, so each search costs its own reach, not the city.
   */
  private static NetworkSitingInstance buildCovering(ModeNetwork network, DemandPoints demand, List<Site> sites,
      double cutoffMinutes, double turnoutMinutes, double maxSnapMeters, JobContext context, long started,
      long maxKeptBytes) {
    double budgetSeconds = cutoffMinutes * SECONDS_PER_MINUTE;
    java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();
    EdgeTravelTimes times = network.edgeTimes();
    RoadNetwork roads = times.network();
    SnappedSites snapped = SnappedSites.of(network, sites, maxSnapMeters);
    List<Site> snappedSites = snapped.onRoad();
    List<SnappedPoint> siteSnaps = snapped.snaps();
    List<Site> offRoadSites = snapped.offRoad();
    int n = demand.size();
    int[] cellEdge = new int[n];
    double[] cellFraction = new double[n];
    double[] cellWalkSeconds = new double[n];
    IntStream.range(0, n).parallel().forEach(d -> {
      SnappedPoint snap = network.locator().snap(demand.lon()[d], demand.lat()[d], maxSnapMeters).orElse(null);
      cellEdge[d] = snap == null ? -1 : snap.edge();
      cellFraction[d] = snap == null ? 0 : snap.fraction();
      cellWalkSeconds[d] = snap == null ? 0 : TravelTimeSearch.offRoadSeconds(snap.distanceMeters());
    });
    context.checkCancelled();
    double snapSeconds = (System.nanoTime() - started) / 1e9;

    // cells by edge, and per node the edges with cells that touch it
    int edges = roads.edgeCount();
    int[] edgeStart = new int[edges + 1];
    for (int d = 0; d < n; d++) {
      if (cellEdge[d] >= 0) {
        edgeStart[cellEdge[d] + 1]++;
      }
    }
    for (int e = 0; e < edges; e++) {
      edgeStart[e + 1] += edgeStart[e];
    }
    // the cells' road positions in edge order, so that each edge's cells are read in one sweep
    int onRoad = edgeStart[edges];
    int[] cellsByEdge = new int[onRoad];
    double[] positionFraction = new double[onRoad];
    double[] positionWalkSeconds = new double[onRoad];
    int[] fill = Arrays.copyOf(edgeStart, edges);
    for (int d = 0; d < n; d++) {
      if (cellEdge[d] >= 0) {
        int j = fill[cellEdge[d]]++;
        cellsByEdge[j] = d;
        positionFraction[j] = cellFraction[d];
        positionWalkSeconds[j] = cellWalkSeconds[d];
      }
    }
    int nodes = roads.nodeCount();
    int[] nodeStart = new int[nodes + 1];
    for (int e = 0; e < edges; e++) {
      if (edgeStart[e + 1] > edgeStart[e]) {
        nodeStart[roads.edgeNodeA[e] + 1]++;
        nodeStart[roads.edgeNodeB[e] + 1]++;
      }
    }
    for (int v = 0; v < nodes; v++) {
      nodeStart[v + 1] += nodeStart[v];
    }
    int[] nodeEdges = new int[nodeStart[nodes]];
    int[] nodeFill = Arrays.copyOf(nodeStart, nodes);
    for (int e = 0; e < edges; e++) {
      if (edgeStart[e + 1] > edgeStart[e]) {
        nodeEdges[nodeFill[roads.edgeNodeA[e]]++] = e;
        nodeEdges[nodeFill[roads.edgeNodeB[e]]++] = e;
      }
    }

    // pass 1: one search per site, keeping the arrival times at the ends of the demand edges it
    // reaches, and the covering-set hash of every cell
    int m = snappedSites.size();
    int[][] reachedEdges = new int[m][];
    float[][] arrivalA = new float[m][];
    float[][] arrivalB = new float[m][];
    long[] keyLow = new long[m];
    long[] keyHigh = new long[m];
    SplittableRandom random = new SplittableRandom(0x5171A6L);
    for (int c = 0; c < m; c++) {
      keyLow[c] = random.nextLong();
      keyHigh[c] = random.nextLong();
    }
    int workers = Math.max(1, Math.min(MAX_WORKERS, Math.min(m, Runtime.getRuntime().availableProcessors())));
    // one more position, never covered, stands for the cells off the roads
    long[][] sumLow = new long[workers][onRoad + 1];
    long[][] sumHigh = new long[workers][onRoad + 1];
    AtomicInteger nextSite = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    double turnoutSeconds = turnoutMinutes * SECONDS_PER_MINUTE;
    IntStream.range(0, workers).parallel().forEach(w -> {
      int[] stamp = new int[edges];
      int[] list = new int[Math.max(16, Math.min(edges, 1024))];
      for (int c = nextSite.getAndIncrement(); c < m; c = nextSite.getAndIncrement()) {
        context.checkCancelled();
        SearchSources sources = new SearchSources();
        sources.addPoint(siteSnaps.get(c), times, turnoutSeconds);
        SearchResult result = TravelTimeSearch.search(network.graph(), sources, budgetSeconds);
        int count = 0;
        for (int i = 0; i < result.reachedCount(); i++) {
          int node = result.reachedNode(i);
          for (int k = nodeStart[node]; k < nodeStart[node + 1]; k++) {
            int edge = nodeEdges[k];
            if (stamp[edge] != c + 1) {
              stamp[edge] = c + 1;
              if (count == list.length) {
                list = Arrays.copyOf(list, Math.min(edges, 2 * list.length));
              }
              list[count++] = edge;
            }
          }
        }
        if (kept.addAndGet(12L * count) > maxKeptBytes) {
          throw new TooLargeForGrouping("the reached demand edges need more than " + maxKeptBytes + " bytes");
        }
        int[] reached = Arrays.copyOf(list, count);
        Arrays.sort(reached);
        float[] a = new float[count];
        float[] b = new float[count];
        for (int k = 0; k < count; k++) {
          a[k] = result.secondsAt(roads.edgeNodeA[reached[k]]);
          b[k] = result.secondsAt(roads.edgeNodeB[reached[k]]);
        }
        reachedEdges[c] = reached;
        arrivalA[c] = a;
        arrivalB[c] = b;
        long[] low = sumLow[w];
        long[] high = sumHigh[w];
        for (int k = 0; k < count; k++) {
          int edge = reached[k];
          float forward = times.forwardSeconds[edge];
          float backward = times.backwardSeconds[edge];
          for (int j = edgeStart[edge]; j < edgeStart[edge + 1]; j++) {
            if (coverSeconds(a[k], b[k], forward, backward, positionFraction[j], positionWalkSeconds[j],
                budgetSeconds, cutoffMinutes) >= 0) {
              low[j] += keyLow[c];
              high[j] += keyHigh[c];
            }
          }
        }
        int finished = done.incrementAndGet();
        if (finished % 16 == 0 || finished == m) {
          context.progress(0.8 * finished / m, "travel times from " + finished + " of " + m + " sites");
        }
      }
    });
    context.checkCancelled();
    for (int w = 1; w < workers; w++) {
      for (int j = 0; j <= onRoad; j++) {
        sumLow[0][j] += sumLow[w][j];
        sumHigh[0][j] += sumHigh[w][j];
      }
      sumLow[w] = null;
      sumHigh[w] = null;
    }

    // cells with equal covering sets (equal sums) become one demand point; the first cell names it
    int[] groupOfPosition = groupBySums(sumLow[0], sumHigh[0]);
    sumLow[0] = null;
    sumHigh[0] = null;
    int[] groupOf = new int[n];
    Arrays.fill(groupOf, groupOfPosition[onRoad]);
    for (int j = 0; j < onRoad; j++) {
      groupOf[cellsByEdge[j]] = groupOfPosition[j];
    }
    // numbered again in the order of their first cells (the off-road stand-in may have none)
    int[] renumber = new int[Arrays.stream(groupOfPosition).max().orElse(-1) + 1];
    Arrays.fill(renumber, -1);
    int groupCount = 0;
    for (int d = 0; d < n; d++) {
      int g = groupOf[d];
      if (renumber[g] < 0) {
        renumber[g] = groupCount++;
      }
      groupOf[d] = renumber[g];
    }
    for (int j = 0; j < onRoad; j++) {
      groupOfPosition[j] = renumber[groupOfPosition[j]];
    }
    int groups = groupCount;
    int[] groupSize = new int[groups];
    int[] firstCell = new int[groups];
    Arrays.fill(firstCell, -1);
    double[] weights = new double[groups];
    double[] lonSum = new double[groups];
    double[] latSum = new double[groups];
    double offRoadPopulation = 0;
    boolean[] groupReached = new boolean[groups];
    for (int d = 0; d < n; d++) {
      int g = groupOf[d];
      groupSize[g]++;
      if (firstCell[g] < 0) {
        firstCell[g] = d;
      }
      double people = demand.population()[d];
      weights[g] += people;
      lonSum[g] += people * demand.lon()[d];
      latSum[g] += people * demand.lat()[d];
      if (cellEdge[d] < 0) {
        offRoadPopulation += people;
      }
    }

    // pass 2: each site's groups, from the kept arrival times; every cell of a listed group must
    // be covered, or two covering sets shared a hash
    int[][] sparseGroups = new int[m][];
    float[][] sparseMinutes = new float[m][];
    nextSite.set(0);
    IntStream.range(0, workers).parallel().forEach(w -> {
      int[] coveredCells = new int[groups];
      double[] worstSeconds = new double[groups];
      int[] touched = new int[groups];
      for (int c = nextSite.getAndIncrement(); c < m; c = nextSite.getAndIncrement()) {
        context.checkCancelled();
        int count = 0;
        int[] reached = reachedEdges[c];
        for (int k = 0; k < reached.length; k++) {
          int edge = reached[k];
          float forward = times.forwardSeconds[edge];
          float backward = times.backwardSeconds[edge];
          for (int j = edgeStart[edge]; j < edgeStart[edge + 1]; j++) {
            double seconds = coverSeconds(arrivalA[c][k], arrivalB[c][k], forward, backward, positionFraction[j],
                positionWalkSeconds[j], budgetSeconds, cutoffMinutes);
            if (seconds >= 0) {
              int g = groupOfPosition[j];
              if (coveredCells[g]++ == 0) {
                touched[count++] = g;
                worstSeconds[g] = seconds;
              } else {
                worstSeconds[g] = Math.max(worstSeconds[g], seconds);
              }
            }
          }
        }
        Arrays.sort(touched, 0, count);
        int[] list = Arrays.copyOf(touched, count);
        float[] minutes = new float[count];
        for (int k = 0; k < count; k++) {
          int g = list[k];
          if (coveredCells[g] != groupSize[g]) {
            throw new IllegalStateException("two covering sets share a hash: site " + c + ", group " + g);
          }
          // within the standard in double, so within it as a float too (rounding may not lift it over)
          float rounded = (float) (worstSeconds[g] / SECONDS_PER_MINUTE);
          minutes[k] = rounded <= cutoffMinutes ? rounded : Math.nextDown(rounded);
          coveredCells[g] = 0;
          groupReached[g] = true; // a race writes only true
        }
        if (kept.addAndGet(8L * count) > maxKeptBytes) {
          throw new TooLargeForGrouping("the covered groups need more than " + maxKeptBytes + " bytes");
        }
        sparseGroups[c] = list;
        sparseMinutes[c] = minutes;
        reachedEdges[c] = null;
        arrivalA[c] = null;
        arrivalB[c] = null;
      }
    });
    context.checkCancelled();
    context.progress(1, "travel times from " + m + " of " + m + " sites");

    double unreachedPopulation = 0;
    String[] ids = new String[groups];
    double[] lon = new double[groups];
    double[] lat = new double[groups];
    for (int g = 0; g < groups; g++) {
      String first = demand.ids()[firstCell[g]];
      ids[g] = groupSize[g] == 1 ? first : first + "+" + (groupSize[g] - 1);
      lon[g] = weights[g] > 0 ? lonSum[g] / weights[g] : demand.lon()[firstCell[g]];
      lat[g] = weights[g] > 0 ? latSum[g] / weights[g] : demand.lat()[firstCell[g]];
    }
    for (int d = 0; d < n; d++) {
      if (cellEdge[d] >= 0 && !groupReached[groupOf[d]]) {
        unreachedPopulation += demand.population()[d];
      }
    }
    SitingProblem problem = null;
    if (groups > 0 && m > 0) {
      String[] siteIds = new String[m];
      boolean[] fixed = new boolean[m];
      for (int c = 0; c < m; c++) {
        siteIds[c] = snappedSites.get(c).id();
        fixed[c] = snappedSites.get(c).fixed();
      }
      problem = SitingProblem.builder().demand(ids, weights).candidates(siteIds, fixed)
          .sparseCosts(sparseGroups, sparseMinutes).cutoff(cutoffMinutes).build();
    }
    return new NetworkSitingInstance(problem, List.copyOf(snappedSites), lon, lat, demand.totalPopulation(),
        offRoadPopulation, unreachedPopulation, List.copyOf(offRoadSites), List.of(),
        (System.nanoTime() - started) / 1e9, snapSeconds);
  }

  /**
   * Seconds from a site to a cell when within the standard (the rule of {@link
   * SearchResult#secondsTo} and the minutes' check of the full matrix), else -1.
   */
  private static double coverSeconds(float arrivalA, float arrivalB, float forwardSeconds, float backwardSeconds,
      double fraction, double walkSeconds, double budgetSeconds, double cutoffMinutes) {
    double seconds = SearchResult.onRoadSeconds(arrivalA, arrivalB, fraction, forwardSeconds, backwardSeconds)
        + walkSeconds;
    return seconds <= budgetSeconds && seconds / SECONDS_PER_MINUTE <= cutoffMinutes ? seconds : -1;
  }

  /**
   * Group numbers for equal (low, high) pairs, numbered in order of first appearance, by open
   * addressing (a million cells would box a million keys in a HashMap).
   */
  static int[] groupBySums(long[] low, long[] high) {
    int n = low.length;
    int capacity = Integer.highestOneBit(Math.max(4, 2 * n)) << 1;
    int mask = capacity - 1;
    int[] slotGroup = new int[capacity];
    Arrays.fill(slotGroup, -1);
    long[] slotLow = new long[capacity];
    long[] slotHigh = new long[capacity];
    int[] groupOf = new int[n];
    int groups = 0;
    for (int d = 0; d < n; d++) {
      long mixed = low[d] * 0x9E3779B97F4A7C15L ^ high[d];
      int slot = (int) (mixed ^ (mixed >>> 32)) & mask;
      while (slotGroup[slot] >= 0 && (slotLow[slot] != low[d] || slotHigh[slot] != high[d])) {
        slot = (slot + 1) & mask;
      }
      if (slotGroup[slot] < 0) {
        slotGroup[slot] = groups++;
        slotLow[slot] = low[d];
        slotHigh[slot] = high[d];
      }
      groupOf[d] = slotGroup[slot];
    }
    return groupOf;
  }
}
