package org.carecircle.network;

import java.util.Optional;

/**
 * Finds the nearest point on the roads of one travel mode: a grid index over the straight segments
 * of every edge that mode may use (in at least one direction). Built once per network and mode
 * ({@link NetworkService} caches it); immutable and thread-safe. A query takes about 1 to 3 µs on
 * city networks and allocates a few small objects, nothing per segment read.
 *
 * <p>Distances are metres on a local flat approximation around the query point (longitude scaled
 * by the cosine of the query's latitude, Earth radius 6,371,000 m as in GraphHopper), accurate to
 * well under 0.1 % over the few kilometres a snap spans. Networks must not cross the antimeridian.
 *
 * <p>IMPLEMENTATION NOTE: a uniform grid of square-ish cells in degrees, stored in compressed
 * sparse row form (cell to segment ids, a segment id being the index of its first point in the
 * network's point arrays). Each segment is registered in exactly the cells it passes through (row
 * band by row band), not in its bounding box, so long diagonal motorway segments stay cheap. A
 * query scans square rings of cells around its own cell, nearest first, and stops once the best
 * distance found is no larger than the distance to the next ring, which is at least {@code k}
 * cell sizes for ring {@code k + 1}: a segment not yet seen cannot be closer. The cell size adapts
 * to the density, about {@link #SEGMENTS_PER_CELL} segments per cell on average.
 */
public final class NetworkLocator {
  /** GraphHopper's Earth radius (DistanceCalcEarth.R), so that snap distances match its edge lengths. */
  static final double EARTH_RADIUS_METERS = 6_371_000;
  static final double METERS_PER_DEGREE = EARTH_RADIUS_METERS * Math.PI / 180;
  /** Average segments per cell the cell size aims for: a few, so that a query reads few cells. */
  static final int SEGMENTS_PER_CELL = 4;
  /** Bounds on the cell size: below 25 m cells would mostly be empty; above 2 km a query reads too much. */
  static final double MIN_CELL_METERS = 25;
  static final double MAX_CELL_METERS = 2_000;
  /** Keeps the cell table (4 bytes per cell) below 16 MB for province-sized networks. */
  static final int MAX_CELLS = 1 << 22;

  private final RoadNetwork network;
  private final double minLon;
  private final double minLat;
  private final double maxLon;
  private final double maxLat;
  private final double cellDegreesLon;
  private final double cellDegreesLat;
  private final int columns;
  private final int rows;
  private final int[] cellStart;
  private final int[] cellSegments;
  private final int segmentCount;

  private NetworkLocator(RoadNetwork network, double[] bounds, double cellDegreesLon, double cellDegreesLat,
      int columns, int rows, int[] cellStart, int[] cellSegments, int segmentCount) {
    this.network = network;
    this.minLon = bounds[0];
    this.minLat = bounds[1];
    this.maxLon = bounds[2];
    this.maxLat = bounds[3];
    this.cellDegreesLon = cellDegreesLon;
    this.cellDegreesLat = cellDegreesLat;
    this.columns = columns;
    this.rows = rows;
    this.cellStart = cellStart;
    this.cellSegments = cellSegments;
    this.segmentCount = segmentCount;
  }

  /** Indexes the edges {@code graph} (one of {@code network}'s mode graphs) has arcs on. */
  public static NetworkLocator build(RoadNetwork network, ModeGraph graph) {
    boolean[] usable = new boolean[network.edgeCount()];
    for (int arc = 0; arc < graph.arcCount(); arc++) {
      usable[graph.arcEdge[arc]] = true;
    }
    double[] bounds = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    int segments = 0;
    for (int edge = 0; edge < usable.length; edge++) {
      if (!usable[edge]) {
        continue;
      }
      for (int p = network.geometryStart[edge]; p < network.geometryStart[edge + 1]; p++) {
        bounds[0] = Math.min(bounds[0], network.pointLon[p]);
        bounds[1] = Math.min(bounds[1], network.pointLat[p]);
        bounds[2] = Math.max(bounds[2], network.pointLon[p]);
        bounds[3] = Math.max(bounds[3], network.pointLat[p]);
      }
      segments += network.geometryStart[edge + 1] - network.geometryStart[edge] - 1;
    }
    if (segments == 0) {
      return new NetworkLocator(network, new double[] {0, 0, 0, 0}, 1, 1, 0, 0, new int[] {0}, new int[0], 0);
    }

    double cosMidLat = Math.cos(Math.toRadians((bounds[1] + bounds[3]) / 2));
    double widthMeters = Math.max(1, (bounds[2] - bounds[0]) * METERS_PER_DEGREE * cosMidLat);
    double heightMeters = Math.max(1, (bounds[3] - bounds[1]) * METERS_PER_DEGREE);
    double cellMeters = Math.sqrt(widthMeters * heightMeters * SEGMENTS_PER_CELL / segments);
    cellMeters = Math.max(MIN_CELL_METERS, Math.min(MAX_CELL_METERS, cellMeters));
    while ((Math.floor(widthMeters / cellMeters) + 1) * (Math.floor(heightMeters / cellMeters) + 1) > MAX_CELLS) {
      cellMeters *= 1.25;
    }
    double cellDegreesLat = cellMeters / METERS_PER_DEGREE;
    double cellDegreesLon = cellMeters / (METERS_PER_DEGREE * cosMidLat);
    int columns = (int) Math.floor((bounds[2] - bounds[0]) / cellDegreesLon) + 1;
    int rows = (int) Math.floor((bounds[3] - bounds[1]) / cellDegreesLat) + 1;

    Rasterizer raster = new Rasterizer(network, bounds, cellDegreesLon, cellDegreesLat, columns, rows);
    int[] cellStart = new int[columns * rows + 1];
    raster.counts = cellStart;
    forEachSegment(network, usable, raster);
    for (int cell = 0; cell < columns * rows; cell++) {
      cellStart[cell + 1] += cellStart[cell];
    }
    int[] cellSegments = new int[cellStart[columns * rows]];
    raster.counts = null;
    raster.next = java.util.Arrays.copyOf(cellStart, columns * rows);
    raster.fill = cellSegments;
    forEachSegment(network, usable, raster);
    return new NetworkLocator(network, bounds, cellDegreesLon, cellDegreesLat, columns, rows, cellStart,
        cellSegments, segments);
  }

