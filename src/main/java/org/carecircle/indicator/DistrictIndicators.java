package org.carecircle.indicator;

import java.util.Map;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * One district's indicators.
 *
 * @param population official when set, else the sum of its population cells; null when neither
 * @param populationSource official, cells or none
 * @param facilitiesByType existing facilities inside the district polygon, by type code
 * @param beds sum over those facilities (missing counts as 0)
 * @param physicians sum over those facilities (missing counts as 0)
 * @param bedsPerThousand null without a population
 * @param physiciansPerThousand null without a population
 * @param accessShare per access target code, share (0..1) of the residents of the district's cells
 *     within the target; null when not computed (no network, no cells in the district)
 * @param pass per target code: true, false, or null when it could not be judged
 */
public record DistrictIndicators(long id, String name, String code, Double population, String populationSource,
    Map<String, Integer> facilitiesByType, double beds, double physicians, Double bedsPerThousand,
    Double physiciansPerThousand, Map<String, Double> accessShare, Map<String, Boolean> pass,
    @com.fasterxml.jackson.annotation.JsonIgnore MultiPolygon boundary) {}
