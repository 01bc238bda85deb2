package org.carecircle.network;

import java.util.Arrays;

/**
 * The starting points of a {@link TravelTimeSearch}: one or many sources, each either a node with
 * a start time or a point snapped onto an edge. Sources are numbered 0, 1, 2... in the order they
 * are added; the search reports, for each node, which source reached it first. Reusable: {@link
 * #clear()} keeps the arrays. Not thread-safe.
 *
 * <p>Off-road start: a snapped point that lies {@code d} metres from its road starts {@code d /}
 * {@link TravelTimeSearch#OFF_ROAD_WALK_METERS_PER_SECOND} seconds late, in every travel mode (a
 * patient walks from the door to the road, a car leaves a hospital's grounds at walking pace).
 */
public final class SearchSources {
  private int[] seedNode = new int[8];
  private float[] seedSeconds = new float[8];
  private int[] seedSource = new int[8];
  private int seedCount;
  private int sourceCount;

  /**
   * Adds a source at a node.
   *
   * @param startSeconds time already spent when the search starts there, seconds (&gt;= 0)
   * @return the source's index
   */
  public int addNode(int node, double startSeconds) {
    requireStart(startSeconds);
    int source = sourceCount++;
    seed(node, startSeconds, source);
    return source;
  }

  /**
   * Adds a source at a point on an edge, e.g. a facility snapped by {@link NetworkLocator}. The
   * point reaches node A by travelling the {@code fraction} of the edge against its direction
   * ({@code fraction * backwardSeconds}) and node B by travelling the rest along it ({@code (1 -
   * fraction) * forwardSeconds}); a direction the mode may not use seeds nothing, except that a
   * point at an end (fraction 0 or 1) seeds that node directly. Both start {@code
   * point.distanceMeters() / OFF_ROAD_WALK_METERS_PER_SECOND} seconds late (off-road walk).
   *
   * @param times the per-edge times of the mode being searched
   * @return the source's index
   */
  public int addPoint(SnappedPoint point, EdgeTravelTimes times) {
    return addPoint(point, times, 0);
  }

  /** As {@link #addPoint(SnappedPoint, EdgeTravelTimes)}, with {@code startSeconds} spent before. */
  public int addPoint(SnappedPoint point, EdgeTravelTimes times, double startSeconds) {
    requireStart(startSeconds);
    RoadNetwork network = times.network();
    int edge = point.edge();
    double offRoadSeconds = TravelTimeSearch.offRoadSeconds(point.distanceMeters());
    int source = sourceCount++;
    float backward = times.backwardSeconds[edge];
    float forward = times.forwardSeconds[edge];
    // a point at an end of the edge is that node, whatever directions the edge allows
    if (point.fraction() == 0) {
      seed(network.edgeNodeA[edge], startSeconds + offRoadSeconds, source);
    } else if (backward != Float.POSITIVE_INFINITY) {
      seed(network.edgeNodeA[edge], startSeconds + offRoadSeconds + point.fraction() * backward, source);
    }
    if (point.fraction() == 1) {
      seed(network.edgeNodeB[edge], startSeconds + offRoadSeconds, source);
    } else if (forward != Float.POSITIVE_INFINITY) {
      seed(network.edgeNodeB[edge], startSeconds + offRoadSeconds + (1 - point.fraction()) * forward, source);
    }
    return source;
  }

  /** Forgets all sources; the next one added is source 0 again. */
  public void clear() {
    seedCount = 0;
    sourceCount = 0;
  }

  public int sourceCount() {
    return sourceCount;
  }

  int seedCount() {
    return seedCount;
  }

  int seedNode(int seed) {
    return seedNode[seed];
  }

  float seedSeconds(int seed) {
    return seedSeconds[seed];
  }

  int seedSource(int seed) {
    return seedSource[seed];
  }

  private void seed(int node, double seconds, int source) {
    if (seedCount == seedNode.length) {
      int capacity = seedCount * 2;
      seedNode = Arrays.copyOf(seedNode, capacity);
      seedSeconds = Arrays.copyOf(seedSeconds, capacity);
      seedSource = Arrays.copyOf(seedSource, capacity);
    }
    seedNode[seedCount] = node;
    seedSeconds[seedCount] = (float) seconds;
    seedSource[seedCount] = source;
    seedCount++;
  }

  private static void requireStart(double startSeconds) {
    if (!(startSeconds >= 0) || Double.isInfinite(startSeconds)) {
      throw new IllegalArgumentException("a source's start time must be finite and >= 0 seconds, was " + startSeconds);
    }
  }
}
