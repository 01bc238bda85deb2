package org.carecircle.network;

import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.DecimalEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.ev.VehicleAccess;
import com.graphhopper.routing.ev.VehicleSpeed;
import com.graphhopper.routing.util.EncodingManager;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import java.util.Arrays;
import java.util.Map;

/**
 * Copies GraphHopper's graph into a {@link RoadNetwork}: node and edge ids stay GraphHopper's, so
 * the two can be compared edge by edge.
 *
 * <p>An arc (one direction of an edge) belongs to a mode's graph when all of these hold:
 * GraphHopper's access flag for that direction ({@code car_access}, {@code foot_access}) is set;
 * the profile's custom model gives the direction a finite weight (for car that is the same thing;
 * foot.json also excludes demanding mountain paths, {@code sac_scale} beyond hiking); the edge is
 * not in a small subnetwork marked by GraphHopper's subnetwork removal; and the direction's
 * average speed is above zero. Its travel time is the edge length divided by that direction's
 * average speed ({@code car_average_speed} / {@code foot_average_speed}, km/h).
 */
final class RoadNetworkExtractor {
  /**
   * Floor for an arc's travel time. GraphHopper keeps edges of zero length (e.g. where a barrier
   * node is split off a junction); {@link ModeGraph} promises times &gt; 0 so that code
   * interpolating along an arc never divides by zero. One millisecond is GraphHopper's own time
   * resolution.
   */
  static final float MIN_ARC_SECONDS = 0.001f;

  private RoadNetworkExtractor() {}

  static RoadNetwork extract(BaseGraph graph, EncodingManager encoding, Map<TravelMode, Weighting> weightings) {
    int nodeCount = graph.getNodes();
    double[] nodeLon = new double[nodeCount];
    double[] nodeLat = new double[nodeCount];
    NodeAccess nodes = graph.getNodeAccess();
    for (int node = 0; node < nodeCount; node++) {
      nodeLon[node] = nodes.getLon(node);
      nodeLat[node] = nodes.getLat(node);
    }

    int edgeCount = graph.getEdges();
    int[] edgeNodeA = new int[edgeCount];
    int[] edgeNodeB = new int[edgeCount];
    float[] edgeLengthMeters = new float[edgeCount];
    int[] geometryStart = new int[edgeCount + 1];
    double[] pointLon = new double[Math.max(16, edgeCount * 3)];
    double[] pointLat = new double[pointLon.length];
    int pointCount = 0;
    ModeArcs walk = new ModeArcs(encoding, NetworkImporter.FOOT_PROFILE, weightings.get(TravelMode.WALK), edgeCount);
    ModeArcs drive = new ModeArcs(encoding, NetworkImporter.CAR_PROFILE, weightings.get(TravelMode.DRIVE), edgeCount);

    for (int edge = 0; edge < edgeCount; edge++) {
      // Integer.MIN_VALUE: the edge as stored, base node = A, geometry running from A to B
      EdgeIteratorState state = graph.getEdgeIteratorState(edge, Integer.MIN_VALUE);
      edgeNodeA[edge] = state.getBaseNode();
      edgeNodeB[edge] = state.getAdjNode();
      edgeLengthMeters[edge] = (float) state.getDistance();
      PointList points = state.fetchWayGeometry(FetchMode.ALL);
      if (pointCount + points.size() > pointLon.length) {
        int capacity = Math.max(pointLon.length * 2, pointCount + points.size());
        pointLon = Arrays.copyOf(pointLon, capacity);
        pointLat = Arrays.copyOf(pointLat, capacity);
      }
      geometryStart[edge] = pointCount;
      for (int i = 0; i < points.size(); i++) {
        pointLon[pointCount] = points.getLon(i);
        pointLat[pointCount] = points.getLat(i);
        pointCount++;
      }
      walk.read(state);
      drive.read(state);
    }
    geometryStart[edgeCount] = pointCount;

    return new RoadNetwork(nodeLon, nodeLat, edgeNodeA, edgeNodeB, edgeLengthMeters, geometryStart,
        Arrays.copyOf(pointLon, pointCount), Arrays.copyOf(pointLat, pointCount),
        walk.toGraph(nodeCount, edgeNodeA, edgeNodeB), drive.toGraph(nodeCount, edgeNodeA, edgeNodeB));
  }

