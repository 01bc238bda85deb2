package org.carecircle.coverage.isochrone;

import org.locationtech.jts.geom.Geometry;

/**
 * The zone of one travel-time cutoff.
 *
 * @param cutoffSeconds the cutoff, seconds
 * @param geometry WGS84 (SRID 4326) Polygon or MultiPolygon, possibly with holes; an empty Polygon
 *     when nothing is reachable within the cutoff
 * @param areaSquareMeters area on the ground ({@link GeodesicArea}), holes excluded
 */
public record CoverageZone(double cutoffSeconds, Geometry geometry, double areaSquareMeters) {}
