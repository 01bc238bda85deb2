package org.carecircle.population;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * One cell of the population layer.
 *
 * @param id the store's key, assigned by the import in file order from 1
 * @param population residents counted in the cell; finite and {@code >= 0}, not necessarily whole
 *     (modelled rasters such as WorldPop hold fractions)
 * @param location WGS84 longitude/latitude, SRID 4326: the pixel centre, the grid point, or a point
 *     inside the census polygon; where analyses place the cell's residents
 * @param cellPolygon the area the count refers to (the pixel square, the census unit) as a Polygon
 *     or MultiPolygon in WGS84, or {@code null} when the input had points only
 */
public record PopulationCell(long id, double population, Point location, Geometry cellPolygon) {}
