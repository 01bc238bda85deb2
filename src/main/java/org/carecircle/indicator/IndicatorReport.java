package org.carecircle.indicator;

import java.util.List;
import org.carecircle.standard.PlanningStandard;

/**
 * The indicator table of every district against one standard.
 *
 * @param networkId the network access was measured on, or null (access targets skipped)
 * @param notes what could not be computed and why
 */
public record IndicatorReport(String standard, Long networkId, List<PlanningStandard.Target> targets,
    List<String> notes, List<DistrictIndicators> districts) {}
