package org.carecircle.district;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.PolygonExtracter;

/** Boundaries as the store keeps them: one MultiPolygon in WGS84, SRID 4326. */
final class DistrictGeometry {
  static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private DistrictGeometry() {}

  /**
   * The polygons of a geometry (a Polygon, a MultiPolygon, or the polygons among the parts of a
   * collection) as one MultiPolygon on the WGS84 factory; null when it has none with an area.
   */
  static MultiPolygon asMultiPolygon(Geometry geometry) {
    List<Polygon> polygons = new ArrayList<>();
    for (Object part : PolygonExtracter.getPolygons(geometry)) {
      Polygon polygon = (Polygon) part;
      if (!polygon.isEmpty() && polygon.getArea() > 0) {
        polygons.add((Polygon) WGS84.createGeometry(polygon));
      }
    }
    return polygons.isEmpty() ? null : WGS84.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }
}
