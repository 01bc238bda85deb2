package org.carecircle.coverage;

import java.util.Arrays;
import org.carecircle.network.RoadNetwork;

/**
 * The travel-time field of one search on a square lattice in a {@link LocalFrame}: what
 * {@link ContourTracer} draws zones from. Lattice point (i, j) lies at frame metres
 * (originX + i &times; cellMeters, originY + j &times; cellMeters); index i + j &times; columns.
 * Positions are kept in lattice units (cells).
 *
 * <p>Roads are cut into <em>pieces</em>: straight parts of an edge's polyline along which the
 * travel time is linear (cut at the polyline's bends, where the time from one end meets the time
 * from the other, and at partial starts). A piece's end points keep their own time, which may
 * be earlier than the road next to them (the node at the head of a one-way street). Per lattice
 * point the raster holds its nearest piece ({@link #seedPiece}, -1 when none, and the squared
 * distance {@link #seedDistanceSquared}) and {@link #value}: the seconds it takes to get there,
 * {@code +inf} for outside every zone.
 *
 * <p>IMPLEMENTATION NOTE. Roads are rasterized <em>conservatively</em>: every lattice cell that
 * a piece crosses gives its four corners the least travel time of the piece's part inside that
 * cell, with no walking time added. So for every road point with time t, the four corners of its
 * cell have a value &le; t, and marching squares puts the whole cell, hence the road point,
 * inside every zone with cutoff &ge; t. The price is that roads look up to one cell wide at the
 * fringe of a zone. Off the road the field follows the model: each lattice point gets the time
 * of its nearest road point plus the walk from there, if the walk is no longer than the maximum
 * off-road distance. The nearest road point comes from a two-pass propagation of nearest-piece
 * candidates between 8-neighbours (Danielsson's 8SSEDT, 1980, carrying features instead of
 * offsets) in time linear in the lattice size. Carrying whole pieces rather than sampled road
 * points matters where a reached and an unreached road meet: the boundary between the places
 * nearest to one and to the other is then the true one (the bisector of the two roads), not
 * the bisector of two arbitrary sample points a metre apart, which may point anywhere. The
 * propagation is not exact: in rare configurations a lattice point keeps a piece slightly
 * farther than the nearest one (a few percent of a cell).
 */
final class CoverageRaster {
  /** Floats per piece in {@link #pieces}. */
  private static final int STRIDE = 9;
  private static final int X0 = 0;
  private static final int Y0 = 1;
  private static final int DX = 2;
  private static final int DY = 3;
  private static final int INVERSE_LENGTH2 = 4;
  private static final int LINEAR0 = 5;
  private static final int LINEAR1 = 6;
  private static final int AT0 = 7;
  private static final int AT1 = 8;

  /**
   * Beyond this many cells past the maximum off-road distance a lattice point's nearest piece
   * no longer matters: every place it could be nearest to is outside every zone.
   */
  private static final double PROPAGATION_SLACK_CELLS = 2;

  final LocalFrame frame;
  final double originX;
  final double originY;
  final double cellMeters;
  final int columns;
  final int rows;
  /** Walking seconds per cell length. */
  final double secondsPerCell;
  final double maxOffRoadCells;

  final float[] value;
  final int[] seedPiece;
  final float[] seedDistanceSquared;

  /**
   * Pieces, {@value #STRIDE} floats each, interleaved so that one piece is one or two cache
   * lines: start x, y and extent dx, dy (lattice units); 1 / squared length (0 for a point);
   * seconds at start and end of the linear time that rules the interior; seconds at the exact
   * start and end points.
   */
  private float[] pieces = new float[4096 * STRIDE];
  private int pieceCount;

  private double[] scratchX = new double[64];
  private double[] scratchY = new double[64];
  private double[] scratchFraction = new double[64];
  private double[] breakpoints = new double[8];
  private final double[] partSeconds = new double[2];