  private static void forEachSegment(RoadNetwork network, boolean[] usable, Rasterizer raster) {
    for (int edge = 0; edge < usable.length; edge++) {
      if (usable[edge]) {
        for (int p = network.geometryStart[edge]; p < network.geometryStart[edge + 1] - 1; p++) {
          raster.cover(p);
        }
      }
    }
  }

  /** The straight segments indexed (one per pair of consecutive geometry points). */
  public int segmentCount() {
    return segmentCount;
  }

  /**
   * The point on this mode's roads nearest to ({@code lon}, {@code lat}), WGS84 degrees.
   *
   * @param maxSnapMeters how far from the road the point may be, metres (&gt;= 0; +inf for no limit)
   * @return empty when no road of this mode is within {@code maxSnapMeters}
   */
  public Optional<SnappedPoint> snap(double lon, double lat, double maxSnapMeters) {
    if (Double.isNaN(maxSnapMeters) || maxSnapMeters < 0 || Double.isNaN(lon) || Double.isNaN(lat)) {
      throw new IllegalArgumentException("snap needs finite coordinates and a distance >= 0");
    }
    if (segmentCount == 0) {
      return Optional.empty();
    }
    double metersPerDegreeLon = METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
    double outsideLon = lon < minLon ? minLon - lon : lon > maxLon ? lon - maxLon : 0;
    double outsideLat = lat < minLat ? minLat - lat : lat > maxLat ? lat - maxLat : 0;
    double maxSquared = maxSnapMeters * maxSnapMeters;
    if (square(outsideLon * metersPerDegreeLon) + square(outsideLat * METERS_PER_DEGREE) > maxSquared) {
      return Optional.empty();
    }
    double cellMeters = Math.min(cellDegreesLat * METERS_PER_DEGREE, cellDegreesLon * metersPerDegreeLon);
    // the query's cell, possibly outside the grid when the point lies beyond the network's edge
    long centerColumn = (long) Math.floor((lon - minLon) / cellDegreesLon);
    long centerRow = (long) Math.floor((lat - minLat) / cellDegreesLat);

    Nearest nearest = new Nearest(lon, lat, metersPerDegreeLon, maxSquared);
    for (long ring = 0; ; ring++) {
      long rowFrom = Math.max(0, centerRow - ring);
      long rowTo = Math.min(rows - 1L, centerRow + ring);
      for (long row = rowFrom; row <= rowTo; row++) {
        boolean edgeRow = row == centerRow - ring || row == centerRow + ring;
        long columnFrom = Math.max(0, centerColumn - ring);
        long columnTo = Math.min(columns - 1L, centerColumn + ring);
        if (edgeRow) {
          for (long column = columnFrom; column <= columnTo; column++) {
            scanCell((int) (row * columns + column), nearest);
          }
        } else {
          // inner rows of the ring: only its left and right cells
          if (centerColumn - ring >= 0 && centerColumn - ring < columns) {
            scanCell((int) (row * columns + centerColumn - ring), nearest);
          }
          if (ring > 0 && centerColumn + ring >= 0 && centerColumn + ring < columns) {
            scanCell((int) (row * columns + centerColumn + ring), nearest);
          }
        }
      }
      double reachedMeters = ring * cellMeters;
      boolean wholeGrid = centerColumn - ring <= 0 && centerRow - ring <= 0
          && centerColumn + ring >= columns - 1 && centerRow + ring >= rows - 1;
      if ((nearest.point >= 0 && nearest.distanceSquared <= reachedMeters * reachedMeters)
          || reachedMeters > maxSnapMeters || wholeGrid) {
        break;
      }
    }
    return nearest.point < 0 ? Optional.empty() : Optional.of(result(nearest));
  }

