package org.carecircle.analysis;

import java.util.List;

/**
 * Registry facilities chosen by type and status.
 *
 * @param types facility type codes or names from the catalogue; null or empty: any type
 * @param statuses existing, planned, candidate or closed; null: the analysis's default (usually
 *     existing); empty: any status
 */
public record FacilityFilter(List<String> types, List<String> statuses) {}
