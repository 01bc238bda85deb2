package org.carecircle.accessibility;

import org.carecircle.analysis.AnalysisRequest;

/**
 * A planner's request, as sent to {@code POST /api/accessibility}: only the shared analysis fields,
 * with {@code minutes} as access thresholds and the facilities by {@code facilityIds} or {@code
 * facilityFilter} (statuses default to existing; ad-hoc points are not taken). A turnout is added to
 * every cell's minutes.
 */
public final class AccessibilityRequest extends AnalysisRequest {}
