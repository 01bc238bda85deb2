package org.carecircle.coverage.isochrone;

import org.carecircle.network.MemoryFootprint;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchResult;
import org.locationtech.jts.geom.Geometry;

/**
 * Draws coverage zones from a travel-time search: one WGS84 polygon per cutoff.
 *
 * <h2>The model</h2>
 * <ul>
 *   <li><b>On the road.</b> The travel time at a point of an edge is the minimum over the edge's
 *       two ends of (arrival time at that end + the time to run from that end to the point along
 *       the edge, in a direction the mode allows, in proportion to length), and over
 *       {@link EdgeStart partial starts} on the edge of (their initial seconds + the run from the
 *       start point). Edges the mode may not use in either direction are not part of its
 *       network.</li>
 *   <li><b>Off the road.</b> A place belongs to the zone of cutoff c when, walking straight from
 *       it to its <em>nearest</em> road point of the mode's network at the off-road speed, the
 *       time at that road point plus the walk is &le; c, and the walk is no longer than the
 *       maximum off-road distance. Unreached roads count as nearest roads too (with infinite
 *       time): the far bank of a river whose nearest road is unreached, or the far side of a
 *       motorway for walking, stays outside even when a reached road is within walking
 *       distance.</li>
 *   <li><b>Holes and bands.</b> Unreachable areas enclosed by the zone are holes. The zone of a
 *       larger cutoff contains that of a smaller one.</li>
 * </ul>
 *
 * <h2>How it is drawn</h2>
 * In a {@link LocalFrame local metric frame} around the reached extent, on a square lattice
 * covering every road point reached within the largest cutoff plus twice the maximum off-road
 * distance (so that every road that can be nearest to a covered place is in it): the usable
 * edges are rasterized with their travel times, and a nearest-road transform gives lattice
 * points their nearest road piece and so their off-road time ({@link CoverageRaster}). Both
 * steps are confined to the blocks of the lattice within twice the maximum off-road distance
 * (plus 4 cells) of a road reached within the largest cutoff: only there can a place be
 * covered, or a road be the nearest road of a covered place; elsewhere the lattice stays
 * outside every zone. Then marching squares traces each cutoff's rings, placing each crossing
 * by the model ({@link ContourTracer}), Douglas-Peucker simplification thins them
 * ({@link RingSimplifier}), and rings become polygons with holes ({@link PolygonAssembler}).
 * Built from a {@link SearchResult}, time is linear in the lattice size plus the nodes the
 * search reached plus the edges under the lattice (found with a spatial index of the edges,
 * {@link EdgeGrid}): it does not grow with the rest of the network. Built from an array of every
 * node's time, the reached extent and the edges under the lattice are found by looking at
 * every node and edge instead, with the same result. No JTS overlay is used. On
 * lattices of {@value #PARALLEL_MIN_POINTS} points or more the raster steps and the tracing of
 * several cutoffs use up to {@value Parallel#MAX_THREADS} threads, fewer when other builds run
 * at the same time (a build takes its share of the processors, see {@link Parallel}).
 *
 * <h2>Accuracy</h2>
 * <ul>
 *   <li><b>Guaranteed:</b> every road point of the mode with travel time &le; c lies inside the
 *       zone of c, with a clearance of at least 0.03 cell (the road cells are drawn
 *       conservatively, see {@link CoverageRaster}; crossings keep their distance from lattice
 *       points and simplification moves rings by at most {@value #SIMPLIFY_TOLERANCE_CELLS}
 *       cell, see {@link ContourTracer}). The polygons are valid (rings never cross or touch).
 *       The lattice values nest by construction, so bands nest to within the simplification
 *       tolerance and the placing of crossings (both well under a tenth of a cell).</li>
 *   <li><b>Overreach:</b> near road points reached close to the cutoff, and at a change of
 *       nearest road (a riverbank), the zone may include places the model leaves out, up to
 *       about 1.5 cells from such a road point, because a road cell's corners take the road's
 *       time without the walk to them. Elsewhere the boundary follows the model to within a
 *       small fraction of a cell: crossings are placed by the model along lattice edges, the
 *       boundary is straight between them, and a crossing may move by up to 0.1 cell to keep
 *       the clearances above. Against a brute-force evaluation of the model on irregular test
 *       networks the worst cases seen were 1.5 cells too far out and 0.3 cells too far in.</li>
 *   <li><b>Cell size:</b> {@link #autoCellMeters} aims at {@value #TARGET_LATTICE_POINTS}
 *       lattice points and keeps cells between {@value #MIN_AUTO_CELL_METERS} and
 *       {@value #MAX_AUTO_CELL_METERS} m: about 11 m for a 15-minute walk, up to 60 m for a
 *       15-minute drive across a city region. Containment of reachable roads does not depend on
 *       the cell (the conservative drawing guarantees it); what the cell sets is the overreach
 *       above, at most about 1.5 cells (90 m at 60 m cells) beside roads reached just before
 *       the cutoff. The target was chosen so that a 15-minute car zone of a city region takes
 *       well under 50 ms (scripts/bench.sh); finer cells cost time in proportion to their
 *       number.</li>
 * </ul>
 *
 * <p>An instance holds the per-edge data it derives from the network and mode graph (travel
 * seconds per direction, edge envelopes, a drawing order, the edges at each node, the spatial
 * index), so keep one per network and mode.
 * Immutable and safe to share between threads. Each {@link #build} allocates about 12 bytes
 * per lattice point (a float value and a long seed), 12 more per point of the rows a second
 * drawing thread covers, and 8 per point per cutoff traced at once (up to
 * {@value Parallel#MAX_THREADS}).
 */
