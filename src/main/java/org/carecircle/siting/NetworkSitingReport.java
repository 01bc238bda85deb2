package org.carecircle.siting;

import java.util.List;

/**
 * What a network siting run adds to its {@link SitingAnswer}: where the sites are, what went into
 * the problem and the coverage before and after. Minutes are response times (turnout included).
 *
 * @param networkId the road network
 * @param mode drive, ambulance or walk
 * @param minutes the response-time standard, minutes (null when the request gave none)
 * @param turnoutMinutes minutes before departure, included in every time
 * @param candidates how the candidates were made
 * @param demand what the demand is
 * @param fixedSites open stations that took part (snapped onto the roads)
 * @param leftOutFixedSites open stations that could not take part, with why
 * @param sites the new sites, ranked by marginal gain (1 = largest)
 * @param candidatePoints every candidate that took part, {@code [lon, lat]}, for the map
 * @param before coverage by the fixed stations alone
 * @param after coverage by the fixed stations and the new sites
 * @param matrixSeconds wall time of the travel-time searches
 */
public record NetworkSitingReport(long networkId, String mode, Double minutes, double turnoutMinutes,
    Candidates candidates, Demand demand, List<FixedSite> fixedSites, List<LeftOut> leftOutFixedSites,
    List<Site> sites, List<double[]> candidatePoints, Coverage before, Coverage after, double matrixSeconds) {

  /**
   * @param source {@code grid}, {@code points} or {@code facilities} (registry candidates)
   * @param spacingMeters the grid spacing (null for points)
   * @param latticePoints grid points tried (null for points)
   * @param offRoad grid points without a road within half the spacing, or given points farther
   *     than the snap limit from every road
   * @param excluded grid sites in an excluded area
   * @param tooClose grid sites within half the spacing of another
   * @param unusable candidates that cannot reach every demand point (p-median, p-center)
   * @param used candidates that took part (fixed stations not counted)
   */
  public record Candidates(String source, Double spacingMeters, Integer latticePoints, int offRoad, int excluded,
      int tooClose, int unusable, int used) {}

  /**
   * @param sourceCells population cells read
   * @param points demand points that took part (for mclp and lscp: groups of cells the same sites
   *     cover, see {@link NetworkCostMatrix})
   * @param mergedCellMeters side of the squares cells were merged onto, or null when not merged
   * @param totalPopulation residents of all cells
   * @param offRoadPopulation residents farther than the snap limit from every road
   * @param unreachedPopulation residents no candidate or station reaches (within the standard for
   *     the covering models): no choice of sites serves them
   */
  public record Demand(int sourceCells, int points, Double mergedCellMeters, double totalPopulation,
      double offRoadPopulation, double unreachedPopulation) {}

  /** An open station that took part. */
  public record FixedSite(String id, Long facilityId, String name, double lon, double lat) {}

  /** An open station or candidate left out, and why. */
  public record LeftOut(String id, Long facilityId, String name, String reason) {}

  /**
   * A new site.
   *
   * @param rank 1 for the largest marginal gain
   * @param marginalGain what closing it again would lose (people for the covering models,
   *     minutes for p-median and p-center), or null when closing it would leave demand unserved
   * @param facilityId the registry facility when the candidate was one ({@code
   *     candidateFacilities}), else null
   */
  public record Site(int rank, String id, double lon, double lat, Double marginalGain, Long facilityId) {}

  /**
   * Coverage of all residents (the {@link Demand#totalPopulation}), unserved ones included.
   *
   * @param coveredPopulation residents within the standard of an open station (null without one)
   * @param coveredShare that over all residents (null without a standard)
   * @param meanMinutes population-weighted mean time to the nearest open station over the residents
   *     some station reaches (null when none, or when the covering models cut times at the standard)
   * @param maxMinutes the longest such time (null likewise)
   */
  public record Coverage(Double coveredPopulation, Double coveredShare, Double meanMinutes, Double maxMinutes) {}
}
