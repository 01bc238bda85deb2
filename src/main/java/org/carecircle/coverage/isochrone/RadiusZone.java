package org.carecircle.coverage.isochrone;

import org.locationtech.jts.geom.Geometry;

/**
 * A plain service-radius zone: the ground within {@code radiusMeters} of a facility, or of any of
 * several facilities.
 *
 * @param radiusMeters the radius, metres
 * @param geometry WGS84 (SRID 4326) Polygon, or MultiPolygon for dissolved circles that do not
 *     touch
 * @param areaSquareMeters area on the ground ({@link GeodesicArea})
 */
public record RadiusZone(double radiusMeters, Geometry geometry, double areaSquareMeters) {}
