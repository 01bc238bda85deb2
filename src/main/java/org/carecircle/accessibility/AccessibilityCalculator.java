package org.carecircle.accessibility;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.carecircle.network.CellSnaps;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelTimeSearch;

/**
 * Travel time from every population cell to the nearest of a set of facilities, by ONE
 * multi-source search with every facility as a source, and the population within each threshold.
 * Pure: no HTTP, no SQL.
 *
 * <p>IMPLEMENTATION NOTE: the nearest facility of a node is the one whose search label arrives
 * first, so a single search seeded from all facilities gives, per node, the minimum over facilities
 * of the single-source arrival times; a cell's time through its edge is a minimum of node time plus
 * a constant, so it is the per-cell minimum too. The cost is one search plus one pass over the
 * cells, whatever the number of facilities. Times are computed up to {@code budgetSeconds} (the
 * largest threshold); a cell whose time exceeds it is {@code +inf} (a label beyond the budget may
 * not be final, so it is never reported).
 *
 * <p>As {@link SearchResult#secondsTo} does, a cell is reached through the ends of its edge; a
 * facility on the same edge as the cell is not taken as a shortcut.
 */
public final class AccessibilityCalculator {
  private static final double SECONDS_PER_MINUTE = 60;
  /** Cell passes over at least this many cells run in parallel. */
  private static final int PARALLEL_CELLS = 50_000;

  private AccessibilityCalculator() {}

  /**
   * A facility to measure access to.
   *
   * @param facilityId the registry id, or null for an ad-hoc point
   * @param name shown in reports, may be null
   * @param lon WGS84 longitude, degrees
   * @param lat WGS84 latitude, degrees
   */
  public record Source(Long facilityId, String name, double lon, double lat) {}

  /**
   * @param minutesToNearest per cell, minutes to the nearest facility; {@code +inf} when
   *     unreachable or beyond the budget
   * @param thresholdsMinutes the thresholds, ascending
   * @param coveredPopulation per threshold, residents of cells with time &lt;= the threshold
   * @param totalPopulation residents of all cells
   * @param unreachablePopulation residents of cells farther than the snap limit from any road
   * @param reachableSources how many facilities were snapped onto the roads
   * @param unreachableSources facilities farther than the snap limit from any road of the mode
   * @param budgetSeconds how far the search went
   */
  public record Result(float[] minutesToNearest, double[] thresholdsMinutes, double[] coveredPopulation,
      double totalPopulation, double unreachablePopulation, int reachableSources, List<Source> unreachableSources,
      double budgetSeconds) {}

  /**
   * Computes accessibility.
   *
   * @param network the mode's graph, edge times and locator
   * @param cellSnaps the cells snapped onto {@code network}'s roads (see {@link CellSnaps#of})
   * @param population residents per cell, same order as {@code cellSnaps}
   * @param sources the facilities; may be empty (then every cell is +inf)
   * @param thresholdsMinutes ascending thresholds, each &gt; 0
   * @param maxSnapMeters how far from a road a facility may be, metres
   */
  public static Result compute(ModeNetwork network, CellSnaps cellSnaps, double[] population, List<Source> sources,
      double[] thresholdsMinutes, double maxSnapMeters) {
    double budgetSeconds = thresholdsMinutes[thresholdsMinutes.length - 1] * SECONDS_PER_MINUTE;
    return compute(network, cellSnaps, population, sources, thresholdsMinutes, maxSnapMeters, budgetSeconds);
  }

  /** As above, searching up to {@code budgetSeconds} (at least the largest threshold), e.g. for a surface. */
  public static Result compute(ModeNetwork network, CellSnaps cellSnaps, double[] population, List<Source> sources,
      double[] thresholdsMinutes, double maxSnapMeters, double budgetSeconds) {
    if (population.length != cellSnaps.size()) {
      throw new IllegalArgumentException("population and cell snaps differ in length");
    }
    EdgeTravelTimes times = network.edgeTimes();
    SearchSources seeds = new SearchSources();
    List<Source> unreachable = new ArrayList<>();
    for (Source source : sources) {
      SnappedPoint snap = network.locator().snap(source.lon(), source.lat(), maxSnapMeters).orElse(null);
      if (snap == null) {
        unreachable.add(source);
      } else {
        seeds.addPoint(snap, times);
      }
    }
    int n = cellSnaps.size();
    float[] minutes = new float[n];
    java.util.Arrays.fill(minutes, Float.POSITIVE_INFINITY);
    if (seeds.sourceCount() > 0) {
      // this thread's search: its node arrays are reused, not allocated per call; the arrival
      // times are copied out before any other search can run on this thread
      SearchResult result = TravelTimeSearch.search(network.graph(), seeds, budgetSeconds);
      float[] arrival = result.arrivalSeconds();
      cellMinutes(times, arrival, cellSnaps, budgetSeconds, minutes);
    }
    double[] covered = new double[thresholdsMinutes.length];
    double total = 0;
    double unreachablePopulation = 0;
    for (int i = 0; i < n; i++) {
      double people = population[i];
      total += people;
      if (cellSnaps.edge()[i] < 0) {
        unreachablePopulation += people;
        continue;
      }
      for (int t = 0; t < thresholdsMinutes.length; t++) {
        if (minutes[i] <= thresholdsMinutes[t]) {
          covered[t] += people;
        }
      }
    }
    return new Result(minutes, thresholdsMinutes.clone(), covered, total, unreachablePopulation,
        seeds.sourceCount(), List.copyOf(unreachable), budgetSeconds);
  }

  /**
   * Cell minutes from node arrival seconds: the same arithmetic as {@link SearchResult#secondsTo},
   * on a copied arrival array so that the cells can be processed in parallel.
   */
  static void cellMinutes(EdgeTravelTimes times, float[] arrival, CellSnaps snaps, double budgetSeconds,
      float[] minutes) {
    RoadNetwork road = times.network();
    int[] edges = snaps.edge();
    float[] fractions = snaps.fraction();
    float[] distances = snaps.distanceMeters();
    IntStream cellIndexes = IntStream.range(0, edges.length);
    // below this, handing work to other threads costs more than the pass itself
    if (edges.length >= PARALLEL_CELLS) {
      cellIndexes = cellIndexes.parallel();
    }
    cellIndexes.forEach(i -> {
      int edge = edges[i];
      if (edge < 0) {
        return;
      }
      double seconds = secondsTo(road, times, arrival, edge, fractions[i], distances[i]);
      if (seconds <= budgetSeconds) {
        minutes[i] = (float) (seconds / SECONDS_PER_MINUTE);
      }
    });
  }

  /** Seconds to a point on {@code edge}; kept identical to {@link SearchResult#secondsTo}. */
  static double secondsTo(RoadNetwork road, EdgeTravelTimes times, float[] arrival, int edge, double fraction,
      double distanceMeters) {
    return SearchResult.onRoadSeconds(arrival[road.edgeNodeA[edge]], arrival[road.edgeNodeB[edge]], fraction,
        times.forwardSeconds[edge], times.backwardSeconds[edge]) + TravelTimeSearch.offRoadSeconds(distanceMeters);
  }
}
