package org.carecircle.population;

/**
 * The population layer at a glance.
 *
 * @param cells the number of cells
 * @param totalPopulation the sum of their counts
 * @param bbox {@code [minLon, minLat, maxLon, maxLat]} of the cells (their polygons where they
 *     have them), WGS84; null when the layer is empty
 * @param source where the layer came from; null when nothing has been imported
 */
public record PopulationSummary(long cells, double totalPopulation, double[] bbox, PopulationLayer source) {}
