package org.carecircle.accessibility;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /api/accessibility} and {@code GET /api/accessibility/{id}} answer.
 *
 * @param resultId the stored result
 * @param minutes the thresholds, ascending
 * @param totalPopulation residents of all cells
 * @param covered per threshold (key: minutes as written, e.g. "15"), residents within it
 * @param coveredShare per threshold, covered / total (0 when there is nobody)
 * @param unreachablePopulation residents farther than the snap limit from every road of the mode
 * @param cells how many population cells
 * @param facilities how many facilities were selected
 * @param unreachableFacilities those farther than the snap limit from every road of the mode
 * @param seconds computing time (search and cells), seconds
 */
@JsonPropertyOrder({"resultId", "networkId", "mode", "minutes", "totalPopulation", "covered", "coveredShare",
    "unreachablePopulation", "cells", "facilities", "unreachableFacilities", "seconds"})
public record AccessibilitySummary(Long resultId, long networkId, String mode, List<Double> minutes,
    double totalPopulation, Map<String, Double> covered, Map<String, Double> coveredShare,
    double unreachablePopulation, int cells, int facilities, List<UnreachableFacility> unreachableFacilities,
    double seconds) {

  /** A facility that could not be put on the roads. */
  public record UnreachableFacility(Long facilityId, String name, double lon, double lat) {}

  AccessibilitySummary withId(long id) {
    return new AccessibilitySummary(id, networkId, mode, minutes, totalPopulation, covered, coveredShare,
        unreachablePopulation, cells, facilities, unreachableFacilities, seconds);
  }
}
