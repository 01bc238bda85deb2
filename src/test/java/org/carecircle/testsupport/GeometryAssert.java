package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;

/** The project's one set of geometry assertions, with messages that say what went wrong. */
public final class GeometryAssert {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  private GeometryAssert() {}

  /** Same shape as the WKT, vertex by vertex, to within {@code tolerance} (coordinate units). */
  public static void assertGeometryEquals(String expectedWkt, Geometry actual, double tolerance) {
    Geometry expected;
    try {
      expected = new WKTReader(FACTORY).read(expectedWkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad WKT in test: " + expectedWkt, e);
    }
    assertThat(actual.equalsExact(expected, tolerance))
        .as("expected %s%nbut was  %s", expectedWkt, actual)
        .isTrue();
  }

  /**
   * Same shape as {@code expected}, vertex by vertex and in the same order, to within {@code
   * tolerance} (coordinate units; 0 for identical coordinates).
   */
  public static void assertGeometryEquals(Geometry expected, Geometry actual, double tolerance) {
    assertThat(actual.equalsExact(expected, tolerance))
        .as("expected %s%nbut was  %s", expected, actual)
        .isTrue();
  }

  /** The point (x, y) lies inside or on the boundary of {@code area}. */
  public static void assertInside(Geometry area, double x, double y, String what) {
    Point point = FACTORY.createPoint(new Coordinate(x, y));
    assertThat(area.covers(point))
        .as("%s (%.7f %.7f) should be inside; distance to the area %.3g", what, x, y,
            area.distance(point))
        .isTrue();
  }

  /** The point (x, y) lies outside {@code area} (not even on its boundary). */
  public static void assertOutside(Geometry area, double x, double y, String what) {
    Point point = FACTORY.createPoint(new Coordinate(x, y));
    assertThat(area.covers(point))
        .as("%s (%.7f %.7f) should be outside; it lies %.3g inside the boundary", what, x, y,
            area.getBoundary().distance(point))
        .isFalse();
  }

  /** {@code outer}, grown by {@code tolerance} (coordinate units), covers {@code inner}. */
  public static void assertCoversWithin(Geometry outer, Geometry inner, double tolerance,
      String what) {
    Geometry uncovered = inner.difference(outer.buffer(tolerance));
    assertThat(uncovered.isEmpty())
        .as("%s: %.3g square units of the inner geometry stick out, e.g. near %s", what,
            uncovered.getArea(), uncovered.isEmpty() ? "-" : uncovered.getCoordinate())
        .isTrue();
  }

  /** Valid in the OGC sense (JTS IsValidOp), with the reason and place if not. */
  public static void assertValid(Geometry geometry, String what) {
    IsValidOp op = new IsValidOp(geometry);
    assertThat(op.isValid())
        .as("%s should be valid: %s", what, op.getValidationError())
        .isTrue();
  }
}
