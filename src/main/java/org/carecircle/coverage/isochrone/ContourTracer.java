package org.carecircle.coverage.isochrone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Marching squares on a {@link CoverageRaster}: the rings bounding {value &le; cutoff}.
 *
 * <p>A lattice point is inside the zone of cutoff c when its {@link CoverageRaster#value} is
 * &le; c. Where a lattice edge joins an inside point a to an outside point b, the ring crosses it
 * where the <em>model</em> says the zone ends along a-b, evaluated with the nearer of the road
 * pieces nearest to a and to b (the walk from that piece within the cutoff and within the
 * maximum off-road distance), rather than by interpolating the two values: interpolation would
 * blur the kink where the maximum off-road distance, or a change of nearest road (a riverbank),
 * cuts the field. The crossing is the first change found in a few steps along a-b, refined by
 * bisection. Where a is inside only as a corner of a conservatively drawn road cell (the model
 * puts it outside), the crossing sits as close to a as the clearance below allows.
 *
 * <p>IMPLEMENTATION NOTE. Two guarantees rest on one rule: each crossing is kept at least
 * {@link #CROSSING_CLEARANCE} of a cell away from both ends of its lattice edge. (1) Every
 * inside lattice point, and every cell whose four corners are inside, keeps a clearance of
 * {@code CROSSING_CLEARANCE / sqrt(2)} cells from the rings, so a simplification that moves the
 * rings by less than that cannot cut it off (the containment promise of
 * {@link IsochroneBuilder}). (2) Any two ring segments that do not share an end are at least
 * {@code CROSSING_CLEARANCE} cells apart (they are separated by a lattice edge or corner, or sit
 * in one saddle cell), so a simplification that moves the rings by less than half that keeps
 * them from crossing: the polygons stay valid. The clearance moves a crossing by at most a tenth
 * of a cell, outwards or inwards.
 *
 * <p>Saddle cells (two diagonal corners inside, two outside) are resolved by the model at the
 * cell centre, with the corners' pieces; one decision per cell, so rings never cross. Rings are
 * traced with the zone on their left (shells counter-clockwise, holes clockwise). The outermost
 * lattice rows and columns are always outside, so every ring closes.
 */
final class ContourTracer {
  /** Least distance of a crossing from either end of its lattice edge, in cells. */
  static final double CROSSING_CLEARANCE = 0.1;

  /** Steps of the scan for a crossing along a lattice edge: finds the first of several. */
  private static final int SCAN_STEPS = 4;

  /** Bisections after the scan: to 1/4 / 2^6 = 1/256 of a cell, 16 cm at 40 m. */
  private static final int BISECTIONS = 6;

  /**
   * For each 4-bit corner code (bit k = corner k inside; corners counter-clockwise from the
   * lower left) the ring segments as pairs of cell sides (side k runs from corner k to corner
   * k+1): [separated saddle or ordinary case][connected saddle].
   */
  private static final int[][][] SEGMENTS = new int[16][2][];

  static {
    for (int code = 0; code < 16; code++) {
      for (int connected = 0; connected < 2; connected++) {
        int[] pairs = new int[4];
        int count = 0;
        boolean saddle = code == 5 || code == 10;
        for (int k = 0; k < 4; k++) {
          boolean here = (code >> k & 1) == 1;
          boolean next = (code >> ((k + 1) % 4) & 1) == 1;
          if (here && !next) {
            //-- leaves the zone on side k; the ring returns on the side where the zone comes
            //-- back: the next such side cuts off an outside corner (connected saddle), the
            //-- previous one cuts off an inside corner
            int to = -1;
            for (int step = 1; step < 4; step++) {
              int side = saddle && connected == 0 ? (k + 4 - step) % 4 : (k + step) % 4;
              boolean a = (code >> side & 1) == 1;
              boolean b = (code >> ((side + 1) % 4) & 1) == 1;
              if (!a && b) {
                to = side;
                break;
              }
            }
            pairs[count++] = k;
            pairs[count++] = to;
          }
        }
        SEGMENTS[code][connected] = Arrays.copyOf(pairs, count);
      }
    }
  }

  private final CoverageRaster raster;
  private final float[] value;
  private final int columns;
  /** Per lattice edge (2n: from n east, 2n+1: from n north): the next crossing, or -1. */
  private final int[] next;
  private int[] starts = new int[1024];

  ContourTracer(CoverageRaster raster) {
    this.raster = raster;
    this.value = raster.value;
    this.columns = raster.columns;
    this.next = new int[2 * raster.columns * raster.rows];
    Arrays.fill(next, -1);
  }

  /** The rings of the zone of {@code cutoffSeconds}, in lattice units. */
  List<ContourRing> trace(double cutoffSeconds) {
    int startCount = link(cutoffSeconds);
    List<ContourRing> rings = new ArrayList<>();
    double[] xs = new double[256];
    double[] ys = new double[256];
    for (int s = 0; s < startCount; s++) {
      int start = starts[s];
      if (next[start] < 0) {
        continue;
      }
      int size = 0;
      int edge = start;
      do {
        if (size == xs.length) {
          xs = Arrays.copyOf(xs, size * 2);
          ys = Arrays.copyOf(ys, size * 2);
        }
        crossing(edge, cutoffSeconds, xs, ys, size);
        size++;
        int following = next[edge];
        next[edge] = -1;
        edge = following;
      } while (edge != start);
      rings.add(new ContourRing(Arrays.copyOf(xs, size), Arrays.copyOf(ys, size), size));
    }
    return rings;
  }

  /** Fills {@link #next} for every cell the contour passes; returns the number of starts. */
  private int link(double cutoffSeconds) {
    int startCount = 0;
    int cols = columns;
    for (int j = 0; j < raster.rows - 1; j++) {
      int row = j * cols;
      boolean lowerLeft = value[row] <= cutoffSeconds;
      boolean upperLeft = value[row + cols] <= cutoffSeconds;
      for (int i = 0; i < cols - 1; i++) {
        int n0 = row + i;
        boolean lowerRight = value[n0 + 1] <= cutoffSeconds;
        boolean upperRight = value[n0 + cols + 1] <= cutoffSeconds;
        int code = (lowerLeft ? 1 : 0) | (lowerRight ? 2 : 0) | (upperRight ? 4 : 0)
            | (upperLeft ? 8 : 0);
        lowerLeft = lowerRight;
        upperLeft = upperRight;
        if (code == 0 || code == 15) {
          continue;
        }
        int connected = (code == 5 || code == 10) && centreInside(i, j, cutoffSeconds) ? 1 : 0;
        int[] pairs = SEGMENTS[code][connected];
        for (int k = 0; k < pairs.length; k += 2) {
          int from = sideEdge(n0, pairs[k]);
          next[from] = sideEdge(n0, pairs[k + 1]);
          if (startCount == starts.length) {
            starts = Arrays.copyOf(starts, startCount * 2);
          }
          starts[startCount++] = from;
        }
      }
    }
    return startCount;
  }

  /** The lattice edge id of side k (0 bottom, 1 right, 2 top, 3 left) of the cell at n0. */
  private int sideEdge(int n0, int side) {
    return switch (side) {
      case 0 -> 2 * n0;
      case 1 -> 2 * (n0 + 1) + 1;
      case 2 -> 2 * (n0 + columns);
      default -> 2 * n0 + 1;
    };
  }

  /** The model at the centre of cell (i, j), with the nearest of its corners' pieces. */
  private boolean centreInside(int i, int j, double cutoffSeconds) {
    int n0 = raster.index(i, j);

    double x = i + 0.5;
    double y = j + 0.5;
    //-- the diagonal pairs are the corners that disagree; each pair's nearer piece decides for
    //-- that pair, and the centre counts as inside if either pair's piece reaches it in time
    double seconds = Math.min(
        raster.modelSeconds(x, y, raster.seedPiece(n0), raster.seedPiece(n0 + columns + 1)),
        raster.modelSeconds(x, y, raster.seedPiece(n0 + 1), raster.seedPiece(n0 + columns)));
    return seconds <= cutoffSeconds;
  }

  /** Writes the crossing point of lattice edge {@code edge} into xs[k], ys[k]. */
  private void crossing(int edge, double cutoffSeconds, double[] xs, double[] ys, int k) {
    int n = edge >> 1;
    int m = (edge & 1) == 0 ? n + 1 : n + columns;
    int inside = value[n] <= cutoffSeconds ? n : m;
    int outside = inside == n ? m : n;
    int ax = inside % columns;
    int ay = inside / columns;
    int ux = (outside % columns) - ax;
    int uy = (outside / columns) - ay;
    double t = crossingFraction(inside, ax, ay, outside, ux, uy, cutoffSeconds);
    t = Math.max(CROSSING_CLEARANCE, Math.min(1 - CROSSING_CLEARANCE, t));
    xs[k] = ax + t * ux;
    ys[k] = ay + t * uy;
  }

  /**
   * Where along a + t u (t in [0, 1], lattice units) the zone ends, by the model with the
   * nearest pieces of a and b: the first change found in {@link #SCAN_STEPS} steps, refined by
   * bisection. 0 when the model puts a itself outside (a is inside only as a corner of a
   * conservatively drawn road cell). Not yet clamped.
   */
  private double crossingFraction(int a, int ax, int ay, int b, int ux, int uy,
      double cutoffSeconds) {
    int pieceA = raster.seedPiece(a);
    int pieceB = raster.seedPiece(b);
    if (raster.modelSeconds(ax, ay, pieceA, pieceB) > cutoffSeconds) {
      return 0;
    }
    double inside = 0;
    for (int step = 1; step <= SCAN_STEPS; step++) {
      double t = (double) step / SCAN_STEPS;
      if (raster.modelSeconds(ax + t * ux, ay + t * uy, pieceA, pieceB) > cutoffSeconds) {
        double outside = t;
        for (int k = 0; k < BISECTIONS; k++) {
          double middle = (inside + outside) / 2;
          if (raster.modelSeconds(ax + middle * ux, ay + middle * uy, pieceA, pieceB)
              > cutoffSeconds) {
            outside = middle;
          } else {
            inside = middle;
          }
        }
        return (inside + outside) / 2;
      }
      inside = t;
    }
    //-- b is outside only by the propagation's imprecision
    return 1;
  }
}
