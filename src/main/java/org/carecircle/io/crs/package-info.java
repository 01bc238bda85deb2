/**
 * Coordinate reference systems: a CRS code (an EPSG code, or GCJ-02 / BD-09, the offset
 * longitude/latitude of Chinese web maps) says how a planner's coordinates are to be read, and
 * {@link org.carecircle.io.crs.CoordinateTransformer} brings them to WGS84 longitude/latitude
 * (EPSG:4326, x = longitude), the one CRS the analyses work in.
 */
package org.carecircle.io.crs;