  private void scanCell(int cell, Nearest nearest) {
    double[] lons = network.pointLon;
    double[] lats = network.pointLat;
    for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
      int p = cellSegments[i];
      double ax = (lons[p] - nearest.lon) * nearest.metersPerDegreeLon;
      double ay = (lats[p] - nearest.lat) * METERS_PER_DEGREE;
      double dx = (lons[p + 1] - nearest.lon) * nearest.metersPerDegreeLon - ax;
      double dy = (lats[p + 1] - nearest.lat) * METERS_PER_DEGREE - ay;
      double lengthSquared = dx * dx + dy * dy;
      double t = lengthSquared > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared)) : 0;
      double px = ax + t * dx;
      double py = ay + t * dy;
      double distanceSquared = px * px + py * py;
      if (distanceSquared < nearest.distanceSquared) {
        nearest.distanceSquared = distanceSquared;
        nearest.point = p;
        nearest.t = t;
      }
    }
  }

  private SnappedPoint result(Nearest nearest) {
    int p = nearest.point;
    int edge = edgeOfPoint(p);
    double before = 0;
    double total = 0;
    double segment = 0;
    for (int q = network.geometryStart[edge]; q < network.geometryStart[edge + 1] - 1; q++) {
      double length = Math.hypot((network.pointLon[q + 1] - network.pointLon[q]) * nearest.metersPerDegreeLon,
          (network.pointLat[q + 1] - network.pointLat[q]) * METERS_PER_DEGREE);
      if (q < p) {
        before += length;
      } else if (q == p) {
        segment = length;
      }
      total += length;
    }
    double fraction = total > 0 ? Math.min(1, (before + nearest.t * segment) / total) : 0;
    double lon = network.pointLon[p] + nearest.t * (network.pointLon[p + 1] - network.pointLon[p]);
    double lat = network.pointLat[p] + nearest.t * (network.pointLat[p + 1] - network.pointLat[p]);
    return new SnappedPoint(edge, fraction, Math.sqrt(nearest.distanceSquared), lon, lat);
  }

  /** The edge whose geometry holds point {@code p}: geometry ranges are consecutive and increasing. */
  private int edgeOfPoint(int p) {
    int low = 0;
    int high = network.edgeCount() - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (network.geometryStart[mid] <= p) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private static double square(double value) {
    return value * value;
  }

  /** The best candidate of one query. */
  private static final class Nearest {
    final double lon;
    final double lat;
    final double metersPerDegreeLon;
    double distanceSquared;
    int point = -1;
    double t;

    Nearest(double lon, double lat, double metersPerDegreeLon, double maxSquared) {
      this.lon = lon;
      this.lat = lat;
      this.metersPerDegreeLon = metersPerDegreeLon;
      // a candidate must be strictly nearer than the limit, or exactly at it
      this.distanceSquared = Math.nextUp(maxSquared);
    }
  }

  /** Registers a segment in the cells it passes through: counting first, then filling. */
  private static final class Rasterizer {
    private final RoadNetwork network;
    private final double minLon;
    private final double minLat;
    private final double cellDegreesLon;
    private final double cellDegreesLat;
    private final int columns;
    private final int rows;
    int[] counts;
    int[] next;
    int[] fill;

    Rasterizer(RoadNetwork network, double[] bounds, double cellDegreesLon, double cellDegreesLat, int columns,
        int rows) {
      this.network = network;
      this.minLon = bounds[0];
      this.minLat = bounds[1];
      this.cellDegreesLon = cellDegreesLon;
      this.cellDegreesLat = cellDegreesLat;
      this.columns = columns;
      this.rows = rows;
    }

    /** Row band by row band: the part of the segment inside a band spans a range of columns. */
    void cover(int p) {
      double x0 = (network.pointLon[p] - minLon) / cellDegreesLon;
      double y0 = (network.pointLat[p] - minLat) / cellDegreesLat;
      double x1 = (network.pointLon[p + 1] - minLon) / cellDegreesLon;
      double y1 = (network.pointLat[p + 1] - minLat) / cellDegreesLat;
      int rowFrom = clamp((int) Math.floor(Math.min(y0, y1)), rows);
      int rowTo = clamp((int) Math.floor(Math.max(y0, y1)), rows);
      for (int row = rowFrom; row <= rowTo; row++) {
        double xa = x0;
        double xb = x1;
        if (y1 != y0) {
          double ta = Math.max(0, Math.min(1, (row - y0) / (y1 - y0)));
          double tb = Math.max(0, Math.min(1, (row + 1 - y0) / (y1 - y0)));
          xa = x0 + ta * (x1 - x0);
          xb = x0 + tb * (x1 - x0);
        }
        int columnFrom = clamp((int) Math.floor(Math.min(xa, xb)), columns);
        int columnTo = clamp((int) Math.floor(Math.max(xa, xb)), columns);
        for (int column = columnFrom; column <= columnTo; column++) {
          int cell = row * columns + column;
          if (fill == null) {
            counts[cell + 1]++;
          } else {
            fill[next[cell]++] = p;
          }
        }
      }
    }

    private static int clamp(int index, int size) {
      return Math.max(0, Math.min(size - 1, index));
    }
  }
}
