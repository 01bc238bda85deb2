package org.carecircle.network;

import java.util.stream.IntStream;

/**
 * Every population cell snapped onto one mode's roads, as parallel primitive arrays (index {@code
 * i} = cell {@code i} of the cells they were made from). A cell with {@code
 * edge[i] == -1} lies farther than the snap limit from every road: it is unreachable.
 *
 * <p>Snapping a million cells costs far more than the search itself, and the result depends only on
 * the network, the mode, the population layer and the snap limit, so it is kept with the network (see {@link
 * NetworkDataCache}) and reused for every facility selection.
 *
 * @param edge road edge of each cell, or -1 when unreachable
 * @param fraction where on the edge, 0 at node A, 1 at node B
 * @param distanceMeters straight-line distance from the cell to its road, metres
 */
public record CellSnaps(int[] edge, float[] fraction, float[] distanceMeters) implements MemoryFootprint {

  /** Snaps every cell, in parallel (the locator only reads its index). */
  public static CellSnaps of(NetworkLocator locator, double[] lon, double[] lat, double maxSnapMeters) {
    int n = lon.length;
    int[] edge = new int[n];
    float[] fraction = new float[n];
    float[] distance = new float[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      SnappedPoint snap = locator.snap(lon[i], lat[i], maxSnapMeters).orElse(null);
      if (snap == null) {
        edge[i] = -1;
      } else {
        edge[i] = snap.edge();
        fraction[i] = (float) snap.fraction();
        distance[i] = (float) snap.distanceMeters();
      }
    });
    return new CellSnaps(edge, fraction, distance);
  }

  @Override
  public long memoryBytes() {
    return MemoryFootprint.bytesOf(edge, fraction, distanceMeters);
  }

  public int size() {
    return edge.length;
  }
}
