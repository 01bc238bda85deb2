package org.carecircle.analysis;

import java.util.List;
import org.carecircle.network.TravelMode;

/**
 * The shared part of a request after {@link AnalysisRequestChecker}: every value present and in range.
 *
 * @param networkId the road network; null only when the rules did not require one
 * @param mode the travel mode
 * @param minutes the thresholds, ascending and distinct, each in (0, 180]; empty when none was
 *     given and none was required
 * @param turnoutMinutes in [0, smallest threshold)
 * @param origins the selected facilities or points (empty for {@link AnalysisRules.Selection#NONE})
 */
public record CheckedAnalysis(Long networkId, TravelMode mode, double[] minutes, double turnoutMinutes,
    List<AnalysisOrigin> origins) {}
