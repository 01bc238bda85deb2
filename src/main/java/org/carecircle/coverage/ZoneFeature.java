package org.carecircle.coverage;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * One stored zone: the area reachable from an origin (or, dissolved, from all) within a band.
 *
 * @param facilityId the origin facility, or null (ad-hoc point or dissolved)
 * @param facilityName its name, or null
 * @param pointIndex the ad-hoc point's index, or null
 * @param minutes the band
 * @param areaSquareMeters area on the ground
 * @param geometry WGS84; empty when nothing is reachable
 */
public record ZoneFeature(
    Long facilityId, String facilityName, Integer pointIndex, double minutes, double areaSquareMeters,
    MultiPolygon geometry) {}