public final class IsochroneBuilder implements MemoryFootprint {
  /** Smallest automatic cell: a walking zone rarely needs finer than the width of a street. */
  public static final double MIN_AUTO_CELL_METERS = 10;

  /** Largest automatic cell: see "Cell size" in the class comment. */
  public static final double MAX_AUTO_CELL_METERS = 60;

  /**
   * Lattice size the automatic cell aims at between those bounds: a 15-minute car zone in a
   * city region (about 18 x 19 km) gets about this many points at 60 m; the raster work, which
   * dominates a zone's cost, grows with this number.
   */
  static final double TARGET_LATTICE_POINTS = 100_000;

  /**
   * Memory guard: at up to about 56 bytes per point (12 for the raster, up to 12 more for
   * drawing canvases, 8 per tracer for four tracers), about 450 MB.
   */
  static final long MAX_LATTICE_POINTS = 8_000_000;

  /**
   * Douglas-Peucker tolerance in cells: below half of {@link ContourTracer#CROSSING_CLEARANCE}
   * (keeps rings from crossing) and below CROSSING_CLEARANCE / sqrt(2) (keeps reachable roads
   * inside); 0.4 m at 10 m cells, 1.6 m at 40 m.
   */
  static final double SIMPLIFY_TOLERANCE_CELLS = 0.04;

  /**
   * Below this many lattice points one thread does it all: starting threads would cost more
   * than they save (a walking zone of 15 minutes has about 100,000 points).
   */
  static final int PARALLEL_MIN_POINTS = 60_000;

  /** Rows and columns of lattice beyond the reach of every covered place and its nearest road. */
  private static final int BORDER_CELLS = 3;

  private final ModeEdges modeEdges;

  /** Derives per-edge data from {@code graph}, which must be a mode graph of {@code network}. */
  public IsochroneBuilder(RoadNetwork network, ModeGraph graph) {
    this.modeEdges = new ModeEdges(network, graph);
  }

  ModeEdges modeEdges() {
    return modeEdges;
  }

  /**
   * Bytes of the per-edge data: times, envelopes, the polylines copied in drawing order, the
   * edges at each node and the spatial index of the edges.
   */
  @Override
  public long memoryBytes() {
    ModeEdges e = modeEdges;
    return MemoryFootprint.bytesOf(e.forwardSeconds, e.backwardSeconds, e.usableEdges, e.minLon, e.maxLon, e.minLat,
        e.maxLat, e.usableNodeA, e.usableNodeB, e.usableForwardSeconds, e.usableBackwardSeconds, e.usablePointStart,
        e.usableLon, e.usableLat, e.usableIndex, e.nodeUsableStart, e.nodeUsable)
        + e.grid.memoryBytes();
  }