  CoverageRaster(LocalFrame frame, double originX, double originY, double cellMeters, int columns,
      int rows, double offRoadSpeedMetersPerSecond, double maxOffRoadMeters) {
    this.frame = frame;
    this.originX = originX;
    this.originY = originY;
    this.cellMeters = cellMeters;
    this.columns = columns;
    this.rows = rows;
    this.secondsPerCell = cellMeters / offRoadSpeedMetersPerSecond;
    this.maxOffRoadCells = maxOffRoadMeters / cellMeters;
    int size = Math.multiplyExact(columns, rows);
    value = new float[size];
    seedPiece = new int[size];
    seedDistanceSquared = new float[size];
    Arrays.fill(value, Float.POSITIVE_INFINITY);
    Arrays.fill(seedPiece, -1);
    Arrays.fill(seedDistanceSquared, Float.POSITIVE_INFINITY);
  }

  int pieceCount() {
    return pieceCount;
  }

  /** Cuts every usable edge of the mode that touches the lattice into pieces and draws them. */
  void rasterize(ModeEdges modeEdges, EdgeTravelTime times) {
    RoadNetwork network = modeEdges.network;
    double minLon = frame.lon(originX);
    double maxLon = frame.lon(originX + (columns - 1) * cellMeters);
    double minLat = frame.lat(originY);
    double maxLat = frame.lat(originY + (rows - 1) * cellMeters);
    for (int k = 0; k < modeEdges.usableEdges.length; k++) {
      if (modeEdges.maxLon[k] < minLon || modeEdges.minLon[k] > maxLon
          || modeEdges.maxLat[k] < minLat || modeEdges.minLat[k] > maxLat) {
        continue;
      }
      int edge = modeEdges.usableEdges[k];
      times.load(edge);
      rasterizeEdge(network, edge, times);
    }
  }

  private void rasterizeEdge(RoadNetwork network, int edge, EdgeTravelTime times) {
    int first = network.geometryStart[edge];
    int count = network.geometryStart[edge + 1] - first;
    if (count == 0) {
      return;
    }
    ensureScratch(count);
    double lengthMeters = 0;
    double previousX = 0;
    double previousY = 0;
    for (int p = 0; p < count; p++) {
      double x = frame.x(network.pointLon[first + p]);
      double y = frame.y(network.pointLat[first + p]);
      if (p > 0) {
        lengthMeters += Math.hypot(x - previousX, y - previousY);
      }
      previousX = x;
      previousY = y;
      scratchX[p] = (x - originX) / cellMeters;
      scratchY[p] = (y - originY) / cellMeters;
      scratchFraction[p] = lengthMeters;
    }
    for (int p = 0; p < count; p++) {
      //-- fractions by length, as travel times are proportional to length; an edge of zero
      //-- length is spread evenly over its points
      scratchFraction[p] = lengthMeters > 0
          ? scratchFraction[p] / lengthMeters
          : (count > 1 ? (double) p / (count - 1) : 0);
    }
    scratchFraction[count - 1] = 1;
    if (count == 1) {
      addPiece(scratchX[0], scratchY[0], scratchX[0], scratchY[0], 0, 1, times);
      return;
    }
    if (breakpoints.length < times.maxBreakpoints()) {
      breakpoints = new double[times.maxBreakpoints()];
    }
    int breakpointCount = times.breakpoints(breakpoints);
    int b = 0;
    for (int p = 0; p + 1 < count; p++) {
      double fromFraction = scratchFraction[p];
      double toFraction = scratchFraction[p + 1];
      double ax = scratchX[p];
      double ay = scratchY[p];
      double fa = fromFraction;
      while (b < breakpointCount && breakpoints[b] <= fa) {
        b++;
      }
      while (b < breakpointCount && breakpoints[b] < toFraction) {
        double w = (breakpoints[b] - fromFraction) / (toFraction - fromFraction);
        double bx = scratchX[p] + w * (scratchX[p + 1] - scratchX[p]);
        double by = scratchY[p] + w * (scratchY[p + 1] - scratchY[p]);
        addPiece(ax, ay, bx, by, fa, breakpoints[b], times);
        ax = bx;
        ay = by;
        fa = breakpoints[b];
        b++;
      }
      addPiece(ax, ay, scratchX[p + 1], scratchY[p + 1], fa, toFraction, times);
    }
  }

  private void ensureScratch(int count) {
    if (scratchX.length < count) {
      int size = Math.max(count, scratchX.length * 2);
      scratchX = new double[size];
      scratchY = new double[size];
      scratchFraction = new double[size];
    }
  }

