package org.carecircle.io.osm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

class OsmGeometryBuilderTest {

  @Test
  void closedWayIsPlacedAtItsCentroidWhenThatIsInside() {
    // a 2 x 2 square: the centroid (1, 1) is inside
    Geometry square = OsmGeometryBuilder.way(coordinates(0, 0, 2, 0, 2, 2, 0, 2, 0, 0));

    assertThat(square).isInstanceOf(Polygon.class);
    assertThat(OsmGeometryBuilder.representativePoint(square).toText()).isEqualTo("POINT (1 1)");
  }

  /**
   * A U-shaped building, 3 x 3 with a 1 x 2 notch cut from the top middle:
   *
   * <pre>
   *   3 +--+  +--+
   *     |  |  |  |
   *   1 |  +--+  |     area 9 - 2 = 7; centroid = (9 * (1.5, 1.5) - 2 * (1.5, 2)) / 7
   *     |        |                      = (1.5, 9.5 / 7 = 1.357), inside the notch
   *   0 +--------+
   *     0  1  2  3
   * </pre>
   */
  @Test
  void closedWayWhoseCentroidFallsOutsideIsPlacedInside() {
    Geometry building = OsmGeometryBuilder.way(coordinates(0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3, 0, 3, 0, 0));
    assertThat(building.getCentroid().getX()).isEqualTo(1.5);
    assertThat(building.getCentroid().getY()).isCloseTo(9.5 / 7, within(1e-12));

    Point point = OsmGeometryBuilder.representativePoint(building);

    assertThat(building.contains(point)).isTrue();
    assertThat(building.contains(building.getCentroid())).isFalse();
  }

  /** Segments of length 1, 1 and 2 with midpoints 0.5, 1.5 and 3: centroid x = (0.5 + 1.5 + 6) / 4 = 2. */
  @Test
  void openWayIsPlacedOnItsVertexNearestTheMiddle() {
    Geometry street = OsmGeometryBuilder.way(coordinates(0, 0, 1, 0, 2, 0, 4, 0));

    assertThat(street).isInstanceOf(LineString.class);
    assertThat(OsmGeometryBuilder.representativePoint(street).toText()).isEqualTo("POINT (2 0)");
  }

  @Test
  void wayThatReturnsToItsStartWithoutEnclosingAnythingIsALine() {
    assertThat(OsmGeometryBuilder.way(coordinates(0, 0, 1, 1, 0, 0))).isInstanceOf(LineString.class);
    assertThat(OsmGeometryBuilder.way(coordinates(5, 6))).isInstanceOf(Point.class);
  }

  /** One ring drawn as two ways, as multipolygon relations often split long boundaries. */
  @Test
  void waysJoinedEndToEndEncloseAPolygon() {
    List<Polygon> polygons = OsmGeometryBuilder.polygons(List.of(
        coordinates(0, 0, 2, 0, 2, 2), coordinates(2, 2, 0, 2, 0, 0)));

    assertThat(polygons).singleElement().satisfies(polygon -> assertThat(polygon.getArea()).isEqualTo(4.0));
  }

  @Test
  void waysThatDoNotCloseEncloseNothing() {
    assertThat(OsmGeometryBuilder.polygons(List.of(coordinates(0, 0, 2, 0, 2, 2), coordinates(2, 2, 0, 2)))).isEmpty();
  }

  private static Coordinate[] coordinates(double... xy) {
    Coordinate[] coordinates = new Coordinate[xy.length / 2];
    for (int i = 0; i < coordinates.length; i++) {
      coordinates[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
    }
    return coordinates;
  }
}