  /** One-off convenience: derives the per-edge data and builds the zones. */
  public static List<CoverageZone> buildZones(RoadNetwork network, ModeGraph graph,
      float[] arrivalSeconds, List<EdgeStart> starts, double[] cutoffsSeconds,
      IsochroneOptions options) {
    return new IsochroneBuilder(network, graph).build(arrivalSeconds, starts, cutoffsSeconds,
        options);
  }

  /**
   * The zones of one search, read straight from its result: the work is local, in proportion
   * to the nodes the search reached and the edges under the zone's lattice, whatever the size of
   * the network. The same zones as {@link #build(float[], List, double[], IsochroneOptions)}
   * with {@code result.arrivalSeconds()}.
   *
   * @param result a search on this builder's mode graph (or one with the same arcs and other
   *     times); it must stay valid during the call, so the same search instance must not run
   *     meanwhile (the build itself never searches)
   * @param starts partial-edge starts of the search (may be empty): edges the mode may use
   * @param cutoffsSeconds ascending, finite, &ge; 0, at least one
   * @return one zone per cutoff, in the same order
   * @throws IllegalArgumentException on inputs that break these rules
   */
  public List<CoverageZone> build(SearchResult result, List<EdgeStart> starts,
      double[] cutoffsSeconds, IsochroneOptions options) {
    return Parallel.share(
        threads -> build(result, starts, cutoffsSeconds, options, threads));
  }

  /** {@link #build(SearchResult, List, double[], IsochroneOptions)} on at most {@code threads}. */
  List<CoverageZone> build(SearchResult result, List<EdgeStart> starts, double[] cutoffsSeconds,
      IsochroneOptions options, int threads) {
    validate(result, starts, cutoffsSeconds);
    return build(result::secondsAt, result, starts, cutoffsSeconds, options, threads);
  }

  /**
   * The zones of one search, from every node's arrival time: what {@link
   * #build(SearchResult, List, double[], IsochroneOptions)} does, but it looks at every node and
   * every usable edge of the network (kept for callers that hold times as an array, and as the
   * reference the local path is tested against).
   *
   * @param arrivalSeconds per node of the network, seconds from the start(s); +inf where
   *     unreached; never NaN. As a shortest-path search leaves them: no arc offers a quicker
   *     way to its head (otherwise a node has one time as itself and another as the end of an
   *     edge, and places nearest to it may get either)
   * @param starts partial-edge starts of the search (may be empty): edges the mode may use
   * @param cutoffsSeconds ascending, finite, &ge; 0, at least one
   * @return one zone per cutoff, in the same order
   * @throws IllegalArgumentException on inputs that break these rules
   */
  public List<CoverageZone> build(float[] arrivalSeconds, List<EdgeStart> starts,
      double[] cutoffsSeconds, IsochroneOptions options) {
    return Parallel.share(
        threads -> build(arrivalSeconds, starts, cutoffsSeconds, options, threads));
  }

  /** {@link #build(float[], List, double[], IsochroneOptions)} on at most {@code threads}. */
  List<CoverageZone> build(float[] arrivalSeconds, List<EdgeStart> starts,
      double[] cutoffsSeconds, IsochroneOptions options, int threads) {
    validate(arrivalSeconds, starts, cutoffsSeconds);
    return build(node -> arrivalSeconds[node], null, starts, cutoffsSeconds, options, threads);
  }