  private void addPiece(double ax, double ay, double bx, double by, double fa, double fb,
      EdgeTravelTime times) {
    times.linearPart(fa, fb, partSeconds);
    if ((pieceCount + 1) * STRIDE > pieces.length) {
      pieces = Arrays.copyOf(pieces, pieces.length * 2);
    }
    int k = pieceCount++;
    int o = k * STRIDE;
    float dx = (float) (bx - ax);
    float dy = (float) (by - ay);
    float length2 = dx * dx + dy * dy;
    pieces[o + X0] = (float) ax;
    pieces[o + Y0] = (float) ay;
    pieces[o + DX] = dx;
    pieces[o + DY] = dy;
    pieces[o + INVERSE_LENGTH2] = length2 > 0 ? 1 / length2 : 0;
    pieces[o + LINEAR0] = floorToFloat(partSeconds[0]);
    pieces[o + LINEAR1] = floorToFloat(partSeconds[1]);
    pieces[o + AT0] = floorToFloat(Math.min(partSeconds[0], times.secondsAt(fa)));
    pieces[o + AT1] = floorToFloat(Math.min(partSeconds[1], times.secondsAt(fb)));
    drawPiece(k);
  }

  /**
   * Walks the cells that piece k crosses, in order (Amanatides and Woo's traversal), clipped to
   * the lattice, and writes each cell's corners.
   */
  private void drawPiece(int k) {
    int o = k * STRIDE;
    double px = pieces[o + X0];
    double py = pieces[o + Y0];
    double dx = pieces[o + DX];
    double dy = pieces[o + DY];
    //-- Liang-Barsky clip to the lattice rectangle [0, columns-1] x [0, rows-1]
    double uLo = 0;
    double uHi = 1;
    if (dx == 0) {
      if (px < 0 || px > columns - 1) {
        return;
      }
    } else {
      double u0 = -px / dx;
      double u1 = (columns - 1 - px) / dx;
      uLo = Math.max(uLo, Math.min(u0, u1));
      uHi = Math.min(uHi, Math.max(u0, u1));
    }
    if (dy == 0) {
      if (py < 0 || py > rows - 1) {
        return;
      }
    } else {
      double u0 = -py / dy;
      double u1 = (rows - 1 - py) / dy;
      uLo = Math.max(uLo, Math.min(u0, u1));
      uHi = Math.min(uHi, Math.max(u0, u1));
    }
    if (uLo > uHi) {
      return;
    }
    int ci = Math.min(columns - 2, Math.max(0, (int) Math.floor(px + uLo * dx)));
    int cj = Math.min(rows - 2, Math.max(0, (int) Math.floor(py + uLo * dy)));
    int stepX = dx > 0 ? 1 : -1;
    int stepY = dy > 0 ? 1 : -1;
    double nextUx = dx > 0 ? (ci + 1 - px) / dx : dx < 0 ? (ci - px) / dx : Double.POSITIVE_INFINITY;
    double nextUy = dy > 0 ? (cj + 1 - py) / dy : dy < 0 ? (cj - py) / dy : Double.POSITIVE_INFINITY;
    double deltaUx = dx != 0 ? 1 / Math.abs(dx) : Double.POSITIVE_INFINITY;
    double deltaUy = dy != 0 ? 1 / Math.abs(dy) : Double.POSITIVE_INFINITY;
    double u = uLo;
    float secondsAtU = secondsAlong(k, u);
    while (true) {
      double uNext = Math.max(u, Math.min(uHi, Math.min(nextUx, nextUy)));
      float secondsAtNext = secondsAlong(k, uNext);
      writeCorners(k, ci, cj, Math.min(secondsAtU, secondsAtNext));
      if (uNext >= uHi) {
        return;
      }
      if (nextUx <= nextUy) {
        ci += stepX;
        nextUx += deltaUx;
      } else {
        cj += stepY;
        nextUy += deltaUy;
      }
      if (ci < 0 || ci > columns - 2 || cj < 0 || cj > rows - 2) {
        return;
      }
      u = uNext;
      secondsAtU = secondsAtNext;
    }
  }

  private void writeCorners(int k, int ci, int cj, float leastSeconds) {
    int n00 = ci + cj * columns;
    writeCorner(k, n00, ci, cj, leastSeconds);
    writeCorner(k, n00 + 1, ci + 1, cj, leastSeconds);
    writeCorner(k, n00 + columns, ci, cj + 1, leastSeconds);
    writeCorner(k, n00 + columns + 1, ci + 1, cj + 1, leastSeconds);
  }

