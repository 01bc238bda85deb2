package org.carecircle.analysis;

/**
 * Where an analysis starts: a facility of the registry or an ad-hoc point.
 *
 * @param facilityId the facility, or null for an ad-hoc point
 * @param facilityName the facility's name, or null
 * @param pointIndex the 0-based index of the ad-hoc point in the request, or null
 * @param lon WGS84 longitude, degrees
 * @param lat WGS84 latitude, degrees
 */
public record AnalysisOrigin(Long facilityId, String facilityName, Integer pointIndex, double lon, double lat) {}