  /**
   * The steps of a build; {@code reachedNodes} lists the nodes with a finite time, and makes
   * every step local, or is null, and every step scans the network.
   */
  private List<CoverageZone> build(NodeSeconds arrival, SearchResult reachedNodes,
      List<EdgeStart> starts, double[] cutoffsSeconds, IsochroneOptions options, int threads) {
    EdgeTravelTime times = new EdgeTravelTime(modeEdges, arrival, starts);
    double maxCutoff = cutoffsSeconds[cutoffsSeconds.length - 1];
    double[] reached = reachedNodes == null
        ? reachedExtent(times, arrival, maxCutoff)
        : reachedExtent(times, arrival, reachedNodes, starts, maxCutoff);
    List<CoverageZone> zones = new ArrayList<>(cutoffsSeconds.length);
    if (reached == null) {
      for (double cutoff : cutoffsSeconds) {
        zones.add(new CoverageZone(cutoff, PolygonAssembler.WGS84.createPolygon(), 0));
      }
      return zones;
    }
    CoverageRaster raster = raster(reached, options, threads);
    raster.rasterize(modeEdges, reachedNodes != null,
        () -> new EdgeTravelTime(modeEdges, arrival, starts), maxCutoff);
    raster.propagateAndEvaluate();
    CoverageZone[] built = new CoverageZone[cutoffsSeconds.length];
    int tracers = Math.min(raster.threads(), cutoffsSeconds.length);
    List<Runnable> tasks = new ArrayList<>();
    for (int t = 0; t < tracers; t++) {
      int first = t;
      tasks.add(() -> {
        ContourTracer tracer = new ContourTracer(raster);
        for (int k = first; k < cutoffsSeconds.length; k += tracers) {
          built[k] = zone(tracer, raster, cutoffsSeconds[k]);
        }
      });
    }
    Parallel.run(tasks);
    zones.addAll(List.of(built));
    return zones;
  }

  private static CoverageZone zone(ContourTracer tracer, CoverageRaster raster,
      double cutoffSeconds) {
    List<ContourRing> rings = tracer.trace(cutoffSeconds);
    List<ContourRing> simplified = new ArrayList<>(rings.size());
    for (ContourRing ring : rings) {
      simplified.add(RingSimplifier.simplify(ring, SIMPLIFY_TOLERANCE_CELLS));
    }
    Geometry geometry = PolygonAssembler.assemble(simplified, raster);
    return new CoverageZone(cutoffSeconds, geometry, GeodesicArea.squareMeters(geometry));
  }

  /**
   * The automatic cell size for a lattice of the given extent: the size that gives about
   * {@value #TARGET_LATTICE_POINTS} lattice points, kept within [{@value #MIN_AUTO_CELL_METERS},
   * {@value #MAX_AUTO_CELL_METERS}] m, and coarsened beyond that only where the lattice would
   * exceed {@value #MAX_LATTICE_POINTS} points (extents over about 110 km square).
   */
  public static double autoCellMeters(double widthMeters, double heightMeters) {
    double area = Math.max(0, widthMeters) * Math.max(0, heightMeters);
    double cell = Math.sqrt(area / TARGET_LATTICE_POINTS);
    cell = Math.max(MIN_AUTO_CELL_METERS, Math.min(MAX_AUTO_CELL_METERS, cell));
    return Math.max(cell, Math.sqrt(area / MAX_LATTICE_POINTS) * 1.01);
  }

  CoverageRaster raster(double[] reached, IsochroneOptions options, int threads) {
    LocalFrame frame = new LocalFrame((reached[0] + reached[2]) / 2, (reached[1] + reached[3]) / 2);
    double minX = frame.x(reached[0]);
    double minY = frame.y(reached[1]);
    double width = frame.x(reached[2]) - minX;
    double height = frame.y(reached[3]) - minY;
    //-- a road can be the nearest road of a covered place only if it is within twice the
    //-- maximum off-road distance of a reached road point
    double roadMarginMeters = 2 * options.maxOffRoadMeters();
    double cell = options.cellMeters() > 0
        ? options.cellMeters()
        : autoCellMeters(width + 2 * roadMarginMeters, height + 2 * roadMarginMeters);
    double marginMeters = roadMarginMeters + BORDER_CELLS * cell;
    long columns = (long) Math.ceil((width + 2 * marginMeters) / cell) + 1;
    long rows = (long) Math.ceil((height + 2 * marginMeters) / cell) + 1;
    if (columns * rows > MAX_LATTICE_POINTS) {
      throw new IllegalArgumentException(String.format(
          "a %.0f m cell over %.0f x %.0f m needs %d lattice points, more than %d: use a larger"
              + " cell", cell, width + 2 * marginMeters, height + 2 * marginMeters,
          columns * rows, MAX_LATTICE_POINTS));
    }
    return new CoverageRaster(frame, minX - marginMeters, minY - marginMeters, cell,
        (int) columns, (int) rows, options.offRoadSpeedMetersPerSecond(),
        options.maxOffRoadMeters(), columns * rows < PARALLEL_MIN_POINTS ? 1 : threads);
  }

