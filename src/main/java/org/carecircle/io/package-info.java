/**
 * File formats and coordinate reference systems: readers turn a planner's file into
 * {@link org.carecircle.io.SourceFeature}s in the file's own CRS, writers turn features into files,
 * and {@code io.crs} brings coordinates to WGS84 longitude/latitude (EPSG:4326).
 */
package org.carecircle.io;
