package org.carecircle.siting.solver;

/**
 * What one solver found, before it is measured on the problem.
 *
 * @param sites the chosen new sites as the problem's candidate indices
 * @param bound the best proven bound in the model's objective unit (covered weight for MCLP, new
 *     sites for LSCP, mean cost for p-median, max cost for p-center); NaN when none
 * @param status optimal, feasible, infeasible or time limit
 */
record SolverOutcome(int[] sites, double bound, SitingStatus status) {}
