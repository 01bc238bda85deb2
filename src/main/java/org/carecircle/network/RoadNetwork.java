package org.carecircle.network;

import java.util.EnumMap;
import java.util.Map;

/**
 * A road network ready for CareCircle's own analyses: junction nodes with WGS84 coordinates, road
 * edges with their full geometry, and per travel mode the directed arcs that mode may use with
 * their travel times. Built once from GraphHopper's graph at import and kept on disk; immutable
 * and safe to share between threads. Arrays are exposed for speed; never modify them.
 *
 * <p>Edge {@code e} joins node {@code edgeNodeA[e]} to {@code edgeNodeB[e]}; its geometry is the
 * polyline of points {@code geometryStart[e] .. geometryStart[e + 1] - 1} in {@code pointLon} /
 * {@code pointLat} (degrees), starting at node A and ending at node B, and
 * {@code edgeLengthMeters[e]} is the polyline's length.
 *
 * <p>{@link TravelMode#AMBULANCE} has no graph of its own: it is {@link TravelMode#DRIVE}'s with
 * seconds divided by the ambulance speed factor (see {@link #modeGraph}).
 */
public final class RoadNetwork implements MemoryFootprint {
  public final double[] nodeLon;
  public final double[] nodeLat;
  public final int[] edgeNodeA;
  public final int[] edgeNodeB;
  public final float[] edgeLengthMeters;
  public final int[] geometryStart;
  public final double[] pointLon;
  public final double[] pointLat;
  private final Map<TravelMode, ModeGraph> graphs;

  public RoadNetwork(double[] nodeLon, double[] nodeLat, int[] edgeNodeA, int[] edgeNodeB,
      float[] edgeLengthMeters, int[] geometryStart, double[] pointLon, double[] pointLat,
      ModeGraph walk, ModeGraph drive) {
    if (nodeLon.length != nodeLat.length || edgeNodeA.length != edgeNodeB.length
        || edgeNodeA.length != edgeLengthMeters.length || geometryStart.length != edgeNodeA.length + 1
        || pointLon.length != pointLat.length || walk.nodeCount() != nodeLon.length
        || drive.nodeCount() != nodeLon.length) {
      throw new IllegalArgumentException("inconsistent road network arrays");
    }
    this.nodeLon = nodeLon;
    this.nodeLat = nodeLat;
    this.edgeNodeA = edgeNodeA;
    this.edgeNodeB = edgeNodeB;
    this.edgeLengthMeters = edgeLengthMeters;
    this.geometryStart = geometryStart;
    this.pointLon = pointLon;
    this.pointLat = pointLat;
    this.graphs = new EnumMap<>(TravelMode.class);
    graphs.put(TravelMode.WALK, walk);
    graphs.put(TravelMode.DRIVE, drive);
  }

  /** Bytes of the nodes, edges and geometry; the mode graphs are counted on their own. */
  @Override
  public long memoryBytes() {
    return MemoryFootprint.bytesOf(nodeLon, nodeLat, edgeNodeA, edgeNodeB, edgeLengthMeters, geometryStart, pointLon,
        pointLat);
  }

  public int nodeCount() {
    return nodeLon.length;
  }

  public int edgeCount() {
    return edgeNodeA.length;
  }

  /**
   * The arcs of a mode. For {@link TravelMode#AMBULANCE} pass the speed factor to get the drive
   * arcs with {@code seconds / factor}; the result is cached per factor value by the caller
   * ({@link #ambulanceGraph}).
   */
  public ModeGraph modeGraph(TravelMode mode) {
    if (mode == TravelMode.AMBULANCE) {
      throw new IllegalArgumentException("use ambulanceGraph(speedFactor) for the ambulance mode");
    }
    return graphs.get(mode);
  }

  /**
   * The drive arcs with travel times divided by {@code speedFactor} (&gt; 0): 1.0 = as fast as
   * cars, 1.2 = 20 % faster.
   */
  public ModeGraph ambulanceGraph(double speedFactor) {
    if (!(speedFactor > 0) || Double.isInfinite(speedFactor)) {
      throw new IllegalArgumentException("ambulance speed factor must be > 0, was " + speedFactor);
    }
    ModeGraph drive = graphs.get(TravelMode.DRIVE);
    if (speedFactor == 1.0) {
      return drive;
    }
    float[] seconds = new float[drive.arcCount()];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = (float) (drive.arcSeconds[i] / speedFactor);
    }
    return new ModeGraph(drive.arcStart, drive.arcHead, drive.arcEdge, seconds, drive.arcForward);
  }
}
