package org.carecircle.siting.solver;

/**
 * One chosen site and what it contributes.
 *
 * @param id the candidate's id
 * @param marginalGain how much worse the answer gets if this site alone were closed and the others
 *     stayed open, in the objective's unit and always &ge; 0: MCLP and LSCP, the weight only this
 *     site covers; p-median, the rise in weighted mean cost; p-center, the rise in maximum cost.
 *     NaN when closing it would leave demand with no open site at all (p-median and p-center with
 *     a single site).
 */
public record SiteGain(String id, double marginalGain) {}