  private void writeCorner(int k, int n, int i, int j, float leastSeconds) {
    if (leastSeconds < value[n]) {
      value[n] = leastSeconds;
    }
    if (seedPiece[n] != k) {
      offerPiece(n, k, i, j);
    }
  }

  /** Time at parameter w in [0, 1] along piece k. */
  float secondsAlong(int k, double w) {
    int o = k * STRIDE;
    if (w <= 0) {
      return pieces[o + AT0];
    }
    if (w >= 1) {
      return pieces[o + AT1];
    }
    float s0 = pieces[o + LINEAR0];
    float s1 = pieces[o + LINEAR1];
    if (s0 == s1) {
      return s0;
    }
    if (s0 == Float.POSITIVE_INFINITY || s1 == Float.POSITIVE_INFINITY) {
      return Float.POSITIVE_INFINITY;
    }
    //-- linear in between; rounded down to keep the containment promise
    return floorToFloat(s0 + w * (s1 - s0));
  }

  /** Parameter of the point of piece k nearest to (x, y). */
  float nearestParameter(int k, float x, float y) {
    int o = k * STRIDE;
    float w = ((x - pieces[o + X0]) * pieces[o + DX] + (y - pieces[o + Y0]) * pieces[o + DY])
        * pieces[o + INVERSE_LENGTH2];
    return w < 0 ? 0 : (w > 1 ? 1 : w);
  }

  /** Squared distance from (x, y) to piece k, cells squared. */
  float distanceSquared(int k, float x, float y) {
    int o = k * STRIDE;
    float x0 = pieces[o + X0];
    float y0 = pieces[o + Y0];
    float dx = pieces[o + DX];
    float dy = pieces[o + DY];
    float w = Math.min(1f, Math.max(0f,
        ((x - x0) * dx + (y - y0) * dy) * pieces[o + INVERSE_LENGTH2]));
    float ex = x0 + w * dx - x;
    float ey = y0 + w * dy - y;
    return ex * ex + ey * ey;
  }

  /**
   * Seconds to reach place (x, y) (lattice units) by the model with the nearer of two
   * candidate pieces (either may be -1); +inf beyond the maximum off-road distance.
   */
  double modelSeconds(double x, double y, int pieceA, int pieceB) {
    float fx = (float) x;
    float fy = (float) y;
    float distanceA = pieceA >= 0 ? distanceSquared(pieceA, fx, fy) : Float.POSITIVE_INFINITY;
    float distanceB = pieceB >= 0 ? distanceSquared(pieceB, fx, fy) : Float.POSITIVE_INFINITY;
    int piece;
    float best;
    if (distanceA < distanceB) {
      piece = pieceA;
      best = distanceA;
    } else if (distanceB < distanceA) {
      piece = pieceB;
      best = distanceB;
    } else if (pieceA < 0) {
      return Double.POSITIVE_INFINITY;
    } else {
      //-- equally near: both end at the same node or start, whose own time is the earlier
      best = distanceA;
      piece = secondsAlong(pieceA, nearestParameter(pieceA, fx, fy))
          <= secondsAlong(pieceB, nearestParameter(pieceB, fx, fy)) ? pieceA : pieceB;
    }
    double distanceCells = Math.sqrt(best);
    return distanceCells <= maxOffRoadCells
        ? secondsAlong(piece, nearestParameter(piece, fx, fy)) + distanceCells * secondsPerCell
        : Double.POSITIVE_INFINITY;
  }

  /** The float nearest below {@code seconds}: rounding up would break the containment promise. */
  static float floorToFloat(double seconds) {
    float f = (float) seconds;
    if (f > seconds) {
      //-- one unit in the last place down; positive finite floats only get here in practice
      f = f > 0 ? Float.intBitsToFloat(Float.floatToRawIntBits(f) - 1) : Math.nextDown(f);
    }
    return f;
  }

