/**
 * Siting on a road network and over HTTP: a network problem is built by {@link
 * org.carecircle.siting.NetworkSiting} (candidates generated on the roads by {@link
 * org.carecircle.siting.CandidateGridGenerator}, demand from the population by {@link
 * org.carecircle.siting.DemandPoints}, response minutes from one search per site by {@link
 * org.carecircle.siting.NetworkCostMatrix}) and handed to the solvers of {@link
 * org.carecircle.siting.solver}. The controller, the service, the planner (which loads the inputs)
 * and the run repository are the only classes here that know HTTP or SQL.
 */
package org.carecircle.siting;
