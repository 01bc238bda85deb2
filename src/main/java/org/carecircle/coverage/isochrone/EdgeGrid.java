package org.carecircle.coverage.isochrone;

import java.util.Arrays;

/**
 * A spatial index of the usable edges of one mode ({@link ModeEdges}): which entries of
 * {@link ModeEdges#usableEdges} have an envelope meeting a lon/lat box, found in time
 * proportional to the box and the edges near it, not to the network. Built once per network and
 * mode, immutable, safe to share between threads.
 *
 * <p>IMPLEMENTATION NOTE. Cells of {@value #CELL_LAT_DEGREES} degrees of latitude (about 1.1 km)
 * by as many metres of longitude at the network's middle latitude; an edge is listed in every
 * cell its envelope meets. Only non-empty cells are stored, as a sorted table of cell keys (row,
 * then column), so a network of far-apart parts (a region with islands, a test network padded
 * with distant copies) costs memory for its edges only, never for the empty space between them.
 * A query walks the cells under the box row by row, reports an edge only from the first of its
 * cells that lies in the box (so no edge twice, without a per-query mark array of the network's
 * size), and sorts what it found: entries are numbered south to north ({@link ModeEdges}), and
 * the raster relies on drawing them in that order.
 */
final class EdgeGrid {
  /**
   * Cell height, degrees: about 1.1 km, so that a walking zone (a few km across) looks at a few
   * dozen cells and a 15-minute drive (about 20 km) at a few hundred, while most city edges lie
   * in one or two cells.
   */
  static final double CELL_LAT_DEGREES = 0.01;

  /** Cells stay at most this many times wider in degrees than tall (near the poles). */
  private static final double MAX_LON_STRETCH = 10;

  private final ModeEdges edges;
  final double cellLonDegrees;
  final double cellLatDegrees;
  /** Keys of the non-empty cells, ascending ({@link #key}). */
  final long[] cellKeys;
  /** Entries of cell c are {@code entries[cellStart[c] .. cellStart[c + 1] - 1]}, ascending. */
  final int[] cellStart;
  final int[] entries;

  EdgeGrid(ModeEdges edges) {
    this.edges = edges;
    int usable = edges.usableEdges.length;
    double south = Double.POSITIVE_INFINITY;
    double north = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < usable; k++) {
      south = Math.min(south, edges.minLat[k]);
      north = Math.max(north, edges.maxLat[k]);
    }
    double middle = usable == 0 ? 0 : (south + north) / 2;
    cellLatDegrees = CELL_LAT_DEGREES;
    cellLonDegrees = CELL_LAT_DEGREES
        * Math.min(MAX_LON_STRETCH, 1 / Math.cos(Math.toRadians(middle)));
    long total = 0;
    for (int k = 0; k < usable; k++) {
      total += cellsOf(k);
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("edge envelopes cover " + total + " grid cells");
    }
    long[] keyOfEntry = new long[(int) total];
    int n = 0;
    for (int k = 0; k < usable; k++) {
      if (cellsOf(k) == 0) {
        continue;
      }
      int c1 = column(edges.maxLon[k]);
      int r1 = row(edges.maxLat[k]);
      for (int r = row(edges.minLat[k]); r <= r1; r++) {
        for (int c = column(edges.minLon[k]); c <= c1; c++) {
          keyOfEntry[n++] = key(r, c);
        }
      }
    }
    long[] sorted = keyOfEntry.clone();
    Arrays.sort(sorted);
    int cells = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[cells++] = sorted[i];
      }
    }
    cellKeys = Arrays.copyOf(sorted, cells);
    cellStart = new int[cells + 1];
    int[] cellOfEntry = new int[keyOfEntry.length];
    for (int i = 0; i < keyOfEntry.length; i++) {
      cellOfEntry[i] = Arrays.binarySearch(cellKeys, keyOfEntry[i]);
      cellStart[cellOfEntry[i] + 1]++;
    }
    for (int c = 0; c < cells; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    entries = new int[keyOfEntry.length];
    int[] next = Arrays.copyOf(cellStart, cells);
    //-- entries were listed edge by edge in ascending k, so each cell's list comes out ascending
    n = 0;
    for (int k = 0; k < usable; k++) {
      long cellsOfEdge = cellsOf(k);
      for (int i = 0; i < cellsOfEdge; i++) {
        entries[next[cellOfEntry[n++]]++] = k;
      }
    }
  }

  /**
   * The number of cells the envelope of entry k meets; 0 for an edge without points (its
   * envelope is empty, and no box meets it).
   */
  private long cellsOf(int k) {
    if (!(edges.minLon[k] <= edges.maxLon[k] && edges.minLat[k] <= edges.maxLat[k])) {
      return 0;
    }
    return (long) (column(edges.maxLon[k]) - column(edges.minLon[k]) + 1)
        * (row(edges.maxLat[k]) - row(edges.minLat[k]) + 1);
  }

  /** Bytes of the index. */
  long memoryBytes() {
    return org.carecircle.network.MemoryFootprint.bytesOf(cellKeys, cellStart, entries);
  }

  /**
   * The entries of {@link ModeEdges#usableEdges} whose envelope may meet the box (degrees): every
   * one that does, and some near it (the box is widened to whole cells); each once, ascending.
   * Time: the cells under the box and the edges listed in them.
   */
  int[] query(double minLon, double minLat, double maxLon, double maxLat) {
    int c0 = column(minLon);
    int c1 = column(maxLon);
    int r0 = row(minLat);
    int r1 = row(maxLat);
    int[] found = new int[64];
    int n = 0;
    for (int r = r0; r <= r1; r++) {
      int i = lowerBound(cellKeys, key(r, c0));
      long last = key(r, c1);
      for (; i < cellKeys.length && cellKeys[i] <= last; i++) {
        int c = columnOf(cellKeys[i]);
        for (int e = cellStart[i]; e < cellStart[i + 1]; e++) {
          int k = entries[e];
          //-- report the edge from the first of its cells inside the box only
          if (Math.max(row(edges.minLat[k]), r0) != r
              || Math.max(column(edges.minLon[k]), c0) != c) {
            continue;
          }
          if (n == found.length) {
            found = Arrays.copyOf(found, 2 * n);
          }
          found[n++] = k;
        }
      }
    }
    int[] result = Arrays.copyOf(found, n);
    Arrays.sort(result);
    return result;
  }

  private int column(double lon) {
    return (int) Math.floor(lon / cellLonDegrees);
  }

  private int row(double lat) {
    return (int) Math.floor(lat / cellLatDegrees);
  }

  /** Row in the upper half, column offset to unsigned in the lower: keys sort row, then column. */
  private static long key(int row, int column) {
    return (long) row << 32 | (column + 0x8000_0000L) & 0xFFFF_FFFFL;
  }

  private static int columnOf(long key) {
    return (int) ((key & 0xFFFF_FFFFL) - 0x8000_0000L);
  }

  /** The first index whose key is &ge; {@code key}. */
  private static int lowerBound(long[] keys, long key) {
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
