package org.carecircle.network;

import java.util.Arrays;

/**
 * One mode's travel time along each road edge in both directions, indexed by edge id: {@code
 * forwardSeconds[e]} from node A to node B (the geometry's direction), {@code backwardSeconds[e]}
 * from B to A; {@code +inf} where the mode may not go that way (or not at all). Derived from the
 * mode's {@link ModeGraph}, so always consistent with it. Used to start a search from a point part
 * way along an edge and to interpolate times along edges. Immutable; never modify the arrays.
 */
public final class EdgeTravelTimes {
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
      if (graph.arcForward[arc]) {
        forward[edge] = graph.arcSeconds[arc];
      } else {
        backward[edge] = graph.arcSeconds[arc];
      }
    }
    return new EdgeTravelTimes(network, forward, backward);
  }

  public RoadNetwork network() {
    return network;
  }

  /** True when the mode may use edge {@code edge} in at least one direction. */
  public boolean usable(int edge) {
    return forwardSeconds[edge] != Float.POSITIVE_INFINITY || backwardSeconds[edge] != Float.POSITIVE_INFINITY;
  }
}
