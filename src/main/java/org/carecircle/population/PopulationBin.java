package org.carecircle.population;

/**
 * The cells whose locations fall into one square of an aggregation grid.
 *
 * @param minLon the square's west edge, degrees
 * @param minLat the square's south edge, degrees
 * @param maxLon the square's east edge, degrees
 * @param maxLat the square's north edge, degrees
 * @param cells how many cells fall into it
 * @param population the sum of their counts
 * @param centreLon population-weighted mean longitude of the cells
 * @param centreLat population-weighted mean latitude of the cells
 */
public record PopulationBin(
    double minLon, double minLat, double maxLon, double maxLat, long cells, double population,
    double centreLon, double centreLat) {}