  /** One mode's seconds per edge and direction while reading; +inf where the mode may not go. */
  private static final class ModeArcs {
    private final BooleanEncodedValue access;
    private final DecimalEncodedValue speedKmh;
    private final BooleanEncodedValue inSubnetwork;
    private final Weighting weighting;
    private final float[] forwardSeconds;
    private final float[] backwardSeconds;

    ModeArcs(EncodingManager encoding, String profile, Weighting weighting, int edgeCount) {
      this.access = encoding.getBooleanEncodedValue(VehicleAccess.key(profile));
      this.speedKmh = encoding.getDecimalEncodedValue(VehicleSpeed.key(profile));
      this.inSubnetwork = encoding.getBooleanEncodedValue(Subnetwork.key(profile));
      this.weighting = weighting;
      this.forwardSeconds = new float[edgeCount];
      this.backwardSeconds = new float[edgeCount];
    }

    void read(EdgeIteratorState edge) {
      int id = edge.getEdge();
      boolean usable = !edge.get(inSubnetwork);
      double forwardKmh = edge.get(speedKmh);
      // foot_average_speed is stored for one direction only and holds for both
      double backwardKmh = speedKmh.isStoreTwoDirections() ? edge.getReverse(speedKmh) : forwardKmh;
      forwardSeconds[id] = usable && edge.get(access) && Double.isFinite(weighting.calcEdgeWeight(edge, false))
          ? seconds(edge.getDistance(), forwardKmh) : Float.POSITIVE_INFINITY;
      backwardSeconds[id] = usable && edge.getReverse(access) && Double.isFinite(weighting.calcEdgeWeight(edge, true))
          ? seconds(edge.getDistance(), backwardKmh) : Float.POSITIVE_INFINITY;
    }

    private static float seconds(double lengthMeters, double speedKmh) {
      if (!(speedKmh > 0)) {
        return Float.POSITIVE_INFINITY;
      }
      return Math.max(MIN_ARC_SECONDS, (float) (lengthMeters / (speedKmh / 3.6)));
    }

    /** The arcs in CSR form: counted per tail node, then filled in edge order. */
    ModeGraph toGraph(int nodeCount, int[] edgeNodeA, int[] edgeNodeB) {
      int[] arcStart = new int[nodeCount + 1];
      for (int edge = 0; edge < forwardSeconds.length; edge++) {
        if (forwardSeconds[edge] != Float.POSITIVE_INFINITY) {
          arcStart[edgeNodeA[edge] + 1]++;
        }
        if (backwardSeconds[edge] != Float.POSITIVE_INFINITY) {
          arcStart[edgeNodeB[edge] + 1]++;
        }
      }
      for (int node = 0; node < nodeCount; node++) {
        arcStart[node + 1] += arcStart[node];
      }
      int arcCount = arcStart[nodeCount];
      int[] arcHead = new int[arcCount];
      int[] arcEdge = new int[arcCount];
      float[] arcSeconds = new float[arcCount];
      boolean[] arcForward = new boolean[arcCount];
      int[] next = Arrays.copyOf(arcStart, nodeCount);
      for (int edge = 0; edge < forwardSeconds.length; edge++) {
        if (forwardSeconds[edge] != Float.POSITIVE_INFINITY) {
          int arc = next[edgeNodeA[edge]]++;
          arcHead[arc] = edgeNodeB[edge];
          arcEdge[arc] = edge;
          arcSeconds[arc] = forwardSeconds[edge];
          arcForward[arc] = true;
        }
        if (backwardSeconds[edge] != Float.POSITIVE_INFINITY) {
          int arc = next[edgeNodeB[edge]]++;
          arcHead[arc] = edgeNodeA[edge];
          arcEdge[arc] = edge;
          arcSeconds[arc] = backwardSeconds[edge];
          arcForward[arc] = false;
        }
      }
      return new ModeGraph(arcStart, arcHead, arcEdge, arcSeconds, arcForward);
    }
  }
}
