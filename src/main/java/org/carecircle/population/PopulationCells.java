package org.carecircle.population;

/**
 * Every cell of the population layer as parallel primitive arrays, for analyses that touch all
 * cells (a multi-source search that gives each cell a travel time). Index {@code i} of each array
 * describes the same cell; cells are ordered by ascending id.
 *
 * @param id the cells' store keys
 * @param lon WGS84 longitude of each cell's location, degrees
 * @param lat WGS84 latitude of each cell's location, degrees
 * @param population residents of each cell, {@code >= 0}
 */
public record PopulationCells(long[] id, double[] lon, double[] lat, double[] population) {
  public PopulationCells {
    if (lon.length != id.length || lat.length != id.length || population.length != id.length) {
      throw new IllegalArgumentException("the arrays of a PopulationCells must be equally long");
    }
  }

  public static PopulationCells empty() {
    return new PopulationCells(new long[0], new double[0], new double[0], new double[0]);
  }

  /** The number of cells. */
  public int size() {
    return id.length;
  }

  /** The sum of {@link #population()}. */
  public double totalPopulation() {
    return PopulationSum.of(population);
  }
}