  /**
   * Lon/lat box {minLon, minLat, maxLon, maxLat} of every road point reached within
   * {@code cutoffSeconds}, or null if there is none; looks at every usable edge.
   */
  double[] reachedExtent(EdgeTravelTime times, float[] arrivalSeconds, double cutoffSeconds) {
    return reachedExtent(times, node -> arrivalSeconds[node], cutoffSeconds);
  }

  private double[] reachedExtent(EdgeTravelTime times, NodeSeconds arrival,
      double cutoffSeconds) {
    double[] box = emptyBox();
    double[] intervals = new double[8];
    for (int k = 0; k < modeEdges.usableEdges.length; k++) {
      intervals = includeReached(k, times, arrival, cutoffSeconds, box, intervals);
    }
    return box[0] <= box[2] ? box : null;
  }

  /**
   * {@link #reachedExtent(EdgeTravelTime, float[], double)}, looking only at the edges that can
   * hold a reached road point: those at a node reached within the cutoff (in either direction:
   * a node is reached even at the head of a one-way street that leads away from nothing
   * reached) and those with a partial start. Others have both ends and every start later than
   * the cutoff, so none of their points is reached within it. An edge met twice (from both
   * ends) adds the same box twice, which changes nothing.
   */
  private double[] reachedExtent(EdgeTravelTime times, NodeSeconds arrival,
      SearchResult reachedNodes, List<EdgeStart> starts, double cutoffSeconds) {
    double[] box = emptyBox();
    double[] intervals = new double[8];
    for (int i = 0, n = reachedNodes.reachedCount(); i < n; i++) {
      int node = reachedNodes.reachedNode(i);
      if (arrival.at(node) > cutoffSeconds) {
        continue;
      }
      for (int a = modeEdges.nodeUsableStart[node]; a < modeEdges.nodeUsableStart[node + 1]; a++) {
        intervals = includeReached(modeEdges.nodeUsable[a], times, arrival, cutoffSeconds, box,
            intervals);
      }
    }
    for (EdgeStart start : starts) {
      intervals = includeReached(modeEdges.usableIndex[start.edge()], times, arrival,
          cutoffSeconds, box, intervals);
    }
    return box[0] <= box[2] ? box : null;
  }

  private static double[] emptyBox() {
    return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
  }

  /**
   * Adds the parts of usable edge k reached within {@code cutoffSeconds} to the box; returns
   * {@code intervals}, a scratch array, grown if it had to be.
   */
  private double[] includeReached(int k, EdgeTravelTime times, NodeSeconds arrival,
      double cutoffSeconds, double[] box, double[] intervals) {
    //-- most reached edges are reached all along from one end: no need to look closer
    if (arrival.at(modeEdges.usableNodeA[k]) + modeEdges.usableForwardSeconds[k]
            <= cutoffSeconds
        || arrival.at(modeEdges.usableNodeB[k]) + modeEdges.usableBackwardSeconds[k]
            <= cutoffSeconds) {
      include(box, modeEdges.minLon[k], modeEdges.minLat[k]);
      include(box, modeEdges.maxLon[k], modeEdges.maxLat[k]);
      return intervals;
    }
    times.loadUsable(k);
    if (!times.anyFinite()) {
      return intervals;
    }
    int needed = 4 + 4 * times.startsOnLoadedEdge();
    if (intervals.length < needed) {
      intervals = new double[needed];
    }
    int count = times.reachableIntervals(cutoffSeconds, intervals);
    for (int r = 0; r < count; r++) {
      double from = intervals[2 * r];
      double to = intervals[2 * r + 1];
      if (from > to) {
        continue;
      }
      if (from <= 0 && to >= 1) {
        include(box, modeEdges.minLon[k], modeEdges.minLat[k]);
        include(box, modeEdges.maxLon[k], modeEdges.maxLat[k]);
      } else {
        includePart(modeEdges.usableEdges[k], from, to, box);
      }
    }
    return intervals;
  }

