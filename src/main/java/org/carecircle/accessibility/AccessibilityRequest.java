package org.carecircle.accessibility;

import java.util.List;
import org.carecircle.coverage.CoverageRequest;

/**
 * A planner's request, as sent to {@code POST /api/accessibility}. Every field may be missing; the
 * service checks them all and names each bad one.
 *
 * @param networkId the road network
 * @param facilityIds the facilities, or
 * @param facilityFilter the facilities of these types and statuses (default status: existing)
 * @param mode walk, drive or ambulance
 * @param minutes access thresholds, each in (0, 180]
 */
public record AccessibilityRequest(Long networkId, List<Long> facilityIds, CoverageRequest.FacilityFilter facilityFilter,
    String mode, List<Double> minutes) {

  /** The same selection as a coverage request, so that it is checked by the same rules. */
  CoverageRequest asCoverageRequest() {
    return new CoverageRequest(networkId, facilityIds, facilityFilter, null, mode, minutes, "network", null, null,
        null, null);
  }
}
