package org.carecircle.siting;

import org.carecircle.siting.solver.SitingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.carecircle.job.JobContext;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeNetwork;
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
    long started = System.nanoTime();
    boolean covering = !Double.isNaN(cutoffMinutes);
    double budgetSeconds = covering ? cutoffMinutes * SECONDS_PER_MINUTE : Double.POSITIVE_INFINITY;
    EdgeTravelTimes times = network.edgeTimes();

    List<Site> snappedSites = new ArrayList<>();
    List<SnappedPoint> siteSnaps = new ArrayList<>();
    List<Site> offRoadSites = new ArrayList<>();
    for (Site site : sites) {
      SnappedPoint snap = network.locator().snap(site.lon(), site.lat(), maxSnapMeters).orElse(null);
      if (snap == null) {
        offRoadSites.add(site);
      } else {
        snappedSites.add(site);
        siteSnaps.add(snap);
      }
    }
    int demandCount = demand.size();
    SnappedPoint[] demandSnaps = new SnappedPoint[demandCount];
    IntStream.range(0, demandCount).parallel().forEach(d ->
        demandSnaps[d] = network.locator().snap(demand.lon()[d], demand.lat()[d], maxSnapMeters).orElse(null));
    context.checkCancelled();

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
        (System.nanoTime() - started) / 1e9);
  }
}
