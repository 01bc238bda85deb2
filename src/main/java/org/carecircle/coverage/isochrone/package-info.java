/**
 * The isochrone engine: from the travel times of a search on one mode's graph to WGS84 polygons.
 * Times are interpolated along edges ({@link org.carecircle.coverage.isochrone.EdgeTravelTime}),
 * walked off-road onto a local raster ({@link org.carecircle.coverage.isochrone.CoverageRaster}),
 * traced into contour rings, simplified and assembled into polygons with holes; a plain radius is
 * a geodesic circle ({@link org.carecircle.coverage.isochrone.RadiusZoneBuilder}). Touches no HTTP
 * or SQL type; the coverage-zone service around it plans requests and stores zones.
 */
package org.carecircle.coverage.isochrone;
