package org.carecircle.population;

import java.util.Arrays;

/**
 * Every cell of the population layer as parallel primitive arrays, for analyses that touch all
 * cells (a multi-source search that gives each cell a travel time, district sums). Index {@code i}
 * of each array describes the same cell; cells are ordered by ascending id.
 *
 * <p>The envelope arrays let an analysis place a cell against a boundary without its polygon
 * (see {@link PopulationCellExtent}); a cell without a polygon has its location as envelope.
 *
 * @param id the cells' store keys
 * @param lon WGS84 longitude of each cell's location, degrees
 * @param lat WGS84 latitude of each cell's location, degrees
 * @param population residents of each cell, {@code >= 0}
 * @param minLon west edge of each cell's envelope, degrees
 * @param minLat south edge of each cell's envelope, degrees
 * @param maxLon east edge of each cell's envelope, degrees
 * @param maxLat north edge of each cell's envelope, degrees
 * @param polygonsAreEnvelopes true when every cell's polygon is known to be exactly its envelope (an
 *     axis-aligned rectangle, as the pixels of a raster in longitude/latitude are), so the polygons
 *     need not be read; false when unknown
 */
public record PopulationCells(long[] id, double[] lon, double[] lat, double[] population, double[] minLon,
    double[] minLat, double[] maxLon, double[] maxLat, boolean polygonsAreEnvelopes) {
  public PopulationCells {
    int n = id.length;
    if (lon.length != n || lat.length != n || population.length != n || minLon.length != n || minLat.length != n
        || maxLon.length != n || maxLat.length != n) {
      throw new IllegalArgumentException("the arrays of a PopulationCells must be equally long");
    }
  }

  public static PopulationCells empty() {
    return new Builder(0).build();
  }

  /** The number of cells. */
  public int size() {
    return id.length;
  }

  /** The sum of {@link #population()}. */
  public double totalPopulation() {
    return PopulationSum.of(population);
  }

  /** Cell {@code i} without its geometry. */
  public PopulationCellExtent extent(int i) {
    return new PopulationCellExtent(id[i], population[i], lon[i], lat[i], minLon[i], minLat[i], maxLon[i], maxLat[i]);
  }

  /** Bytes of the arrays (an estimate of what keeping the layer in memory costs). */
  public long memoryBytes() {
    return 64L * id.length;
  }

  /** Growable parallel arrays; cells must be added by ascending id. */
  public static final class Builder {
    private long[] id;
    private double[][] values;
    private int size;
    private boolean polygonsAreEnvelopes = true;

    /** @param capacity a hint */
    public Builder(int capacity) {
      int initial = Math.max(16, capacity);
      id = new long[initial];
      values = new double[7][initial];
    }

    /** Adds one cell; its id must be larger than the previous one's. */
    public void add(long cellId, double population, double lon, double lat, double minLon, double minLat,
        double maxLon, double maxLat) {
      if (size > 0 && cellId <= id[size - 1]) {
        throw new IllegalArgumentException("cells must come by ascending id: " + cellId + " after " + id[size - 1]);
      }
      if (size == id.length) {
        int grown = size * 2;
        id = Arrays.copyOf(id, grown);
        for (int k = 0; k < values.length; k++) {
          values[k] = Arrays.copyOf(values[k], grown);
        }
      }
      id[size] = cellId;
      values[0][size] = lon;
      values[1][size] = lat;
      values[2][size] = population;
      values[3][size] = minLon;
      values[4][size] = minLat;
      values[5][size] = maxLon;
      values[6][size] = maxLat;
      size++;
    }

    /**
     * Tells whether the cell just added has a polygon that is exactly its envelope; one cell
     * without makes {@link PopulationCells#polygonsAreEnvelopes()} false.
     */
    public void polygonIsEnvelope(boolean isEnvelope) {
      polygonsAreEnvelopes &= isEnvelope;
    }

    /** The cells will be read from a store that does not say: their polygons are not known to be envelopes. */
    public Builder polygonsUnknown() {
      polygonsAreEnvelopes = false;
      return this;
    }

    /** The id of the last cell added, or {@link Long#MIN_VALUE} when none. */
    public long lastId() {
      return size == 0 ? Long.MIN_VALUE : id[size - 1];
    }

    public PopulationCells build() {
      return new PopulationCells(Arrays.copyOf(id, size), Arrays.copyOf(values[0], size),
          Arrays.copyOf(values[1], size), Arrays.copyOf(values[2], size), Arrays.copyOf(values[3], size),
          Arrays.copyOf(values[4], size), Arrays.copyOf(values[5], size), Arrays.copyOf(values[6], size),
          polygonsAreEnvelopes && size > 0);
    }
  }
}
