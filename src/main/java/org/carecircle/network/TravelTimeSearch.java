package org.carecircle.network;

import java.util.Arrays;

/**
 * Travel times from one or many sources over a {@link ModeGraph}: Dijkstra's algorithm with a
 * time budget. Seconds everywhere; {@code +inf} means "not reached within the budget".
 *
 * <p>Contract of {@link #run}: a node's arrival time is the least, over all sources, of the
 * source's start seconds plus the sum of {@code arcSeconds} along the best path, provided that is
 * at most {@code maxSeconds}; otherwise {@code +inf}. For each reached node the result also says
 * which source reached it first (ties go to the source seeded first). Arc times are floats, so
 * sums carry float rounding (about 1e-7 relative).
 *
 * <p>Off-road walk: sources given as snapped points start {@code distanceMeters /}
 * {@link #OFF_ROAD_WALK_METERS_PER_SECOND} seconds late, in every mode (see {@link SearchSources}).
 *
 * <p>IMPLEMENTATION NOTE: the search works on primitive arrays only: arrival seconds (float),
 * source index (int) and an indexed binary min-heap of node ids keyed by the arrival array, with
 * decrease-key. Nodes beyond the budget are never queued, so the search ends when the heap is
 * empty, which is the same as stopping when the queue's minimum exceeds the budget. The arrays
 * belong to the instance and are reset after each search by walking the list of nodes it touched,
 * so a search costs time in proportion to what it reaches, not to the network's size, and
 * repeated searches allocate nothing per node. One instance per thread: {@link #forCurrentThread()}
 * keeps one for each thread.
 */
public final class TravelTimeSearch {
  /**
   * Walking speed for the off-road part of a trip (from a door to the nearest road): 5 km/h, the
   * usual planning assumption for walking and GraphHopper's foot speed on ordinary ways.
   */
  public static final double OFF_ROAD_WALK_SPEED_KMH = 5.0;
  public static final double OFF_ROAD_WALK_METERS_PER_SECOND = OFF_ROAD_WALK_SPEED_KMH / 3.6;

  private static final ThreadLocal<TravelTimeSearch> PER_THREAD = ThreadLocal.withInitial(TravelTimeSearch::new);

  private float[] arrival = new float[0];
  private int[] source = new int[0];
  private int[] heap = new int[0];
  private int[] heapPosition = new int[0];
  /** The arrival time of each heap entry, beside it: comparisons then read the heap array only. */
  private float[] heapKey = new float[0];
  private int heapSize;
  private int[] touched = new int[0];
  private int touchedCount;
  private int nodeCount;
  /** Bumped by every search, so that a result can tell it has been overwritten. */
  private int generation;

  /** A search with its own working arrays (sized on first use). Not thread-safe. */
  public TravelTimeSearch() {}

  /** This thread's search instance, whose arrays are reused from call to call. */
  public static TravelTimeSearch forCurrentThread() {
    return PER_THREAD.get();
  }

  /**
   * Runs a search on this thread's instance: see {@link #run}. The result stays valid until the
   * next search on the same thread.
   */
  public static SearchResult search(ModeGraph graph, SearchSources sources, double maxSeconds) {
    return forCurrentThread().run(graph, sources, maxSeconds);
  }

  /** Seconds to walk {@code distanceMeters} off-road at {@link #OFF_ROAD_WALK_SPEED_KMH}. */
  public static double offRoadSeconds(double distanceMeters) {
    return distanceMeters / OFF_ROAD_WALK_METERS_PER_SECOND;
  }