  /**
   * Propagates nearest pieces to every lattice point (two raster passes, see the class note),
   * then computes {@link #value}. The outermost lattice rows and columns stay outside every
   * zone, so that every contour closes inside the lattice.
   */
  void propagateAndEvaluate() {
    int cols = columns;
    double reach = maxOffRoadCells + PROPAGATION_SLACK_CELLS;
    float reach2 = (float) (reach * reach);
    for (int j = 1; j < rows - 1; j++) {
      int row = j * cols;
      for (int i = 1; i < cols - 1; i++) {
        int p = row + i;
        offerNeighbours(p, p - 1, p - cols - 1, p - cols, p - cols + 1, i, j, reach2);
      }
      for (int i = cols - 2; i >= 1; i--) {
        int p = row + i;
        offerNeighbours(p, p + 1, p + 1, p + 1, p + 1, i, j, reach2);
      }
    }
    for (int j = rows - 2; j >= 1; j--) {
      int row = j * cols;
      for (int i = cols - 2; i >= 1; i--) {
        int p = row + i;
        offerNeighbours(p, p + 1, p + cols + 1, p + cols, p + cols - 1, i, j, reach2);
      }
      for (int i = 1; i < cols - 1; i++) {
        int p = row + i;
        offerNeighbours(p, p - 1, p - 1, p - 1, p - 1, i, j, reach2);
      }
    }
    float maxOffRoadSquared = (float) (maxOffRoadCells * maxOffRoadCells);
    for (int j = 0; j < rows; j++) {
      boolean borderRow = j == 0 || j == rows - 1;
      for (int i = 0; i < cols; i++) {
        int p = j * cols + i;
        if (borderRow || i == 0 || i == cols - 1) {
          value[p] = Float.POSITIVE_INFINITY;
          continue;
        }
        float d2 = seedDistanceSquared[p];
        if (d2 <= maxOffRoadSquared) {
          int k = seedPiece[p];
          float roadSeconds = secondsAlong(k, nearestParameter(k, i, j));
          float offRoad = floorToFloat(roadSeconds + Math.sqrt(d2) * secondsPerCell);
          if (offRoad < value[p]) {
            value[p] = offRoad;
          }
        }
      }
    }
  }

  /**
   * Offers the pieces of up to four neighbours (repeat one to offer fewer) to lattice point p
   * at (i, j), skipping neighbours too far from their own piece to matter.
   */
  private void offerNeighbours(int p, int q1, int q2, int q3, int q4, int i, int j,
      float reach2) {
    float x = i;
    float y = j;
    offerNeighbour(p, q1, x, y, reach2);
    if (q2 != q1) {
      offerNeighbour(p, q2, x, y, reach2);
      offerNeighbour(p, q3, x, y, reach2);
      offerNeighbour(p, q4, x, y, reach2);
    }
  }

  private void offerNeighbour(int p, int q, float x, float y, float reach2) {
    int k = seedPiece[q];
    int current = seedPiece[p];
    if (k < 0 || k == current || seedDistanceSquared[q] > reach2) {
      return;
    }
    float d2 = distanceSquared(k, x, y);
    float currentD2 = seedDistanceSquared[p];
    if (d2 < currentD2 || (d2 == currentD2 && earlier(k, current, x, y))) {
      seedPiece[p] = k;
      seedDistanceSquared[p] = d2;
    }
  }

  /**
   * Whether piece k is reached earlier than piece other at their points nearest to (x, y):
   * decides between pieces that are equally near, such as pieces meeting at a node (the node's
   * own time is the least of theirs).
   */
  private boolean earlier(int k, int other, float x, float y) {
    return other < 0
        || secondsAlong(k, nearestParameter(k, x, y))
            < secondsAlong(other, nearestParameter(other, x, y));
  }

  /** Lets lattice point p at (i, j) adopt piece k if it is nearer (or as near and earlier). */
  private void offerPiece(int p, int k, int i, int j) {
    float d2 = distanceSquared(k, i, j);
    float current = seedDistanceSquared[p];
    if (d2 < current || (d2 == current && earlier(k, seedPiece[p], i, j))) {
      seedDistanceSquared[p] = d2;
      seedPiece[p] = k;
    }
  }

  int index(int i, int j) {
    return i + j * columns;
  }

  double frameX(double latticeX) {
    return originX + latticeX * cellMeters;
  }

  double frameY(double latticeY) {
    return originY + latticeY * cellMeters;
  }
}
