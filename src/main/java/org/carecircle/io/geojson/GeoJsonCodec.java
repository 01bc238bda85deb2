package org.carecircle.io.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The one place where JTS geometries become GeoJSON (RFC 7946) and back.
 *
 * <p>Coordinates are WGS84 longitude, latitude (x, y) and optionally height. Output is rounded to
 * {@link #COORDINATE_DECIMALS} decimals and never carries a {@code crs} member, as RFC 7946 §4
 * requires. Parsed geometries get SRID 4326. Parsing checks the structure and that every ordinate is
 * a finite number; it does not check ranges (a caller may parse projected coordinates first).
 */
public final class GeoJsonCodec {
  /** 7 decimals of a degree are about 1 cm on the ground: finer is noise, coarser loses data. */
  public static final int COORDINATE_DECIMALS = 7;

  private static final double ROUNDING = Math.pow(10, COORDINATE_DECIMALS);
  public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private GeoJsonCodec() {}

  /**
   * Parses a GeoJSON geometry object.
   *
   * @param node the geometry object
   * @param path where the object is, for messages (e.g. {@code "geometry"})
   * @throws GeoJsonFormatException naming the path and what was expected
   */
  public static Geometry readGeometry(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw new GeoJsonFormatException(path, "the feature has no geometry");
    }
    if (!node.isObject()) {
      throw new GeoJsonFormatException(path, "expected a GeoJSON geometry object");
    }
    String type = node.path("type").asText("");
    if (type.equals("GeometryCollection")) {
      JsonNode members = node.get("geometries");
      if (members == null || !members.isArray()) {
        throw new GeoJsonFormatException(path + ".geometries", "expected an array of geometries");
      }
      Geometry[] parts = new Geometry[members.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = readGeometry(members.get(i), path + ".geometries[" + i + "]");
      }
      return WGS84.createGeometryCollection(parts);
    }
    JsonNode coordinates = node.get("coordinates");
    String at = path + ".coordinates";
    if (coordinates == null || !coordinates.isArray()) {
      if (type.isEmpty()) {
        throw new GeoJsonFormatException(path + ".type", "missing geometry type");
      }
      throw new GeoJsonFormatException(at, "expected an array of coordinates");
    }
    return switch (type) {
      case "Point" -> WGS84.createPoint(position(coordinates, at));
      case "MultiPoint" -> WGS84.createMultiPointFromCoords(positions(coordinates, at, 0));
      case "LineString" -> WGS84.createLineString(positions(coordinates, at, 2));
      case "MultiLineString" -> {
        LineString[] lines = new LineString[coordinates.size()];
        for (int i = 0; i < lines.length; i++) {
          lines[i] = WGS84.createLineString(positions(coordinates.get(i), at + "[" + i + "]", 2));
        }
        yield WGS84.createMultiLineString(lines);
      }
      case "Polygon" -> polygon(coordinates, at);
      case "MultiPolygon" -> {
        Polygon[] polygons = new Polygon[coordinates.size()];
        for (int i = 0; i < polygons.length; i++) {
          polygons[i] = polygon(coordinates.get(i), at + "[" + i + "]");
        }
        yield WGS84.createMultiPolygon(polygons);
      }
      case "" -> throw new GeoJsonFormatException(path + ".type", "missing geometry type");
      default -> throw new GeoJsonFormatException(
          path + ".type",
          "'" + type + "' is not a GeoJSON geometry type (Point, LineString, Polygon, Multi..., GeometryCollection)");
    };
  }

  private static Polygon polygon(JsonNode rings, String path) {
    if (!rings.isArray() || rings.isEmpty()) {
      throw new GeoJsonFormatException(path, "expected a polygon: an array of linear rings");
    }
    LinearRing shell = ring(rings.get(0), path + "[0]");
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i), path + "[" + i + "]");
    }
    return WGS84.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode node, String path) {
    Coordinate[] ring = positions(node, path, 4);
    if (!ring[0].equals2D(ring[ring.length - 1])) {
      throw new GeoJsonFormatException(path, "a polygon ring must end where it starts");
    }
    return WGS84.createLinearRing(ring);
  }

  private static Coordinate[] positions(JsonNode node, String path, int minimumCount) {
    if (!node.isArray()) {
      throw new GeoJsonFormatException(path, "expected an array of positions");
    }
    if (node.size() < minimumCount) {
      throw new GeoJsonFormatException(
          path, "expected at least " + minimumCount + " positions, found " + node.size());
    }
    Coordinate[] result = new Coordinate[node.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = position(node.get(i), path + "[" + i + "]");
    }
    return result;
  }

  private static Coordinate position(JsonNode node, String path) {
    if (!node.isArray() || node.size() < 2 || node.size() > 3) {
      throw new GeoJsonFormatException(path, "expected a position [longitude, latitude]");
    }
    double x = ordinate(node.get(0), path + "[0]", "longitude");
    double y = ordinate(node.get(1), path + "[1]", "latitude");
    return node.size() == 3
        ? new Coordinate(x, y, ordinate(node.get(2), path + "[2]", "height"))
        : new Coordinate(x, y);
  }

  private static double ordinate(JsonNode node, String path, String name) {
    if (!node.isNumber()) {
      throw new GeoJsonFormatException(path, name + " must be a number, found " + node);
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new GeoJsonFormatException(path, name + " is not a finite number (" + node.asText() + ")");
    }
    return value;
  }

  /** Writes a geometry object; coordinates rounded to {@link #COORDINATE_DECIMALS} decimals. */
  public static void writeGeometry(JsonGenerator out, Geometry geometry) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", geometry.getGeometryType());
    if (geometry instanceof GeometryCollection collection
        && !(geometry instanceof MultiPoint
            || geometry instanceof MultiLineString
            || geometry instanceof MultiPolygon)) {
      out.writeArrayFieldStart("geometries");
      for (int i = 0; i < collection.getNumGeometries(); i++) {
        writeGeometry(out, collection.getGeometryN(i));
      }
      out.writeEndArray();
    } else {
      out.writeFieldName("coordinates");
      writeCoordinates(out, geometry);
    }
    out.writeEndObject();
  }

  private static void writeCoordinates(JsonGenerator out, Geometry geometry) throws IOException {
    if (geometry instanceof Point point) {
      if (point.isEmpty()) {
        out.writeStartArray();
        out.writeEndArray();
      } else {
        writePosition(out, point.getCoordinate());
      }
    } else if (geometry instanceof LineString line) {
      writePositions(out, line.getCoordinates(), null);
    } else if (geometry instanceof Polygon polygon) {
      out.writeStartArray();
      // RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise
      writePositions(out, polygon.getExteriorRing().getCoordinates(), true);
      for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
        writePositions(out, polygon.getInteriorRingN(i).getCoordinates(), false);
      }
      out.writeEndArray();
    } else {
      out.writeStartArray();
      for (int i = 0; i < geometry.getNumGeometries(); i++) {
        writeCoordinates(out, geometry.getGeometryN(i));
      }
      out.writeEndArray();
    }
  }

  /** @param counterClockwise the orientation a ring must have, or null to keep the given order */
  private static void writePositions(JsonGenerator out, Coordinate[] ring, Boolean counterClockwise)
      throws IOException {
    boolean reverse =
        counterClockwise != null
            && ring.length >= 4
            && isRing(ring)
            && Orientation.isCCW(ring) != counterClockwise;
    out.writeStartArray();
    for (int i = 0; i < ring.length; i++) {
      writePosition(out, ring[reverse ? ring.length - 1 - i : i]);
    }
    out.writeEndArray();
  }

  private static boolean isRing(Coordinate[] coordinates) {
    return coordinates[0].equals2D(coordinates[coordinates.length - 1]);
  }

  private static void writePosition(JsonGenerator out, Coordinate c) throws IOException {
    out.writeStartArray();
    out.writeNumber(round(c.x));
    out.writeNumber(round(c.y));
    if (!Double.isNaN(c.getZ())) {
      out.writeNumber(Math.round(c.getZ() * 1000) / 1000.0);
    }
    out.writeEndArray();
  }

  static double round(double degrees) {
    return Math.round(degrees * ROUNDING) / ROUNDING;
  }
}
