package org.carecircle.siting;

import org.carecircle.siting.solver.SitingProblem;
import java.util.List;

/**
 * A network siting problem and what was left out of it on the way ({@link NetworkCostMatrix}).
 *
 * @param problem the problem over the kept sites and demand points (costs in minutes), or null
 *     when no site or no demand point is left
 * @param sites the kept sites, in the problem's candidate order
 * @param demandLon longitudes of the kept demand points, in the problem's demand order (for the
 *     covering models' groups of cells, their residents' weighted centre)
 * @param demandLat latitudes of the kept demand points
 * @param totalPopulation residents of all demand points, kept or not
 * @param offRoadPopulation residents of demand points farther than the snap limit from every road
 * @param unreachedPopulation residents of demand points on the roads that no site reaches (within
 *     the cutoff for the covering models)
 * @param offRoadSites sites farther than the snap limit from every road of the mode
 * @param partialSites p-median and p-center: sites left out because they cannot reach every kept
 *     demand point
 * @param seconds wall time of the build
 * @param snapSeconds of which snapping the sites and demand points onto the roads
 */
public record NetworkSitingInstance(SitingProblem problem, List<NetworkCostMatrix.Site> sites, double[] demandLon,
    double[] demandLat, double totalPopulation, double offRoadPopulation, double unreachedPopulation,
    List<NetworkCostMatrix.Site> offRoadSites, List<NetworkCostMatrix.Site> partialSites, double seconds,
    double snapSeconds) {}
