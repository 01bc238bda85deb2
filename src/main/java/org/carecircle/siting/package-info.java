/**
 * Siting chooses p new sites among candidates to serve demand weighted by population; cost =
 * travel time or distance from a site to a demand point. A {@link org.carecircle.siting.SitingProblem}
 * holds the demand, the candidates (some already open, "fixed") and the cost matrix in one unit of
 * the caller's choice; {@link org.carecircle.siting.SitingSolver} answers it for one of four
 * {@link org.carecircle.siting.SitingModel models} with a heuristic, an exact (OR-Tools) or an
 * automatic solver. A network problem is built by {@link org.carecircle.siting.NetworkSiting}: candidates
 * generated on the roads ({@link org.carecircle.siting.CandidateGridGenerator}), demand from the
 * population ({@link org.carecircle.siting.DemandPoints}) and response minutes from one search per
 * site ({@link org.carecircle.siting.NetworkCostMatrix}). Nothing in here knows about HTTP or SQL
 * except the controller, the service, the planner (which loads the inputs) and the run repository.
 */
package org.carecircle.siting;
