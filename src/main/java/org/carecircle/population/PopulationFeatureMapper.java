package org.carecircle.population;

import java.util.List;
import org.carecircle.error.InputProblem;
import org.carecircle.io.SourceFeature;
import org.carecircle.io.crs.CoordinateTransformer;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Turns one feature of a vector file (a CSV row, a GeoJSON or GeoPackage feature) into the parts
 * of a population cell: a point keeps its position; a Polygon or MultiPolygon (a census unit, a
 * grid cell) keeps its shape and is placed at its centroid, or at an interior point when the
 * centroid falls outside (a crescent-shaped unit). An invalid polygon (a self-intersecting ring,
 * common in census files) is repaired with JTS's {@link GeometryFixer}.
 */
final class PopulationFeatureMapper {
  private final String valueColumn;
  private final CoordinateTransformer transformer;

  /**
   * @param valueColumn the property holding the population
   * @param transformer from the file's CRS to WGS84
   */
  PopulationFeatureMapper(String valueColumn, CoordinateTransformer transformer) {
    this.valueColumn = valueColumn;
    this.transformer = transformer;
  }

  /**
   * The outcome for one feature: the cell's parts, or the problem that keeps it out.
   *
   * @param location WGS84, or null with a problem
   * @param cellPolygon WGS84 Polygon or MultiPolygon, or null for a point
   * @param repaired whether the polygon had to be repaired
   */
  record Mapped(Point location, Geometry cellPolygon, double population, boolean repaired, InputProblem problem) {
    static Mapped rejected(InputProblem problem) {
      return new Mapped(null, null, 0, false, problem);
    }
  }

  Mapped map(SourceFeature feature) {
    int row = feature.row();
    double population;
    try {
      population = PopulationColumn.value(feature.properties().get(valueColumn));
    } catch (IllegalArgumentException e) {
      return Mapped.rejected(InputProblem.ofRow(row, valueColumn, e.getMessage()));
    }
    Geometry geometry;
    try {
      geometry = transformer.toWgs84(feature.geometry());
    } catch (IllegalArgumentException e) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", e.getMessage()));
    }
    if (geometry.isEmpty()) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", "the row has no location"));
    }
    Envelope extent = geometry.getEnvelopeInternal();
    if (extent.getMinX() < -180 || extent.getMaxX() > 180 || extent.getMinY() < -90 || extent.getMaxY() > 90) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", "the coordinates (" + extent.getMinX() + ", "
          + extent.getMinY() + ") are not a longitude and latitude in " + transformer.crsName()
          + "; if the file is projected (metres), name its CRS with crs=EPSG:n"));
    }
    if (geometry instanceof Point point) {
      return new Mapped(point, null, population, false, null);
    }
    if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", "expected a Point (a cell centre) or a Polygon"
          + " (a cell or census unit), found a " + geometry.getGeometryType()));
    }
    boolean repaired = !geometry.isValid();
    Geometry area = repaired ? polygonal(GeometryFixer.fix(geometry)) : geometry;
    if (area.isEmpty()) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", "the polygon encloses no area"));
    }
    area.setSRID(CoordinateTransformer.WGS84_SRID);
    return new Mapped(placeOf(area), area, population, repaired, null);
  }

  /** The polygons of a repaired geometry (a repair can leave lines or points behind). */
  private static Geometry polygonal(Geometry fixed) {
    if (fixed instanceof Polygon || fixed instanceof MultiPolygon) {
      return fixed;
    }
    List<Polygon> polygons = new java.util.ArrayList<>();
    for (int i = 0; i < fixed.getNumGeometries(); i++) {
      Geometry part = fixed.getGeometryN(i);
      for (int j = 0; j < part.getNumGeometries(); j++) {
        if (part.getGeometryN(j) instanceof Polygon polygon && !polygon.isEmpty()) {
          polygons.add(polygon);
        }
      }
    }
    return polygons.size() == 1 ? polygons.get(0)
        : fixed.getFactory().createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  private static Point placeOf(Geometry area) {
    Point centroid = area.getCentroid();
    return SimplePointInAreaLocator.locate(centroid.getCoordinate(), area) == Location.INTERIOR
        ? centroid
        : area.getInteriorPoint();
  }
}
