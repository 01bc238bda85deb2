package org.carecircle.io;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature as read from a planner's file, before any domain mapping or validation.
 *
 * @param row 1-based row as the planner sees it (see {@link org.carecircle.error.InputProblem#row()})
 * @param geometry the geometry in the file's CRS (not yet transformed to WGS84); never null
 * @param properties attribute values by the file's own column or property names, in file order;
 *     values are String, Number, Boolean, or nested Map/List (GeoJSON); missing values are absent
 */
public record SourceFeature(int row, Geometry geometry, Map<String, Object> properties) {}
