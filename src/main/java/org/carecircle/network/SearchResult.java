package org.carecircle.network;

/**
 * The outcome of one {@link TravelTimeSearch}: per node, the arrival time in seconds ({@code +inf}
 * when not reached within the budget) and the index of the source that reached it first ({@code
 * -1} when not reached).
 *
 * <p>A result reads the search's working arrays instead of copying them, so it is valid only until
 * the same search instance (for {@link TravelTimeSearch#search}: the same thread) runs again; using
 * it afterwards throws {@link IllegalStateException}. Copy what must be kept with {@link
 * #arrivalSeconds()} and {@link #sourceIndex()}.
 */
public final class SearchResult {
  private final TravelTimeSearch search;
  private final int generation;
  private final int nodeCount;

  SearchResult(TravelTimeSearch search, int generation, int nodeCount) {
    this.search = search;
    this.generation = generation;
    this.nodeCount = nodeCount;
  }

  public int nodeCount() {
    return nodeCount;
  }

  /** Arrival at {@code node}, seconds; {@code +inf} when not reached within the budget. */
  public float secondsAt(int node) {
    check();
    return search.arrivalAt(node);
  }

  /** The index of the source that reached {@code node} first, or -1 when it was not reached. */
  public int sourceAt(int node) {
    check();
    return search.sourceAt(node);
  }

  /** How many nodes were reached. */
  public int reachedCount() {
    check();
    return search.touchedCount();
  }

  /** The {@code i}-th reached node ({@code 0 <= i < reachedCount()}), in no particular order. */
  public int reachedNode(int i) {
    check();
    if (i < 0 || i >= search.touchedCount()) {
      throw new IndexOutOfBoundsException(i);
    }
    return search.touchedNode(i);
  }

  /**
   * A fresh copy of every node's arrival seconds ({@code +inf} when unreached). It costs time and
   * memory in proportion to the whole network, however little the search reached: work that
   * needs only the reached nodes reads them in place ({@link #reachedNode}, {@link #secondsAt}).
   */
  public float[] arrivalSeconds() {
    check();
    float[] copy = new float[nodeCount];
    java.util.Arrays.fill(copy, Float.POSITIVE_INFINITY);
    for (int i = 0; i < search.touchedCount(); i++) {
      int node = search.touchedNode(i);
      copy[node] = search.arrivalAt(node);
    }
    return copy;
  }

  /** A fresh copy of every node's first source index (-1 when unreached). */
  public int[] sourceIndex() {
    check();
    int[] copy = new int[nodeCount];
    java.util.Arrays.fill(copy, -1);
    for (int i = 0; i < search.touchedCount(); i++) {
      int node = search.touchedNode(i);
      copy[node] = search.sourceAt(node);
    }
    return copy;
  }

  /**
   * Seconds to reach a point on an edge (e.g. a population cell snapped onto the road): through
   * node A plus {@code fraction * forwardSeconds}, or through node B plus {@code (1 - fraction) *
   * backwardSeconds}, whichever is less ({@link #onRoadSeconds}), plus the off-road walk from the road to the point ({@code
   * distanceMeters / OFF_ROAD_WALK_METERS_PER_SECOND}). May exceed the search's budget; {@code
   * +inf} when neither way is possible. A source on the same edge reaches the point directly, which
   * this does not consider: it sees only node arrival times.
   *
   * @param times the per-edge times of the mode that was searched
   */
  public double secondsTo(SnappedPoint point, EdgeTravelTimes times) {
    check();
    RoadNetwork network = times.network();
    int edge = point.edge();
    float forward = times.forwardSeconds[edge];
    float backward = times.backwardSeconds[edge];
    double onRoad = onRoadSeconds(search.arrivalAt(network.edgeNodeA[edge]),
        search.arrivalAt(network.edgeNodeB[edge]), point.fraction(), forward, backward);
    return onRoad + TravelTimeSearch.offRoadSeconds(point.distanceMeters());
  }

  /**
   * Seconds to the point at {@code fraction} of an edge from the arrival times at its ends: through
   * A then along the edge, or through B then against it, whichever is less. A point at an end
   * ({@code fraction} 0 or 1) is that node, reached whatever directions the edge allows; inside the
   * edge a direction the mode may not use ({@code +inf} seconds) gives no way in.
   */
  public static double onRoadSeconds(double arrivalA, double arrivalB, double fraction, float forwardSeconds,
      float backwardSeconds) {
    // an impossible direction must stay +inf: 0 * inf would be NaN
    double viaA = fraction == 0 ? arrivalA
        : forwardSeconds == Float.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : arrivalA + fraction * forwardSeconds;
    double viaB = fraction == 1 ? arrivalB
        : backwardSeconds == Float.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY
            : arrivalB + (1 - fraction) * backwardSeconds;
    return Math.min(viaA, viaB);
  }

  private void check() {
    if (search.generation() != generation) {
      throw new IllegalStateException("this search result was overwritten by a later search on the same"
          + " TravelTimeSearch; copy arrivalSeconds() to keep it");
    }
  }
}
