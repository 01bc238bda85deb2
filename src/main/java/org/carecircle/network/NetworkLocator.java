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
 *
 * <p>IMPLEMENTATION NOTE (points far from the roads): a 50 m population grid over a region's bbox
 * puts most cells in fields, forests and water, and proving "no road within the limit" by rings
 * reads every cell of a square of side twice the limit. So, per snap limit, the locator keeps a
 * {@link ReachMask} on a grid of about an eighth of the limit: one bit per mask cell, set when a
 * cell some segment passes through lies within {@code k} cells (Chebyshev) of it, {@code k =
 * floor(limit / smallest mask cell side) + 2}. A segment in a cell {@code d} cells away is at
 * least {@code (d - 1)} cell sides away, so {@code + 1} would do; the second cell is {@link
 * #RASTER_MARGIN_CELLS}. A point whose bit is clear has no road within the limit and is rejected
 * after one lookup; every other point takes the ring search, so answers within the limit are
 * exactly those of the ring search alone. Building a mask costs one rasterization of the segments
 * and two passes over the mask (tens of milliseconds on a regional network).
 */
public final class NetworkLocator implements MemoryFootprint {
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
  /**
   * Reach masks kept (one per snap limit asked for, 0.5 MB each at most): a service uses one or two
   * limits; a caller cycling through many limits rebuilds masks instead of growing memory.
   */
  static final int MAX_MASKS = 4;
  /**
   * One cell more than the geometry needs: a segment crossing a cell corner could, by rounding of
   * its band crossings, be registered in the neighbouring cell instead; the mask must not depend
   * on that rounding being exact.
   */
  static final int RASTER_MARGIN_CELLS = 1;
  /**
   * Mask cells per snap limit: 8 makes the mask overstate the reach by about 1.5 mask cells, a
   * fifth of the limit, while a 1 km limit on a 100 km × 25 km region needs only 160,000 cells.
   * (On the Heidelberg test grid, 4 left 18 % more empty points to the ring search.)
   */
  static final double REACH_CELLS_PER_LIMIT = 8;

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
  /** The smallest side of a cell in metres anywhere on the grid (cells narrow towards the pole). */
  private final double smallestCellMeters;
  private final java.util.Map<Double, ReachMask> masks = new java.util.concurrent.ConcurrentHashMap<>();

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
    double cosFarthest = Math.min(Math.cos(Math.toRadians(minLat)), Math.cos(Math.toRadians(maxLat)));
    this.smallestCellMeters = Math.min(cellDegreesLat * METERS_PER_DEGREE,
        cellDegreesLon * METERS_PER_DEGREE * cosFarthest);
  }

  /** Bytes of the cell index and of the reach masks built so far. */
  @Override
  public long memoryBytes() {
    long bytes = MemoryFootprint.bytesOf(cellStart, cellSegments);
    for (ReachMask mask : masks.values()) {
      bytes += MemoryFootprint.bytesOf(mask.bits);
    }
    return bytes;
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
    return rejectedWithoutSearch(lon, lat, maxSnapMeters) ? Optional.empty() : searchRings(lon, lat, maxSnapMeters);
  }

  /**
   * True when the point is shown to have no road within the limit without a search: there are no
   * roads, or the network's bbox is farther than the limit, or the reach mask rules it out.
   */
  boolean rejectedWithoutSearch(double lon, double lat, double maxSnapMeters) {
    if (segmentCount == 0) {
      return true;
    }
    double outsideLon = lon < minLon ? minLon - lon : lon > maxLon ? lon - maxLon : 0;
    double outsideLat = lat < minLat ? minLat - lat : lat > maxLat ? lat - maxLat : 0;
    if (outsideLon != 0 || outsideLat != 0) {
      double metersPerDegreeLon = METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
      return square(outsideLon * metersPerDegreeLon) + square(outsideLat * METERS_PER_DEGREE)
          > maxSnapMeters * maxSnapMeters;
    }
    return !reachMask(maxSnapMeters).mayReach((lon - minLon) / cellDegreesLon, (lat - minLat) / cellDegreesLat);
  }

  /** {@link #snap} without the reach mask: the ring search alone (kept apart so tests can compare). */
  Optional<SnappedPoint> searchRings(double lon, double lat, double maxSnapMeters) {
    double metersPerDegreeLon = METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
    double maxSquared = maxSnapMeters * maxSnapMeters;
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

  /** The column (or row) of a point inside the bbox; the max edge belongs to the last cell. */
  private static int cellIndex(double offsetInCells, int size) {
    return Math.min(size - 1, (int) offsetInCells);
  }

  private ReachMask reachMask(double maxSnapMeters) {
    ReachMask mask = masks.get(maxSnapMeters);
    if (mask == null) {
      if (masks.size() >= MAX_MASKS) {
        masks.clear();
      }
      mask = masks.computeIfAbsent(maxSnapMeters, this::buildReachMask);
    }
    return mask;
  }

  /**
   * The mask for one limit, on the index grid split into {@code split × split} finer cells, so that
   * a mask cell is about an eighth of the limit (the mask then overstates the reach by a fifth of
   * the limit, not by two index cells); at most {@link #MAX_CELLS} cells.
   */
  private ReachMask buildReachMask(double maxSnapMeters) {
    int split = 1;
    if (Double.isFinite(maxSnapMeters)) {
      double wanted = Math.max(MIN_CELL_METERS / 2, maxSnapMeters / REACH_CELLS_PER_LIMIT);
      split = (int) Math.max(1, Math.ceil(smallestCellMeters / wanted));
      split = (int) Math.max(1, Math.min(split, Math.floor(Math.sqrt((double) MAX_CELLS / ((long) columns * rows)))));
    }
    int maskColumns = columns * split;
    int maskRows = rows * split;
    double maskCellMeters = smallestCellMeters / split;
    long reach = Double.isInfinite(maxSnapMeters) ? Integer.MAX_VALUE
        : (long) Math.floor(maxSnapMeters / maskCellMeters) + 1 + RASTER_MARGIN_CELLS;
    // occupancy at the mask's resolution: each indexed segment rasterized again (duplicates, one
    // per index cell a segment crosses, only mark the same cells again)
    Rasterizer raster = new Rasterizer(network, new double[] {minLon, minLat, maxLon, maxLat},
        cellDegreesLon / split, cellDegreesLat / split, maskColumns, maskRows);
    raster.counts = new int[maskColumns * maskRows + 1];
    for (int segment : cellSegments) {
      raster.cover(segment);
    }
    return ReachMask.build(raster.counts, maskColumns, maskRows, split, reach);
  }

  /**
   * One bit per mask cell: clear when no occupied mask cell lies within {@code reachCells} cells
   * (Chebyshev distance), i.e. when no road can be within the snap limit of any point in it.
   */
  static final class ReachMask {
    private final long[] bits;
    private final int columns;
    private final int rows;
    private final int split;

    private ReachMask(long[] bits, int columns, int rows, int split) {
      this.bits = bits;
      this.columns = columns;
      this.rows = rows;
      this.split = split;
    }

    /**
     * Dilates the occupied cells by {@code reachCells}: a row pass, then a column pass, each by
     * prefix counts.
     *
     * @param counts segments per cell, shifted by one ({@code counts[cell + 1]}), as the rasterizer counts them
     */
    static ReachMask build(int[] counts, int columns, int rows, int split, long reachCells) {
      int k = (int) Math.min(reachCells, Math.max(columns, rows));
      boolean[] acrossRows = new boolean[columns * rows];
      int[] prefix = new int[Math.max(columns, rows) + 1];
      for (int row = 0; row < rows; row++) {
        for (int column = 0; column < columns; column++) {
          prefix[column + 1] = prefix[column] + (counts[row * columns + column + 1] > 0 ? 1 : 0);
        }
        for (int column = 0; column < columns; column++) {
          acrossRows[row * columns + column] = prefix[Math.min(columns, column + k + 1)] > prefix[Math.max(0, column - k)];
        }
      }
      long[] bits = new long[(columns * rows + 63) / 64];
      for (int column = 0; column < columns; column++) {
        for (int row = 0; row < rows; row++) {
          prefix[row + 1] = prefix[row] + (acrossRows[row * columns + column] ? 1 : 0);
        }
        for (int row = 0; row < rows; row++) {
          if (prefix[Math.min(rows, row + k + 1)] > prefix[Math.max(0, row - k)]) {
            int cell = row * columns + column;
            bits[cell >>> 6] |= 1L << cell;
          }
        }
      }
      return new ReachMask(bits, columns, rows, split);
    }

    /** @param column fractional column of the point on the index grid (&gt;= 0), likewise row */
    boolean mayReach(double column, double row) {
      int cell = cellIndex(row * split, rows) * columns + cellIndex(column * split, columns);
      return (bits[cell >>> 6] & (1L << cell)) != 0;
    }
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
      // sqrt, not Math.hypot: no overflow is possible at these magnitudes, and hypot costs ten times more
      double dx = (network.pointLon[q + 1] - network.pointLon[q]) * nearest.metersPerDegreeLon;
      double dy = (network.pointLat[q + 1] - network.pointLat[q]) * METERS_PER_DEGREE;
      double length = Math.sqrt(dx * dx + dy * dy);
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
