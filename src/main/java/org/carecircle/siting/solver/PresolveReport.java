package org.carecircle.siting.solver;

import java.util.List;

/**
 * What presolve did before the solvers saw the problem. Counts are of the problem's demand points
 * and candidates; weights in the problem's weight unit.
 *
 * @param demandPoints demand points in the problem
 * @param demandGroups groups the solvers work on: points with the same coverage set (covering
 *     models: the same candidates within the cutoff and the same number of fixed sites covering
 *     them) or the same cost column (cost models) are one group with the summed weight
 * @param uncoverableDemandPoints points no candidate (fixed or new) covers within the cutoff; they
 *     are left out and never covered, whatever is chosen (covering models only)
 * @param uncoverableWeight their weight
 * @param uncoverableDemandIds the first {@link SitingPresolver#REPORTED_IDS} of them
 * @param coveredByFixedDemandPoints points already covered by fixed sites (once, or twice when the
 *     backup objective is on); they count as covered and are left out of the search
 * @param coveredByFixedWeight their weight
 * @param zeroWeightDemandPoints points of weight 0 left out (p-median only: they cannot change it)
 * @param candidates candidates in the problem
 * @param fixedCandidates of which already open
 * @param dominatedCandidates candidates left out because another covers everything they cover
 *     (covering models without backup; ties keep the first)
 * @param candidatesKept candidates the search chooses from (not fixed, not dominated)
 * @param dominanceChecked false when there were too many candidates to compare pairwise
 * @param seconds time taken
 */
public record PresolveReport(int demandPoints, int demandGroups, int uncoverableDemandPoints,
    double uncoverableWeight, List<String> uncoverableDemandIds, int coveredByFixedDemandPoints,
    double coveredByFixedWeight, int zeroWeightDemandPoints, int candidates, int fixedCandidates,
    int dominatedCandidates, int candidatesKept, boolean dominanceChecked, double seconds) {}
