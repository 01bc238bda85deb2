/**
 * Siting solvers: choose p new sites among candidates to serve demand weighted by population,
 * where cost is travel time or distance from a site to a demand point in one unit of the caller's
 * choice. A {@link org.carecircle.siting.solver.SitingProblem} holds demand, candidates (some already
 * open, "fixed") and the cost matrix; {@link org.carecircle.siting.solver.SitingSolver} answers it for
 * one of the {@link org.carecircle.siting.solver.SitingModel models} (MCLP, LSCP, p-median, p-center)
 * with a heuristic (swap searches), an exact OR-Tools MIP or automatically, after a presolve that
 * merges identical demand. Touches no HTTP, SQL or road-network type.
 */
package org.carecircle.siting.solver;
