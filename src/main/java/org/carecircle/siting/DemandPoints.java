package org.carecircle.siting;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demand of a network siting problem: population cells as weighted points, those without
 * residents left out, merged onto a coarser square grid when there are more than a limit.
 *
 * <p>IMPLEMENTATION NOTE: the cost matrix holds one number per candidate and demand point, so
 * 1,000 candidates and a 250,000-cell raster would need 2 GB. Above {@code maxPoints} cells the
 * cells are summed into squares, each placed at the population-weighted centre of its cells; the
 * square's side doubles from {@value #FIRST_MERGE_METERS} m until the count fits. Population is
 * preserved (cells are summed, not resampled); what is lost is position within a square, at most
 * half its diagonal. The answer reports the square size so that the planner knows.
 *
 * @param ids "cell-&lt;id&gt;" for a cell kept as it is, "square-&lt;n&gt;" for a merged square
 * @param lon WGS84 longitude, degrees
 * @param lat WGS84 latitude, degrees
 * @param population residents, &gt; 0
 * @param mergedCellMeters the side of the merging squares, metres, or 0 when cells were kept
 * @param sourceCells cells read, residents or not
 */
public record DemandPoints(String[] ids, double[] lon, double[] lat, double[] population, double mergedCellMeters,
    int sourceCells) {
  /** The first square side tried when merging: about a city block. */
  static final double FIRST_MERGE_METERS = 100;
  private static final double METERS_PER_DEGREE_LAT = 111_320;

  public int size() {
    return ids.length;
  }

  public double totalPopulation() {
    double total = 0;
    for (double p : population) {
      total += p;
    }
    return total;
  }

  /**
   * These points merged further so that at most {@code maxPoints} remain (this when they fit
   * already). Population is kept; the merged size reported is the new square side.
   */
  public DemandPoints atMost(int maxPoints) {
    if (size() <= maxPoints) {
      return this;
    }
    long[] keys = new long[size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i;
    }
    DemandPoints merged = of(keys, lon, lat, population, maxPoints);
    return new DemandPoints(merged.ids, merged.lon, merged.lat, merged.population,
        Math.max(merged.mergedCellMeters, mergedCellMeters), sourceCells);
  }

  /**
   * @param cellIds store keys of the cells
   * @param lon cell longitudes, degrees
   * @param lat cell latitudes, degrees
   * @param population residents per cell, &ge; 0
   * @param maxPoints at most this many demand points come out (&ge; 1)
   */
  public static DemandPoints of(long[] cellIds, double[] lon, double[] lat, double[] population, int maxPoints) {
    int n = cellIds.length;
    int[] inhabited = java.util.stream.IntStream.range(0, n).filter(i -> population[i] > 0).toArray();
    if (inhabited.length <= maxPoints) {
      String[] ids = new String[inhabited.length];
      double[] x = new double[inhabited.length];
      double[] y = new double[inhabited.length];
      double[] w = new double[inhabited.length];
      for (int k = 0; k < inhabited.length; k++) {
        int i = inhabited[k];
        ids[k] = "cell-" + cellIds[i];
        x[k] = lon[i];
        y[k] = lat[i];
        w[k] = population[i];
      }
      return new DemandPoints(ids, x, y, w, 0, n);
    }
    double minLat = Arrays.stream(inhabited).mapToDouble(i -> lat[i]).min().orElse(0);
    double maxLat = Arrays.stream(inhabited).mapToDouble(i -> lat[i]).max().orElse(0);
    double minLon = Arrays.stream(inhabited).mapToDouble(i -> lon[i]).min().orElse(0);
    double metersPerDegreeLon = METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians((minLat + maxLat) / 2));
    for (double side = FIRST_MERGE_METERS; ; side *= 2) {
      Map<Long, double[]> squares = new LinkedHashMap<>();
      for (int i : inhabited) {
        long column = (long) Math.floor((lon[i] - minLon) * metersPerDegreeLon / side);
        long row = (long) Math.floor((lat[i] - minLat) * METERS_PER_DEGREE_LAT / side);
        double[] sums = squares.computeIfAbsent((row << 32) ^ (column & 0xffffffffL), k -> new double[3]);
        sums[0] += population[i];
        sums[1] += population[i] * lon[i];
        sums[2] += population[i] * lat[i];
      }
      if (squares.size() <= maxPoints) {
        int m = squares.size();
        String[] ids = new String[m];
        double[] x = new double[m];
        double[] y = new double[m];
        double[] w = new double[m];
        int k = 0;
        for (double[] sums : squares.values()) {
          ids[k] = "square-" + (k + 1);
          w[k] = sums[0];
          x[k] = sums[1] / sums[0];
          y[k] = sums[2] / sums[0];
          k++;
        }
        return new DemandPoints(ids, x, y, w, side, n);
      }
    }
  }
}