  /** Adds the part [from, to] (fractions by length) of an edge's polyline to the box. */
  private void includePart(int edge, double from, double to, double[] box) {
    RoadNetwork network = modeEdges.network;
    int first = network.geometryStart[edge];
    int last = network.geometryStart[edge + 1] - 1;
    //-- the box only sizes the lattice, which has margins of several cells: a local
    //-- approximation of segment lengths is enough to place the fractions
    double lonScale = Math.cos(Math.toRadians(network.pointLat[first]));
    double total = 0;
    for (int p = first; p < last; p++) {
      total += segmentLength(network, p, lonScale);
    }
    if (!(total > 0)) {
      include(box, network.pointLon[first], network.pointLat[first]);
      return;
    }
    double walked = 0;
    for (int p = first; p < last; p++) {
      double length = segmentLength(network, p, lonScale);
      double f0 = walked / total;
      double f1 = (walked + length) / total;
      walked += length;
      if (f1 < from || f0 > to) {
        continue;
      }
      double a = length > 0 ? (Math.max(f0, from) - f0) / (f1 - f0) : 0;
      double b = length > 0 ? (Math.min(f1, to) - f0) / (f1 - f0) : 0;
      for (double w : new double[] {a, b}) {
        include(box, network.pointLon[p] + w * (network.pointLon[p + 1] - network.pointLon[p]),
            network.pointLat[p] + w * (network.pointLat[p + 1] - network.pointLat[p]));
      }
    }
  }

  private static double segmentLength(RoadNetwork network, int p, double lonScale) {
    return Math.hypot((network.pointLon[p + 1] - network.pointLon[p]) * lonScale,
        network.pointLat[p + 1] - network.pointLat[p]);
  }

  private static void include(double[] box, double lon, double lat) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }

  /** What {@link #validate(float[], List, double[])} checks, on the reached nodes only. */
  private void validate(SearchResult result, List<EdgeStart> starts, double[] cutoffsSeconds) {
    RoadNetwork network = modeEdges.network;
    if (result.nodeCount() != network.nodeCount()) {
      throw new IllegalArgumentException("the search result has " + result.nodeCount()
          + " nodes but the network has " + network.nodeCount());
    }
    //-- unreached nodes are +inf by the result's contract
    for (int i = 0, n = result.reachedCount(); i < n; i++) {
      int node = result.reachedNode(i);
      if (Float.isNaN(result.secondsAt(node))) {
        throw new IllegalArgumentException("the arrival time of node " + node + " is NaN");
      }
    }
    validate(starts, cutoffsSeconds);
  }

  private void validate(float[] arrivalSeconds, List<EdgeStart> starts, double[] cutoffsSeconds) {
    RoadNetwork network = modeEdges.network;
    if (arrivalSeconds.length != network.nodeCount()) {
      throw new IllegalArgumentException("arrivalSeconds has " + arrivalSeconds.length
          + " values but the network has " + network.nodeCount() + " nodes");
    }
    for (int n = 0; n < arrivalSeconds.length; n++) {
      if (Float.isNaN(arrivalSeconds[n])) {
        throw new IllegalArgumentException("arrivalSeconds[" + n + "] is NaN");
      }
    }
    validate(starts, cutoffsSeconds);
  }

  private void validate(List<EdgeStart> starts, double[] cutoffsSeconds) {
    RoadNetwork network = modeEdges.network;
    for (EdgeStart start : starts) {
      if (start.edge() >= network.edgeCount() || !modeEdges.isUsable(start.edge())) {
        throw new IllegalArgumentException(
            "start edge " + start.edge() + " is not an edge this mode may use");
      }
    }
    if (cutoffsSeconds.length == 0) {
      throw new IllegalArgumentException("at least one cutoff is needed");
    }
    for (int k = 0; k < cutoffsSeconds.length; k++) {
      double cutoff = cutoffsSeconds[k];
      if (!(cutoff >= 0) || Double.isInfinite(cutoff)) {
        throw new IllegalArgumentException("cutoffs must be finite and >= 0 s, was " + cutoff);
      }
      if (k > 0 && cutoff < cutoffsSeconds[k - 1]) {
        throw new IllegalArgumentException("cutoffs must be ascending, got " + cutoffsSeconds[k - 1]
            + " before " + cutoff);
      }
    }
  }
}