  /**
   * Searches from {@code sources} over {@code graph}.
   *
   * @param maxSeconds the budget, seconds (&gt;= 0; +inf for no limit): nodes reached later than this
   *     are reported unreached
   * @return the arrival times, valid until this instance runs its next search (it then throws)
   */
  public SearchResult run(ModeGraph graph, SearchSources sources, double maxSeconds) {
    if (Double.isNaN(maxSeconds) || maxSeconds < 0) {
      throw new IllegalArgumentException("maxSeconds must be >= 0, was " + maxSeconds);
    }
    prepare(graph.nodeCount());
    float budget = (float) maxSeconds;
    for (int seed = 0; seed < sources.seedCount(); seed++) {
      int node = sources.seedNode(seed);
      if (node < 0 || node >= nodeCount) {
        throw new IllegalArgumentException("source node " + node + " is not in the graph (" + nodeCount + " nodes)");
      }
      float seconds = sources.seedSeconds(seed);
      if (seconds <= budget && seconds < arrival[node]) {
        reach(node, seconds, sources.seedSource(seed));
      }
    }
    int[] arcStart = graph.arcStart;
    int[] arcHead = graph.arcHead;
    float[] arcSeconds = graph.arcSeconds;
    while (heapSize > 0) {
      int node = pop();
      float nodeSeconds = arrival[node];
      int nodeSource = source[node];
      for (int arc = arcStart[node], end = arcStart[node + 1]; arc < end; arc++) {
        int head = arcHead[arc];
        float headSeconds = nodeSeconds + arcSeconds[arc];
        if (headSeconds <= budget && headSeconds < arrival[head]) {
          reach(head, headSeconds, nodeSource);
        }
      }
    }
    return new SearchResult(this, generation, nodeCount);
  }

  /** Resets what the previous search touched and sizes the arrays for {@code nodes}. */
  private void prepare(int nodes) {
    for (int i = 0; i < touchedCount; i++) {
      int node = touched[i];
      arrival[node] = Float.POSITIVE_INFINITY;
      source[node] = -1;
      heapPosition[node] = -1;
    }
    touchedCount = 0;
    heapSize = 0;
    if (arrival.length < nodes) {
      arrival = new float[nodes];
      Arrays.fill(arrival, Float.POSITIVE_INFINITY);
      source = new int[nodes];
      Arrays.fill(source, -1);
      heapPosition = new int[nodes];
      Arrays.fill(heapPosition, -1);
      heap = new int[nodes];
      heapKey = new float[nodes];
      touched = new int[nodes];
    }
    nodeCount = nodes;
    generation++;
  }

  private void reach(int node, float seconds, int fromSource) {
    if (arrival[node] == Float.POSITIVE_INFINITY) {
      touched[touchedCount++] = node;
    }
    arrival[node] = seconds;
    source[node] = fromSource;
    int position = heapPosition[node];
    if (position < 0) {
      position = heapSize++;
    }
    siftUp(position, node, seconds);
  }

  private int pop() {
    int top = heap[0];
    heapPosition[top] = -2; // settled: never queued again, since times only grow along arcs
    heapSize--;
    if (heapSize > 0) {
      siftDown(heap[heapSize], heapKey[heapSize]);
    }
    return top;
  }

  /** Moves {@code node} with key {@code seconds} up from {@code position} to its place. */
  private void siftUp(int position, int node, float seconds) {
    while (position > 0) {
      int parent = (position - 1) >>> 1;
      float parentSeconds = heapKey[parent];
      if (parentSeconds <= seconds) {
        break;
      }
      int parentNode = heap[parent];
      heap[position] = parentNode;
      heapKey[position] = parentSeconds;
      heapPosition[parentNode] = position;
      position = parent;
    }
    heap[position] = node;
    heapKey[position] = seconds;
    heapPosition[node] = position;
  }

  /** Places {@code node} with key {@code seconds} at the root and moves it down to its place. */
  private void siftDown(int node, float seconds) {
    int position = 0;
    while (true) {
      int child = 2 * position + 1;
      if (child >= heapSize) {
        break;
      }
      float childSeconds = heapKey[child];
      if (child + 1 < heapSize && heapKey[child + 1] < childSeconds) {
        child++;
        childSeconds = heapKey[child];
      }
      if (childSeconds >= seconds) {
        break;
      }
      int childNode = heap[child];
      heap[position] = childNode;
      heapKey[position] = childSeconds;
      heapPosition[childNode] = position;
      position = child;
    }
    heap[position] = node;
    heapKey[position] = seconds;
    heapPosition[node] = position;
  }

  // read by SearchResult, which checks the generation first

  int generation() {
    return generation;
  }

  float arrivalAt(int node) {
    return arrival[node];
  }

  int sourceAt(int node) {
    return source[node];
  }

  int touchedCount() {
    return touchedCount;
  }

  int touchedNode(int index) {
    return touched[index];
  }
}
