package org.carecircle.coverage.isochrone;

import java.util.Arrays;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.RoadNetwork;

/**
 * What the coverage geometry needs to know about one mode's use of the road edges, derived once
 * from a {@link ModeGraph}: the seconds to run each edge from A to B and from B to A
 * ({@code +inf} where the mode may not go that way), the lon/lat envelope of every edge the
 * mode may use, the usable edges at each node and a spatial index of them ({@link EdgeGrid}),
 * so that one zone's work is local. Immutable after construction.
 */
final class ModeEdges {
  final RoadNetwork network;
  final ModeGraph graph;
  /** Seconds from node A to node B along the edge; +inf if the mode may not go that way. */
  final float[] forwardSeconds;
  /** Seconds from node B to node A along the edge; +inf if the mode may not go that way. */
  final float[] backwardSeconds;
  /** The edges this mode may use in at least one direction, in {@link #spatialOrder}. */
  final int[] usableEdges;
  /** Envelope per entry of {@link #usableEdges}, degrees. */
  final double[] minLon;
  final double[] maxLon;
  final double[] minLat;
  final double[] maxLat;
  /**
   * Per entry of {@link #usableEdges}: its nodes, its seconds each way, and its polyline (points
   * {@code usablePointStart[k]} to {@code usablePointStart[k + 1] - 1} of {@link #usableLon} and
   * {@link #usableLat}), copied in {@link #spatialOrder} so that the raster reads them in the
   * order it draws (see the note there).
   */
  final int[] usableNodeA;
  final int[] usableNodeB;
  final float[] usableForwardSeconds;
  final float[] usableBackwardSeconds;
  final int[] usablePointStart;
  final double[] usableLon;
  final double[] usableLat;
  /** Per network edge its entry in {@link #usableEdges}, -1 if the mode may not use it. */
  final int[] usableIndex;
  /**
   * Per node the entries of {@link #usableEdges} that end at it, whichever way the mode may run
   * them: {@code nodeUsable[nodeUsableStart[n] .. nodeUsableStart[n + 1] - 1]}. An edge one-way
   * into a node is listed there too: the node's own time holds at that end of the edge.
   */
  final int[] nodeUsableStart;
  final int[] nodeUsable;
  /** The usable edges by place, for the edges under a zone's lattice. */
  final EdgeGrid grid;

