package org.carecircle.siting.solver;

import java.util.List;

/**
 * The answer to a siting run, measured on the original problem (not the presolved one). NaN marks
 * a figure that does not apply.
 *
 * @param model the question asked
 * @param solver the solver asked for
 * @param status optimal, feasible, infeasible or time limit
 * @param selected the new sites' ids, by marginal gain, largest first (ties in candidate order);
 *     fixed sites are not listed, though they are open
 * @param sites the same sites with their marginal gains
 * @param objective MCLP: covered weight; LSCP: number of new sites; p-median: weighted mean cost;
 *     p-center: maximum cost
 * @param coveredWeight the weight within the cutoff of an open site (NaN without a cutoff)
 * @param coveredShare coveredWeight over the total weight (NaN without a cutoff or weight)
 * @param uncoveredDemandCount demand points beyond the cutoff of every open site (0 without a cutoff)
 * @param backupCoveredWeight the weight within the cutoff of at least two open sites (NaN without a cutoff)
 * @param meanCost weighted mean cost from each demand point to its nearest open site (NaN when
 *     some point has no finite cost to any open site, or the total weight is 0)
 * @param maxCost the largest such cost over all points, weight 0 included (NaN when infinite)
 * @param bound the best proven bound on the objective, same unit (an upper bound for MCLP, a lower
 *     one for the others); NaN when none
 * @param gap |objective − bound| / |objective|; 0 when proven optimal, NaN without a bound
 * @param seconds wall time of the run, presolve included
 * @param presolve what presolve did
 * @param message a note for the planner (why infeasible, why fewer useful sites than p), or null
 */
public record SitingResult(SitingModel model, SolverKind solver, SitingStatus status, List<String> selected,
    List<SiteGain> sites, double objective, double coveredWeight, double coveredShare, int uncoveredDemandCount,
    double backupCoveredWeight, double meanCost, double maxCost, double bound, double gap, double seconds,
    PresolveReport presolve, String message) {}
