package org.carecircle.coverage.isochrone;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.RoadNetwork;

/**
 * Builds small {@link RoadNetwork}s for tests from coordinates in metres east (x) and north (y)
 * of an origin at 8.69° E, 49.41° N (Heidelberg). Metres become degrees with the WGS84
 * ellipsoid's radii of curvature at the origin, so points a few kilometres apart are placed to
 * within a few millimetres per kilometre.
 */
final class TestRoadNetworkBuilder {
  static final double ORIGIN_LON = 8.69;
  static final double ORIGIN_LAT = 49.41;
  static final double METERS_PER_DEGREE_LON;
  static final double METERS_PER_DEGREE_LAT;

  static {
    double a = 6378137.0;
    double f = 1 / 298.257223563;
    double e2 = f * (2 - f);
    double sin = Math.sin(Math.toRadians(ORIGIN_LAT));
    double w = 1 - e2 * sin * sin;
    METERS_PER_DEGREE_LON = Math.PI / 180 * a / Math.sqrt(w) * Math.cos(Math.toRadians(ORIGIN_LAT));
    METERS_PER_DEGREE_LAT = Math.PI / 180 * a * (1 - e2) / Math.pow(w, 1.5);
  }

  private final List<double[]> nodes = new ArrayList<>();
  private final List<Road> roads = new ArrayList<>();

  static double lon(double xMeters) {
    return ORIGIN_LON + xMeters / METERS_PER_DEGREE_LON;
  }

  static double lat(double yMeters) {
    return ORIGIN_LAT + yMeters / METERS_PER_DEGREE_LAT;
  }

  /** Metres to degrees, for buffers and tolerances. */
  static double degrees(double meters) {
    return meters / METERS_PER_DEGREE_LAT;
  }

  int node(double xMeters, double yMeters) {
    nodes.add(new double[] {xMeters, yMeters});
    return nodes.size() - 1;
  }

  /** A road from node a to node b, by default usable by nobody until a speed is given. */
  Road road(int a, int b) {
    Road road = new Road(a, b);
    roads.add(road);
    return road;
  }

  int edgeCount() {
    return roads.size();
  }

  RoadNetwork build() {
    int nodeCount = nodes.size();
    double[] nodeLon = new double[nodeCount];
    double[] nodeLat = new double[nodeCount];
    for (int n = 0; n < nodeCount; n++) {
      nodeLon[n] = lon(nodes.get(n)[0]);
      nodeLat[n] = lat(nodes.get(n)[1]);
    }
    int edgeCount = roads.size();
    int[] edgeNodeA = new int[edgeCount];
    int[] edgeNodeB = new int[edgeCount];
    float[] lengthMeters = new float[edgeCount];
    int[] geometryStart = new int[edgeCount + 1];
    List<double[]> points = new ArrayList<>();
    for (int e = 0; e < edgeCount; e++) {
      Road road = roads.get(e);
      edgeNodeA[e] = road.a;
      edgeNodeB[e] = road.b;
      geometryStart[e] = points.size();
      List<double[]> line = road.polyline();
      double length = 0;
      for (int p = 0; p < line.size(); p++) {
        points.add(line.get(p));
        if (p > 0) {
          length += Math.hypot(line.get(p)[0] - line.get(p - 1)[0],
              line.get(p)[1] - line.get(p - 1)[1]);
        }
      }
      lengthMeters[e] = (float) length;
      road.lengthMeters = length;
    }
    geometryStart[edgeCount] = points.size();
    double[] pointLon = new double[points.size()];
    double[] pointLat = new double[points.size()];
    for (int p = 0; p < points.size(); p++) {
      pointLon[p] = lon(points.get(p)[0]);
      pointLat[p] = lat(points.get(p)[1]);
    }
    return new RoadNetwork(nodeLon, nodeLat, edgeNodeA, edgeNodeB, lengthMeters, geometryStart,
        pointLon, pointLat, modeGraph(nodeCount, true), modeGraph(nodeCount, false));
  }