  ModeEdges(RoadNetwork network, ModeGraph graph) {
    if (graph.nodeCount() != network.nodeCount()) {
      throw new IllegalArgumentException("mode graph has " + graph.nodeCount()
          + " nodes but the network has " + network.nodeCount());
    }
    this.network = network;
    this.graph = graph;
    int edgeCount = network.edgeCount();
    // the network's one rule for per-edge times (parallel arcs included)
    EdgeTravelTimes times = EdgeTravelTimes.of(network, graph);
    forwardSeconds = times.forwardSeconds;
    backwardSeconds = times.backwardSeconds;
    int usable = 0;
    for (int e = 0; e < edgeCount; e++) {
      if (isUsable(e)) {
        usable++;
      }
    }
    usableEdges = spatialOrder(network, usable);
    minLon = new double[usable];
    maxLon = new double[usable];
    minLat = new double[usable];
    maxLat = new double[usable];
    usableNodeA = new int[usable];
    usableNodeB = new int[usable];
    usableForwardSeconds = new float[usable];
    usableBackwardSeconds = new float[usable];
    usablePointStart = new int[usable + 1];
    for (int k = 0; k < usable; k++) {
      int e = usableEdges[k];
      usableNodeA[k] = network.edgeNodeA[e];
      usableNodeB[k] = network.edgeNodeB[e];
      usableForwardSeconds[k] = forwardSeconds[e];
      usableBackwardSeconds[k] = backwardSeconds[e];
      usablePointStart[k + 1] =
          usablePointStart[k] + network.geometryStart[e + 1] - network.geometryStart[e];
    }
    usableLon = new double[usablePointStart[usable]];
    usableLat = new double[usablePointStart[usable]];
    for (int k = 0; k < usable; k++) {
      int e = usableEdges[k];
      int first = network.geometryStart[e];
      int count = network.geometryStart[e + 1] - first;
      System.arraycopy(network.pointLon, first, usableLon, usablePointStart[k], count);
      System.arraycopy(network.pointLat, first, usableLat, usablePointStart[k], count);
    }
    for (int k = 0; k < usable; k++) {
      int e = usableEdges[k];
      double loX = Double.POSITIVE_INFINITY;
      double hiX = Double.NEGATIVE_INFINITY;
      double loY = Double.POSITIVE_INFINITY;
      double hiY = Double.NEGATIVE_INFINITY;
      for (int p = network.geometryStart[e]; p < network.geometryStart[e + 1]; p++) {
        loX = Math.min(loX, network.pointLon[p]);
        hiX = Math.max(hiX, network.pointLon[p]);
        loY = Math.min(loY, network.pointLat[p]);
        hiY = Math.max(hiY, network.pointLat[p]);
      }
      minLon[k] = loX;
      maxLon[k] = hiX;
      minLat[k] = loY;
      maxLat[k] = hiY;
    }
    usableIndex = new int[edgeCount];
    Arrays.fill(usableIndex, -1);
    for (int k = 0; k < usable; k++) {
      usableIndex[usableEdges[k]] = k;
    }
    int nodeCount = network.nodeCount();
    nodeUsableStart = new int[nodeCount + 1];
    for (int k = 0; k < usable; k++) {
      nodeUsableStart[usableNodeA[k] + 1]++;
      if (usableNodeB[k] != usableNodeA[k]) {
        nodeUsableStart[usableNodeB[k] + 1]++;
      }
    }
    for (int n = 0; n < nodeCount; n++) {
      nodeUsableStart[n + 1] += nodeUsableStart[n];
    }
    nodeUsable = new int[nodeUsableStart[nodeCount]];
    int[] next = Arrays.copyOf(nodeUsableStart, nodeCount);
    for (int k = 0; k < usable; k++) {
      nodeUsable[next[usableNodeA[k]]++] = k;
      if (usableNodeB[k] != usableNodeA[k]) {
        nodeUsable[next[usableNodeB[k]]++] = k;
      }
    }
    grid = new EdgeGrid(this);
  }

  /**
   * The usable edges sorted south to north by their southernmost point.
   *
   * <p>IMPLEMENTATION NOTE. The raster's lattice is stored row by row, south to north, and the
   * nearest-road transform scans it row by row. Rasterizing edges in this order makes the
   * raster writes, and the transform's look-ups of road pieces (numbered as they are drawn),
   * sweep through memory in step with the lattice rows, so they mostly hit the cache. In the
   * order the network was imported in both steps hit a city-sized lattice and piece table at
   * random and run several times slower. The same holds for the edges' own data (nodes,
   * seconds, polylines): read through the edge number, each edge costs a few cache misses, so
   * the entries of {@link #usableEdges} carry copies of them in this order.
   */
  private int[] spatialOrder(RoadNetwork network, int usable) {
    long[] keyed = new long[usable];
    int k = 0;
    for (int e = 0; e < network.edgeCount(); e++) {
      if (!isUsable(e)) {
        continue;
      }
      double south = Double.POSITIVE_INFINITY;
      for (int p = network.geometryStart[e]; p < network.geometryStart[e + 1]; p++) {
        south = Math.min(south, network.pointLat[p]);
      }
      //-- latitude in units of 1e-7 degrees (about 1 cm) north of 90 S in the upper 32 bits,
      //-- the edge number in the lower
      long latitudeKey = Math.round((south + 90) * 1e7);
      keyed[k++] = latitudeKey << 32 | e;
    }
    Arrays.sort(keyed);
    int[] order = new int[usable];
    for (int i = 0; i < usable; i++) {
      order[i] = (int) keyed[i];
    }
    return order;
  }

  boolean isUsable(int edge) {
    return forwardSeconds[edge] < Float.POSITIVE_INFINITY
        || backwardSeconds[edge] < Float.POSITIVE_INFINITY;
  }
}
