package org.carecircle.io.osm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.polygonize.Polygonizer;

/**
 * Turns OSM node coordinates into JTS geometries in WGS84 longitude/latitude (x = longitude,
 * SRID 4326), and picks the single point that stands for an area or a line on a map.
 */
public final class OsmGeometryBuilder {
  public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
  /** A closed ring needs three distinct corners plus the repeated first one. */
  private static final int MIN_RING_POINTS = 4;

  private OsmGeometryBuilder() {}

  /**
   * The geometry of one way: a polygon when it is closed (first node = last node, at least four
   * nodes), otherwise a line. A way of a single node becomes a point.
   *
   * @param coordinates the way's node positions in way order; not empty
   */
  public static Geometry way(Coordinate[] coordinates) {
    if (coordinates.length == 1) {
      return WGS84.createPoint(coordinates[0]);
    }
    boolean closed = coordinates.length >= MIN_RING_POINTS
        && coordinates[0].equals2D(coordinates[coordinates.length - 1]);
    return closed ? WGS84.createPolygon(coordinates) : WGS84.createLineString(coordinates);
  }

  /**
   * The polygons enclosed by a set of ways, such as the outer members of a multipolygon relation,
   * whose rings may each be split over several ways joined end to end. Ways that close no ring
   * contribute nothing; the result is empty when no ring closes.
   */
  public static List<Polygon> polygons(Collection<Coordinate[]> ways) {
    Polygonizer polygonizer = new Polygonizer();
    for (Coordinate[] way : ways) {
      if (way.length >= 2) {
        polygonizer.add(WGS84.createLineString(way));
      }
    }
    List<Polygon> polygons = new ArrayList<>();
    for (Object polygon : polygonizer.getPolygons()) {
      polygons.add((Polygon) polygon);
    }
    return polygons;
  }

  /**
   * The point that stands for a geometry on a map: for an area its centroid when that lies inside
   * (the usual case), otherwise an interior point (a U-shaped building, a valley-shaped parish);
   * for a line an inner vertex near its centroid, so the point lies on the line; a point is itself.
   *
   * @param geometry not empty
   */
  public static Point representativePoint(Geometry geometry) {
    if (geometry instanceof Point point) {
      return point;
    }
    if (geometry.getDimension() == 2) {
      Point centroid = geometry.getCentroid();
      // the simple locator also answers for self-touching or otherwise invalid OSM areas
      if (SimplePointInAreaLocator.locate(centroid.getCoordinate(), geometry) == Location.INTERIOR) {
        return centroid;
      }
    }
    return geometry.getInteriorPoint();
  }
}
