package org.carecircle.scenario;

import java.time.Instant;
import java.util.List;
import org.carecircle.siting.NetworkSitingReport;

/**
 * A saved plan.
 *
 * @param id store key
 * @param name unique, given by the planner
 * @param typeCode the facility type of its sites
 * @param createdAt when it was saved
 * @param resultId the siting result it was made from (null when that was deleted)
 * @param summary the question and the coverage before and after
 * @param sites its planned facilities, by rank
 */
public record Scenario(long id, String name, String typeCode, Instant createdAt, Long resultId,
    ScenarioSummary summary, List<Site> sites) {

  /**
   * What the siting run asked and found.
   *
   * @param model mclp, lscp, pmedian or pcenter
   * @param networkId the road network
   * @param mode ambulance, drive or walk
   * @param minutes the response-time standard, or null
   * @param turnoutMinutes included in every time
   * @param fixedStations open stations that took part
   * @param totalPopulation residents of the population layer
   * @param before coverage by the open stations alone
   * @param after coverage with the scenario's sites
   */
  public record ScenarioSummary(String model, long networkId, String mode, Double minutes, double turnoutMinutes,
      int fixedStations, double totalPopulation, NetworkSitingReport.Coverage before,
      NetworkSitingReport.Coverage after) {}

  /**
   * A planned facility of the scenario.
   *
   * @param rank 1 for the largest marginal gain
   * @param facilityId its registry id
   * @param name its registry name
   * @param lon WGS84 longitude, degrees
   * @param lat WGS84 latitude, degrees
   * @param marginalGain as the siting run measured it, or null
   */
  public record Site(int rank, long facilityId, String name, double lon, double lat, Double marginalGain) {}
}
