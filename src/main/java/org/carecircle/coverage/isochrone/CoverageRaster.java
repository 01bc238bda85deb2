package org.carecircle.coverage.isochrone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The travel-time field of one search on a square lattice in a {@link LocalFrame}: what
 * {@link ContourTracer} draws zones from. Lattice point (i, j) lies at frame metres
 * (originX + i &times; cellMeters, originY + j &times; cellMeters); index i + j &times; columns.
 * Positions are kept in lattice units (cells).
 *
 * <p>Roads are cut into <em>pieces</em>: straight parts of an edge's polyline along which the
 * travel time is linear (cut at the polyline's bends, where the time from one end meets the time
 * from the other, and at partial starts). A piece's end points keep their own time, which may be
 * earlier than the road next to them (the node at the head of a one-way street). Per lattice
 * point the raster holds its nearest piece and the squared distance to it, packed into one long
 * ({@link #seeds}, {@link #seedPiece}; piece 0 is "no piece"), and {@link #value}: the seconds
 * it takes to get there, {@code +inf} for outside every zone.
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
 * the bisector of two sample points a metre apart, which may point anywhere. The propagation is
 * not exact: in rare configurations a lattice point keeps a piece slightly farther than the
 * nearest one (a few percent of a cell). Two things keep it cheap. Drawing already offers
 * every piece to the four corners of each cell it crosses, so a lattice point whose drawn piece
 * is nearer than {@value #FINAL_DISTANCE_CELLS} cell has its nearest piece (any nearer one
 * crosses one of its four cells too) and the passes skip it: in a city about half of the
 * lattice. And only the part of the lattice within reach of a reached road is drawn, swept and
 * evaluated (see {@link #rasterize}).
 *
 * <p>Both steps run on several threads for large lattices: edges are drawn in chunks (south to
 * north, see {@link ModeEdges}) onto separate canvases that are then merged, and the transform
 * runs on horizontal bands whose seams are swept once more afterwards, far enough for every
 * place within the maximum off-road distance of a seam.
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

  /** Edges per drawing thread at least: fewer are not worth a thread. */
  private static final int MIN_EDGES_PER_THREAD = 200;

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
  /**
   * Per lattice point its nearest piece so far and the squared distance to it, packed into one
   * long: the distance's float bits in the upper half, the piece in the lower (see
   * {@link #seed}).
   */
  final long[] seeds;
  /** Threads the raster steps may use. */
  private final int threads;

  /** Side of a block of the {@link #spans} mask, in cells. */
  static final int BLOCK_CELLS = 4;

  /**
   * Per lattice row: the column ranges {lo, hi, lo, hi, ...} (inclusive, within 1 ..
   * columns - 2) that can matter, see {@link #rasterize}. Until then every inner column.
   */
  private int[][] spans;

  /**
   * Pieces, {@value #STRIDE} floats each, interleaved so that one piece is one or two cache
   * lines: start x, y and extent dx, dy (lattice units); 1 / squared length (0 for a point);
   * seconds at start and end of the linear time that rules the interior; seconds at the exact
   * start and end points. Piece 0 is "no piece": a point so far away that it is never nearest.
   */
  private float[] pieces;
  private int pieceCount;

  CoverageRaster(LocalFrame frame, double originX, double originY, double cellMeters, int columns,
      int rows, double offRoadSpeedMetersPerSecond, double maxOffRoadMeters, int threads) {
    this.frame = frame;
    this.threads = threads;
    this.originX = originX;
    this.originY = originY;
    this.cellMeters = cellMeters;
    this.columns = columns;
    this.rows = rows;
    this.secondsPerCell = cellMeters / offRoadSpeedMetersPerSecond;
    this.maxOffRoadCells = maxOffRoadMeters / cellMeters;
    int size = Math.multiplyExact(columns, rows);
    value = new float[size];
    seeds = new long[size];
    Arrays.fill(value, Float.POSITIVE_INFINITY);
    Arrays.fill(seeds, NO_SEED);
  }

  /**
   * A seed: piece k at squared distance d2 (cells squared, &ge; 0). The float bits of a
   * non-negative float order like the float, so the smaller long is the nearer piece, and the
   * lower piece number among equally near ones: one comparison of longs, without branches.
   */
  static long seed(float d2, int k) {
    return (long) Float.floatToRawIntBits(d2) << 32 | k;
  }

  /**
   * Seeds below this are final when the pieces have been drawn: nearer than
   * {@value #FINAL_DISTANCE_CELLS} cell. Every piece that passes within one cell of a lattice
   * point crosses one of the four cells around it, so drawing has already offered it to the
   * point (see the class note); the margin below one cell is for rounding.
   */
  static final float FINAL_DISTANCE_CELLS = 0.99f;

  static final long FINAL =
      seed(FINAL_DISTANCE_CELLS * FINAL_DISTANCE_CELLS, 0);

  /** No piece at infinite distance. */
  static final long NO_SEED = seed(Float.POSITIVE_INFINITY, 0);

  /** The nearest piece of lattice point n (0 for none). */
  int seedPiece(int n) {
    return (int) seeds[n];
  }

  static float seedDistanceSquared(long seed) {
    return Float.intBitsToFloat((int) (seed >>> 32));
  }

  int threads() {
    return threads;
  }

  /** Number of road pieces drawn. */
  int pieceCount() {
    return pieceCount - 1;
  }

  private int threadsFor(int workItems) {
    return Math.max(1, Math.min(threads, workItems));
  }

  /**
   * Cuts the usable edges of the mode that can matter into pieces and draws them, and marks the
   * lattice points that can matter ({@link #spans}). {@code times} gives one travel-time cursor
   * per thread; {@code maxCutoffSeconds} is the largest cutoff that will be traced.
   *
   * <p>IMPLEMENTATION NOTE. What matters is decided from the <em>reached</em> edges, those with
   * a road point reached within {@code maxCutoffSeconds}. A lattice point can be inside a zone,
   * or be the outer end of a crossing or a corner of a saddle cell, only within the maximum
   * off-road distance r plus 1.5 cells of a reached road point. Its nearest road is then no
   * farther than that, and the two-pass transform brings that road to it along lattice points
   * within about a cell of the straight line between them: all within 2 r + 4 cells of a
   * reached road point. So the raster marks blocks of {@value #BLOCK_CELLS} x
   * {@value #BLOCK_CELLS} cells under the reached edges' envelopes, widens the marks by
   * 2 r + 4 cells, draws only the edges whose envelopes meet a widened block (all reached ones
   * among them), and runs the transform and evaluation only on the widened blocks. Elsewhere no
   * place is within reach, and the lattice points keep {@code +inf}. In a city region the
   * outskirts of the lattice (forest, fields, the villages not reached in time) are skipped.
   */
  void rasterize(ModeEdges modeEdges, Supplier<EdgeTravelTime> times, double maxCutoffSeconds) {
    rasterize(modeEdges, false, times, maxCutoffSeconds);
  }

  /**
   * {@link #rasterize(ModeEdges, Supplier, double)}, finding the edges under the lattice with
   * the {@link EdgeGrid spatial index} if {@code indexed} (time in proportion to the lattice's
   * surroundings) or else by testing every usable edge of the mode (time in proportion to the
   * network). Both draw the same edges in the same order.
   */
  void rasterize(ModeEdges modeEdges, boolean indexed, Supplier<EdgeTravelTime> times,
      double maxCutoffSeconds) {
    double minLon = frame.lon(originX);
    double maxLon = frame.lon(originX + (columns - 1) * cellMeters);
    double minLat = frame.lat(originY);
    double maxLat = frame.lat(originY + (rows - 1) * cellMeters);
    int[] candidates = indexed ? modeEdges.grid.query(minLon, minLat, maxLon, maxLat) : null;
    int candidateCount = indexed ? candidates.length : modeEdges.usableEdges.length;
    int blocksX = (columns + BLOCK_CELLS - 1) / BLOCK_CELLS;
    int blocksY = (rows + BLOCK_CELLS - 1) / BLOCK_CELLS;
    boolean[] marked = new boolean[blocksX * blocksY];
    int[] inside = new int[candidateCount];
    boolean[] reached = new boolean[candidateCount];
    int[] blockBox = new int[4];
    EdgeTravelTime selection = times.get();
    int count = 0;
    for (int c = 0; c < candidateCount; c++) {
      //-- ascending either way: the raster draws edges south to north (see ModeEdges)
      int k = indexed ? candidates[c] : c;
      if (modeEdges.maxLon[k] >= minLon && modeEdges.minLon[k] <= maxLon
          && modeEdges.maxLat[k] >= minLat && modeEdges.minLat[k] <= maxLat) {
        selection.loadUsable(k);
        if (selection.leastSeconds() <= maxCutoffSeconds) {
          reached[count] = true;
          blockBox(modeEdges, k, blocksX, blocksY, blockBox);
          for (int by = blockBox[1]; by <= blockBox[3]; by++) {
            Arrays.fill(marked, by * blocksX + blockBox[0], by * blocksX + blockBox[2] + 1, true);
          }
        }
        inside[count++] = k;
      }
    }
    int widen = (int) Math.ceil((2 * maxOffRoadCells + 4) / BLOCK_CELLS);
    boolean[] near = widen(marked, blocksX, blocksY, widen);
    int kept = 0;
    for (int e = 0; e < count; e++) {
      if (reached[e] || anyNear(modeEdges, inside[e], near, blocksX, blocksY, blockBox)) {
        inside[kept++] = inside[e];
      }
    }
    count = kept;
    spans = spans(near, blocksX, blocksY);
    int chunks = threadsFor(count / MIN_EDGES_PER_THREAD);
    List<Canvas> canvases = new ArrayList<>();
    List<Runnable> tasks = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) count * c / chunks);
      int to = (int) ((long) count * (c + 1) / chunks);
      Canvas canvas;
      if (c == 0) {
        canvas = new Canvas(0, rows, value, seeds);
      } else {
        //-- edges come south to north: this chunk only needs the rows its edges span
        double south = Double.POSITIVE_INFINITY;
        double north = Double.NEGATIVE_INFINITY;
        for (int e = from; e < to; e++) {
          south = Math.min(south, modeEdges.minLat[inside[e]]);
          north = Math.max(north, modeEdges.maxLat[inside[e]]);
        }
        int firstRow = (int) Math.floor((frame.y(south) - originY) / cellMeters) - 1;
        int lastRow = (int) Math.ceil((frame.y(north) - originY) / cellMeters) + 1;
        firstRow = Math.max(0, Math.min(rows - 2, firstRow));
        lastRow = Math.max(firstRow + 1, Math.min(rows - 1, lastRow));
        canvas = new Canvas(firstRow, lastRow - firstRow + 1);
      }
      canvases.add(canvas);
      tasks.add(() -> {
        EdgeTravelTime cursor = times.get();
        for (int e = from; e < to; e++) {
          int k = inside[e];
          cursor.loadUsable(k);
          canvas.drawEdge(modeEdges, k, cursor);
        }
      });
    }
    Parallel.run(tasks);
    merge(canvases);
  }

  /** The blocks {bx0, by0, bx1, by1} under the envelope of usable edge k, within the lattice. */
  private void blockBox(ModeEdges modeEdges, int k, int blocksX, int blocksY, int[] box) {
    box[0] = blockOf((frame.x(modeEdges.minLon[k]) - originX) / cellMeters, blocksX);
    box[1] = blockOf((frame.y(modeEdges.minLat[k]) - originY) / cellMeters, blocksY);
    box[2] = blockOf((frame.x(modeEdges.maxLon[k]) - originX) / cellMeters, blocksX);
    box[3] = blockOf((frame.y(modeEdges.maxLat[k]) - originY) / cellMeters, blocksY);
  }

  private static int blockOf(double latticeCoordinate, int blocks) {
    int block = (int) Math.floor(latticeCoordinate / BLOCK_CELLS);
    return Math.max(0, Math.min(blocks - 1, block));
  }

  private boolean anyNear(ModeEdges modeEdges, int k, boolean[] near, int blocksX, int blocksY,
      int[] box) {
    blockBox(modeEdges, k, blocksX, blocksY, box);
    for (int by = box[1]; by <= box[3]; by++) {
      for (int bx = box[0]; bx <= box[2]; bx++) {
        if (near[by * blocksX + bx]) {
          return true;
        }
      }
    }
    return false;
  }

  /** The blocks within {@code widen} blocks (in x and in y) of a marked one. */
  private static boolean[] widen(boolean[] marked, int blocksX, int blocksY, int widen) {
    boolean[] across = new boolean[marked.length];
    for (int by = 0; by < blocksY; by++) {
      int row = by * blocksX;
      for (int bx = 0; bx < blocksX; bx++) {
        if (marked[row + bx]) {
          Arrays.fill(across, row + Math.max(0, bx - widen), row + Math.min(blocksX, bx + widen + 1),
              true);
        }
      }
    }
    boolean[] near = new boolean[marked.length];
    for (int bx = 0; bx < blocksX; bx++) {
      for (int by = 0; by < blocksY; by++) {
        if (across[by * blocksX + bx]) {
          for (int y = Math.max(0, by - widen); y < Math.min(blocksY, by + widen + 1); y++) {
            near[y * blocksX + bx] = true;
          }
        }
      }
    }
    return near;
  }

  /** Per lattice row, the inner column ranges covered by near blocks. */
  private int[][] spans(boolean[] near, int blocksX, int blocksY) {
    int[][] byBlockRow = new int[blocksY][];
    int[] scratch = new int[2 * blocksX + 2];
    for (int by = 0; by < blocksY; by++) {
      int n = 0;
      int bx = 0;
      while (bx < blocksX) {
        if (!near[by * blocksX + bx]) {
          bx++;
          continue;
        }
        int from = bx;
        while (bx < blocksX && near[by * blocksX + bx]) {
          bx++;
        }
        int lo = Math.max(1, from * BLOCK_CELLS);
        int hi = Math.min(columns - 2, bx * BLOCK_CELLS - 1);
        if (lo <= hi) {
          scratch[n++] = lo;
          scratch[n++] = hi;
        }
      }
      byBlockRow[by] = Arrays.copyOf(scratch, n);
    }
    int[][] result = new int[rows][];
    for (int j = 0; j < rows; j++) {
      result[j] = byBlockRow[j / BLOCK_CELLS];
    }
    return result;
  }

  /** Joins the canvases' piece tables into one and merges canvases 1.. into canvas 0. */
  private void merge(List<Canvas> canvases) {
    int total = 1;
    for (Canvas canvas : canvases) {
      total += canvas.pieceCount - 1;
    }
    pieces = canvases.get(0).pieces;
    if (pieces.length < total * STRIDE) {
      pieces = Arrays.copyOf(pieces, total * STRIDE);
    }
    pieceCount = canvases.get(0).pieceCount;
    for (int c = 1; c < canvases.size(); c++) {
      Canvas canvas = canvases.get(c);
      int offset = pieceCount - 1;
      System.arraycopy(canvas.pieces, STRIDE, pieces, pieceCount * STRIDE,
          (canvas.pieceCount - 1) * STRIDE);
      pieceCount += canvas.pieceCount - 1;
      int base = canvas.firstRow * columns;
      for (int n = 0; n < canvas.value.length; n++) {
        int global = base + n;
        if (canvas.value[n] < value[global]) {
          value[global] = canvas.value[n];
        }
        long seed = canvas.seeds[n] + offset;
        if (seed < seeds[global]) {
          seeds[global] = seed;
        }
      }
    }
  }

  /** Time at parameter w in [0, 1] along piece k. */
  float secondsAlong(int k, double w) {
    return secondsAlong(pieces, k, w);
  }

  private static float secondsAlong(float[] pieces, int k, double w) {
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
    return nearestParameter(pieces, k, x, y);
  }

  private static float nearestParameter(float[] pieces, int k, float x, float y) {
    int o = k * STRIDE;
    float w = ((x - pieces[o + X0]) * pieces[o + DX] + (y - pieces[o + Y0]) * pieces[o + DY])
        * pieces[o + INVERSE_LENGTH2];
    //-- clamped with comparisons: Math.min and Math.max on floats handle NaN and -0 and cost
    //-- several times more here
    w = w < 0 ? 0 : w;
    return w > 1 ? 1 : w;
  }

  /**
   * w clamped to [0, 1], for w not NaN. IMPLEMENTATION NOTE: on the float's bits, as ints:
   * negative floats are negative ints, and non-negative floats order like their bits. The
   * compiler turns int minimum and maximum into conditional moves, while it compiles a
   * comparison of floats into a branch, which the processor mispredicts about as often as not
   * where a lattice point lies beside a piece rather than beyond its end.
   */
  static float clampToUnit(float w) {
    int bits = Float.floatToRawIntBits(w);
    return Float.intBitsToFloat(Math.min(Math.max(bits, 0), ONE_BITS));
  }

  private static final int ONE_BITS = Float.floatToRawIntBits(1f);

  /** Squared distance from (x, y) to piece k, cells squared. */
  float distanceSquared(int k, float x, float y) {
    return distanceSquared(pieces, k, x, y);
  }

  private static float distanceSquared(float[] pieces, int k, float x, float y) {
    int o = k * STRIDE;
    float x0 = pieces[o + X0];
    float y0 = pieces[o + Y0];
    float dx = pieces[o + DX];
    float dy = pieces[o + DY];
    float w = clampToUnit(((x - x0) * dx + (y - y0) * dy) * pieces[o + INVERSE_LENGTH2]);
    float ex = x0 + w * dx - x;
    float ey = y0 + w * dy - y;
    return ex * ex + ey * ey;
  }

  /**
   * Seconds to reach place (x, y) (lattice units) by the model with the nearer of two
   * candidate pieces (either may be the "none" piece 0); +inf beyond the maximum off-road
   * distance.
   */
  double modelSeconds(double x, double y, int pieceA, int pieceB) {
    float fx = (float) x;
    float fy = (float) y;
    float distanceA = distanceSquared(pieceA, fx, fy);
    float distanceB = distanceSquared(pieceB, fx, fy);
    int piece;
    float best;
    if (distanceA < distanceB) {
      piece = pieceA;
      best = distanceA;
    } else if (distanceB < distanceA) {
      piece = pieceB;
      best = distanceB;
    } else {
      //-- equally near: take the earlier
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
    int inner = rows - 2;
    //-- bands no thinner than the seam sweep, or the seams would do all the work again
    int seamRows = (int) Math.ceil(maxOffRoadCells) + 3;
    int bands = threadsFor(Math.max(1, inner / (4 * seamRows)));
    int[] bandStart = new int[bands + 1];
    for (int b = 0; b <= bands; b++) {
      bandStart[b] = 1 + (int) ((long) inner * b / bands);
    }
    List<Runnable> sweeps = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      int from = bandStart[b];
      int to = bandStart[b + 1];
      sweeps.add(() -> {
        //-- a band reads no row of another band while that band runs
        for (int j = from; j < to; j++) {
          sweepRow(j, -1, -columns, j > from || from == 1);
        }
        for (int j = to - 1; j >= from; j--) {
          sweepRow(j, 1, columns, j < to - 1 || to == rows - 1);
        }
      });
    }
    Parallel.run(sweeps);
    for (int b = 1; b < bands; b++) {
      //-- carries pieces across the seam: far enough for every place within the maximum
      //-- off-road distance of it
      int from = Math.max(1, bandStart[b] - seamRows);
      int to = Math.min(rows - 1, bandStart[b] + seamRows);
      for (int j = from; j < to; j++) {
        sweepRow(j, -1, -columns, true);
      }
      for (int j = to - 1; j >= from; j--) {
        sweepRow(j, 1, columns, true);
      }
    }
    List<Runnable> evaluations = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      int from = b == 0 ? 0 : bandStart[b];
      int to = b == bands - 1 ? rows : bandStart[b + 1];
      evaluations.add(() -> evaluate(from, to));
    }
    Parallel.run(evaluations);
  }

  /**
   * One row of one pass: the neighbour just done in this row (in the pass's direction) and,
   * if {@code withRowNeighbours}, the three in the row done before (below for the forward pass,
   * above for the backward one); then the other neighbour in this row, in the opposite
   * direction.
   *
   * <p>IMPLEMENTATION NOTE. Each lattice point compares four neighbours' pieces at once,
   * without first testing whether they differ from its own or exist at all ("none" is a piece
   * that is never nearest): four independent distance computations and a branch-free choice
   * (the minimum of packed seeds) run several times faster than a test per neighbour, whose
   * outcome the processor cannot predict. The one test made is whether the point is already
   * final ({@link #FINAL}), which saves all four.
   */
  private void sweepRow(int j, int step, int rowStep, boolean withRowNeighbours) {
    int[] span = spans[j];
    for (int r = 0; r < span.length; r += 2) {
      sweepSpan(j, span[r], span[r + 1], step, rowStep, withRowNeighbours);
    }
  }

  /** {@link #sweepRow} on columns lo to hi. */
  private void sweepSpan(int j, int lo, int hi, int step, int rowStep,
      boolean withRowNeighbours) {
    //-- locals, so that the compiler keeps them in registers across the array stores
    final float[] pieceData = pieces;
    final long[] seed = seeds;
    final int cols = columns;
    final float y = j;
    final int row = j * cols;
    final int count = hi - lo + 1;
    final int first = step < 0 ? lo : hi;
    //-- without row neighbours, the "row" neighbours are the point itself: never nearer
    final int rowOffset = withRowNeighbours ? rowStep : 0;
    final int side = withRowNeighbours ? 1 : 0;
    for (int c = 0, i = first; c < count; c++, i -= step) {
      int p = row + i;
      long own = seed[p];
      if (own < FINAL) {
        continue;
      }
      float x = i;
      long s1 = candidate(pieceData, seed[p + step], x, y);
      long s2 = candidate(pieceData, seed[p + rowOffset - side], x, y);
      long s3 = candidate(pieceData, seed[p + rowOffset], x, y);
      long s4 = candidate(pieceData, seed[p + rowOffset + side], x, y);
      long best = Math.min(Math.min(s1, s2), Math.min(s3, s4));
      seed[p] = Math.min(best, own);
    }
    final int last = step < 0 ? hi : lo;
    //-- the neighbour just done is carried in a register rather than read back
    long carried = seed[row + last - step];
    for (int c = 0, i = last; c < count; c++, i += step) {
      int p = row + i;
      long own = seed[p];
      if (own < FINAL) {
        carried = own;
        continue;
      }
      carried = Math.min(own, candidate(pieceData, carried, i, y));
      seed[p] = carried;
    }
  }

  /** The seed of the piece of {@code seed} as seen from (x, y). */
  private static long candidate(float[] pieces, long seed, float x, float y) {
    int k = (int) seed;
    return seed(distanceSquared(pieces, k, x, y), k);
  }

  /** {@link #value} of rows [from, to) from the nearest pieces. */
  private void evaluate(int from, int to) {
    for (int j = from; j < to; j++) {
      evaluateRow(j);
    }
  }

  /** {@link #value} of row j from the nearest pieces. */
  private void evaluateRow(int j) {
    int cols = columns;
    int row = j * cols;
    if (j == 0 || j == rows - 1) {
      Arrays.fill(value, row, row + cols, Float.POSITIVE_INFINITY);
      return;
    }
    float maxOffRoadSquared = (float) (maxOffRoadCells * maxOffRoadCells);
    final float[] values = value;
    values[row] = Float.POSITIVE_INFINITY;
    values[row + cols - 1] = Float.POSITIVE_INFINITY;
    int[] span = spans[j];
    for (int r = 0; r < span.length; r += 2) {
      for (int i = span[r]; i <= span[r + 1]; i++) {
        evaluatePoint(i, j, row + i, maxOffRoadSquared);
      }
    }
  }

  private void evaluatePoint(int i, int j, int p, float maxOffRoadSquared) {
    long s = seeds[p];
    float d2 = seedDistanceSquared(s);
    if (d2 <= maxOffRoadSquared) {
      int k = (int) s;
      float roadSeconds = secondsAlong(k, nearestParameter(k, i, j));
      float offRoad = floorToFloat(roadSeconds + Math.sqrt(d2) * secondsPerCell);
      if (offRoad < value[p]) {
        value[p] = offRoad;
      }
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

  /**
   * Rows [firstRow, firstRow + rowCount) of the lattice, with their own piece table: what one
   * thread draws edges onto.
   */
  private final class Canvas {
    final int firstRow;
    final int rowCount;
    final float[] value;
    final long[] seeds;
    float[] pieces = new float[4096 * STRIDE];
    int pieceCount;

    private double[] scratchX = new double[64];
    private double[] scratchY = new double[64];
    private double[] scratchFraction = new double[64];
    private double[] breakpoints = new double[8];
    private final double[] partSeconds = new double[2];

    Canvas(int firstRow, int rowCount) {
      this(firstRow, rowCount, new float[rowCount * columns], new long[rowCount * columns]);
      Arrays.fill(value, Float.POSITIVE_INFINITY);
      Arrays.fill(seeds, NO_SEED);
    }

    Canvas(int firstRow, int rowCount, float[] value, long[] seeds) {
      this.firstRow = firstRow;
      this.rowCount = rowCount;
      this.value = value;
      this.seeds = seeds;
      //-- piece 0: "no piece", far away, never reached; seeds start at piece 0 everywhere
      pieces[X0] = -1e18f;
      pieces[Y0] = -1e18f;
      pieces[LINEAR0] = Float.POSITIVE_INFINITY;
      pieces[LINEAR1] = Float.POSITIVE_INFINITY;
      pieces[AT0] = Float.POSITIVE_INFINITY;
      pieces[AT1] = Float.POSITIVE_INFINITY;
      pieceCount = 1;
    }

    /** Draws entry k of {@link ModeEdges#usableEdges}, loaded into {@code times}. */
    void drawEdge(ModeEdges modeEdges, int k, EdgeTravelTime times) {
      int first = modeEdges.usablePointStart[k];
      int count = modeEdges.usablePointStart[k + 1] - first;
      final double[] lons = modeEdges.usableLon;
      final double[] lats = modeEdges.usableLat;
      if (count == 0) {
        return;
      }
      ensureScratch(count);
      double lengthMeters = 0;
      double previousX = 0;
      double previousY = 0;
      for (int p = 0; p < count; p++) {
        double x = frame.x(lons[first + p]);
        double y = frame.y(lats[first + p]);
        if (p > 0) {
          //-- not Math.hypot: its care for overflow costs more than the rest of the loop
          double dx = x - previousX;
          double dy = y - previousY;
          lengthMeters += Math.sqrt(dx * dx + dy * dy);
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
      //-- a piece shorter than a millionth of a cell is a point (and 1 / length2 stays finite)
      pieces[o + INVERSE_LENGTH2] = length2 > 1e-12f ? 1 / length2 : 0;
      pieces[o + LINEAR0] = floorToFloat(partSeconds[0]);
      pieces[o + LINEAR1] = floorToFloat(partSeconds[1]);
      //-- only the edge's ends and partial starts can be reached earlier than the road next to
      //-- them; elsewhere the linear time holds at the end points too
      boolean special = times.startsOnLoadedEdge() > 0;
      pieces[o + AT0] = fa <= 0 || special
          ? floorToFloat(Math.min(partSeconds[0], times.secondsAt(fa))) : pieces[o + LINEAR0];
      pieces[o + AT1] = fb >= 1 || special
          ? floorToFloat(Math.min(partSeconds[1], times.secondsAt(fb))) : pieces[o + LINEAR1];
      drawPiece(k);
    }

    /**
     * Walks the cells that piece k crosses, in order (Amanatides and Woo's traversal), clipped
     * to this canvas, and writes each cell's corners.
     */
    private void drawPiece(int k) {
      int o = k * STRIDE;
      double px = pieces[o + X0];
      double py = pieces[o + Y0];
      double dx = pieces[o + DX];
      double dy = pieces[o + DY];
      double bottom = firstRow;
      double top = firstRow + rowCount - 1;
      //-- Liang-Barsky clip to the canvas; comparisons rather than Math.min and Math.max, which
      //-- are slow on doubles
      double uLo = 0;
      double uHi = 1;
      if (dx == 0) {
        if (px < 0 || px > columns - 1) {
          return;
        }
      } else {
        double u0 = -px / dx;
        double u1 = (columns - 1 - px) / dx;
        double enter = u0 < u1 ? u0 : u1;
        double leave = u0 < u1 ? u1 : u0;
        uLo = enter > uLo ? enter : uLo;
        uHi = leave < uHi ? leave : uHi;
      }
      if (dy == 0) {
        if (py < bottom || py > top) {
          return;
        }
      } else {
        double u0 = (bottom - py) / dy;
        double u1 = (top - py) / dy;
        double enter = u0 < u1 ? u0 : u1;
        double leave = u0 < u1 ? u1 : u0;
        uLo = enter > uLo ? enter : uLo;
        uHi = leave < uHi ? leave : uHi;
      }
      if (uLo > uHi) {
        return;
      }
      //-- clipped, so the start is within the canvas and truncation is floor
      int ci = (int) (px + uLo * dx);
      int cj = (int) (py + uLo * dy);
      int lastCellRow = firstRow + rowCount - 2;
      ci = ci < 0 ? 0 : (ci > columns - 2 ? columns - 2 : ci);
      cj = cj < firstRow ? firstRow : (cj > lastCellRow ? lastCellRow : cj);
      int stepX = dx > 0 ? 1 : -1;
      int stepY = dy > 0 ? 1 : -1;
      double nextUx =
          dx > 0 ? (ci + 1 - px) / dx : dx < 0 ? (ci - px) / dx : Double.POSITIVE_INFINITY;
      double nextUy =
          dy > 0 ? (cj + 1 - py) / dy : dy < 0 ? (cj - py) / dy : Double.POSITIVE_INFINITY;
      double deltaUx = dx != 0 ? 1 / Math.abs(dx) : Double.POSITIVE_INFINITY;
      double deltaUy = dy != 0 ? 1 / Math.abs(dy) : Double.POSITIVE_INFINITY;
      double u = uLo;
      float secondsAtU = secondsAlong(pieces, k, u);
      while (true) {
        double uNext = nextUx < nextUy ? nextUx : nextUy;
        uNext = uNext < uHi ? uNext : uHi;
        uNext = uNext > u ? uNext : u;
        float secondsAtNext = secondsAlong(pieces, k, uNext);
        writeCorners(k, ci, cj, secondsAtNext < secondsAtU ? secondsAtNext : secondsAtU);
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
        if (ci < 0 || ci > columns - 2 || cj < firstRow || cj > lastCellRow) {
          return;
        }
        u = uNext;
        secondsAtU = secondsAtNext;
      }
    }

    private void writeCorners(int k, int ci, int cj, float leastSeconds) {
      int n00 = ci + (cj - firstRow) * columns;
      writeCorner(k, n00, ci, cj, leastSeconds);
      writeCorner(k, n00 + 1, ci + 1, cj, leastSeconds);
      writeCorner(k, n00 + columns, ci, cj + 1, leastSeconds);
      writeCorner(k, n00 + columns + 1, ci + 1, cj + 1, leastSeconds);
    }

    private void writeCorner(int k, int n, int i, int j, float leastSeconds) {
      if (leastSeconds < value[n]) {
        value[n] = leastSeconds;
      }
      if ((int) seeds[n] != k) {
        long candidate = seed(distanceSquared(pieces, k, i, j), k);
        if (candidate < seeds[n]) {
          seeds[n] = candidate;
        }
      }
    }
  }
}
