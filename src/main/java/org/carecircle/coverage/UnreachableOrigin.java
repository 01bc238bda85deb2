package org.carecircle.coverage;

/**
 * An origin that has no zone because it is too far from every road of the travel mode.
 *
 * @param facilityId the facility, or null
 * @param facilityName its name, or null
 * @param pointIndex the ad-hoc point's index, or null
 * @param message why, for the planner
 */
public record UnreachableOrigin(Long facilityId, String facilityName, Integer pointIndex, String message) {}
