package org.carecircle.network;

import java.util.Arrays;

/**
 * One mode's travel time along each road edge in both directions, indexed by edge id: {@code
 * forwardSeconds[e]} from node A to node B (the geometry's direction), {@code backwardSeconds[e]}
 * from B to A; {@code +inf} where the mode may not go that way (or not at all). Derived from the
 * mode's {@link ModeGraph}, so always consistent with it. Used to start a search from a point part
 * way along an edge and to interpolate times along edges. Immutable; never modify the arrays.
 *
 * <p>The one rule for parallel arcs (two arcs of the mode along the same edge in the same
 * direction, which the import should not make): the faster one counts, as a shortest-path search
 * would use it. Every user of per-edge times (snapping, isochrones, accessibility) reads them here.
 */
public final class EdgeTravelTimes implements MemoryFootprint {
  public final float[] forwardSeconds;
  public final float[] backwardSeconds;
  private final RoadNetwork network;

  private EdgeTravelTimes(RoadNetwork network, float[] forwardSeconds, float[] backwardSeconds) {
    this.network = network;
    this.forwardSeconds = forwardSeconds;
    this.backwardSeconds = backwardSeconds;
  }

  /** The edge times of {@code graph}, one of {@code network}'s mode graphs (or the ambulance graph). */
  public static EdgeTravelTimes of(RoadNetwork network, ModeGraph graph) {
    if (graph.nodeCount() != network.nodeCount()) {
      throw new IllegalArgumentException("the mode graph does not belong to this network");
    }
    float[] forward = new float[network.edgeCount()];
    float[] backward = new float[network.edgeCount()];
    Arrays.fill(forward, Float.POSITIVE_INFINITY);
    Arrays.fill(backward, Float.POSITIVE_INFINITY);
    for (int arc = 0; arc < graph.arcCount(); arc++) {
      int edge = graph.arcEdge[arc];
      float[] target = graph.arcForward[arc] ? forward : backward;
      target[edge] = Math.min(target[edge], graph.arcSeconds[arc]);
    }
    return new EdgeTravelTimes(network, forward, backward);
  }

  @Override
  public long memoryBytes() {
    return MemoryFootprint.bytesOf(forwardSeconds, backwardSeconds);
  }

  public RoadNetwork network() {
    return network;
  }

  /** True when the mode may use edge {@code edge} in at least one direction. */
  public boolean usable(int edge) {
    return forwardSeconds[edge] != Float.POSITIVE_INFINITY || backwardSeconds[edge] != Float.POSITIVE_INFINITY;
  }
}
