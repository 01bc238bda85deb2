package org.carecircle.io;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature to be written to a file.
 *
 * @param geometry WGS84 longitude/latitude (EPSG:4326), x = longitude
 * @param properties values by field name; String, Number, Boolean or null
 */
public record OutputFeature(Geometry geometry, Map<String, Object> properties) {}