  /**
   * The brute-force model for the driving (or walking) roads of the network built last, for
   * the given search result.
   */
  ModelOracle driveOracle(float[] arrivalSeconds, List<EdgeStart> starts,
      double walkMetersPerSecond, double maxOffRoadMeters) {
    int edgeCount = roads.size();
    double[][][] polylines = new double[edgeCount][][];
    double[] atA = new double[edgeCount];
    double[] atB = new double[edgeCount];
    double[] forward = new double[edgeCount];
    double[] backward = new double[edgeCount];
    for (int e = 0; e < edgeCount; e++) {
      Road road = roads.get(e);
      if (road.driveForward > 0 || road.driveBackward > 0) {
        polylines[e] = road.polyline().toArray(new double[0][]);
      }
      atA[e] = arrivalSeconds[road.a];
      atB[e] = arrivalSeconds[road.b];
      forward[e] = road.driveForward > 0 ? road.lengthMeters / road.driveForward
          : Double.POSITIVE_INFINITY;
      backward[e] = road.driveBackward > 0 ? road.lengthMeters / road.driveBackward
          : Double.POSITIVE_INFINITY;
    }
    List<double[]> startList = starts.stream()
        .map(s -> new double[] {s.edge(), s.fraction(), s.initialSeconds()})
        .toList();
    return new ModelOracle(polylines, atA, atB, forward, backward, startList,
        walkMetersPerSecond, maxOffRoadMeters);
  }

  private ModeGraph modeGraph(int nodeCount, boolean walk) {
    List<List<double[]>> out = new ArrayList<>();
    for (int n = 0; n < nodeCount; n++) {
      out.add(new ArrayList<>());
    }
    for (int e = 0; e < roads.size(); e++) {
      Road road = roads.get(e);
      double forward = walk ? road.walkForward : road.driveForward;
      double backward = walk ? road.walkBackward : road.driveBackward;
      if (forward > 0) {
        out.get(road.a).add(new double[] {road.b, e, road.lengthMeters / forward, 1});
      }
      if (backward > 0) {
        out.get(road.b).add(new double[] {road.a, e, road.lengthMeters / backward, 0});
      }
    }
    int arcCount = out.stream().mapToInt(List::size).sum();
    int[] arcStart = new int[nodeCount + 1];
    int[] arcHead = new int[arcCount];
    int[] arcEdge = new int[arcCount];
    float[] arcSeconds = new float[arcCount];
    boolean[] arcForward = new boolean[arcCount];
    int k = 0;
    for (int n = 0; n < nodeCount; n++) {
      arcStart[n] = k;
      for (double[] arc : out.get(n)) {
        arcHead[k] = (int) arc[0];
        arcEdge[k] = (int) arc[1];
        arcSeconds[k] = (float) arc[2];
        arcForward[k] = arc[3] == 1;
        k++;
      }
    }
    arcStart[nodeCount] = k;
    return new ModeGraph(arcStart, arcHead, arcEdge, arcSeconds, arcForward);
  }

  /** One road; speeds in m/s, 0 = that mode may not go that way. */
  final class Road {
    final int a;
    final int b;
    final List<double[]> via = new ArrayList<>();
    double driveForward;
    double driveBackward;
    double walkForward;
    double walkBackward;
    double lengthMeters;

    Road(int a, int b) {
      this.a = a;
      this.b = b;
    }

    Road via(double xMeters, double yMeters) {
      via.add(new double[] {xMeters, yMeters});
      return this;
    }

    Road drive(double speedMetersPerSecond) {
      driveForward = speedMetersPerSecond;
      driveBackward = speedMetersPerSecond;
      return this;
    }

    Road driveOneWay(double speedMetersPerSecond) {
      driveForward = speedMetersPerSecond;
      driveBackward = 0;
      return this;
    }

    Road walk(double speedMetersPerSecond) {
      walkForward = speedMetersPerSecond;
      walkBackward = speedMetersPerSecond;
      return this;
    }

    List<double[]> polyline() {
      List<double[]> line = new ArrayList<>();
      line.add(nodes.get(a));
      line.addAll(via);
      line.add(nodes.get(b));
      return line;
    }
  }
}
