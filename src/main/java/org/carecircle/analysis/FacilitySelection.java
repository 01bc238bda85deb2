package org.carecircle.analysis;

import java.util.List;

/**
 * A group of registry facilities named by one field of a request (siting's {@code fixedFacilities}
 * and {@code candidateFacilities}): by ids, or by types and statuses. Checked by {@link
 * AnalysisRequestChecker#facilities}.
 *
 * @param ids facility ids, or null
 * @param types facility type codes or names, or null (any type)
 * @param statuses statuses, or null (the field's default)
 */
public record FacilitySelection(List<Long> ids, List<String> types, List<String> statuses) {}
