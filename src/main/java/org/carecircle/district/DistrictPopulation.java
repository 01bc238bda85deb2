package org.carecircle.district;

/**
 * A district with its population.
 *
 * @param population the figure to use: the official count when there is one, else the cells' sum;
 *     null when there is neither
 * @param cellPopulation the sum of the population cells inside (area-weighted at the border), or
 *     null when no population layer is stored; reported even when an official count wins, so that
 *     the two can be compared
 * @param source which of the two {@code population} is
 */
public record DistrictPopulation(District district, Double population, Double cellPopulation, PopulationSource source) {}
