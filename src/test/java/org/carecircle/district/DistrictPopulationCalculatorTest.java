package org.carecircle.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.carecircle.population.PopulationCell;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** District sums on small hand-drawn layouts, with the expected values worked out in comments. */
class DistrictPopulationCalculatorTest {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private static Geometry wkt(String text) {
    try {
      return new WKTReader(WGS84).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static PopulationCell square(double population, double minX, double minY, double size) {
    Geometry polygon = WGS84.toGeometry(new Envelope(minX, minX + size, minY, minY + size));
    return new PopulationCell(0, population, polygon.getCentroid(), polygon);
  }

  private static PopulationCell point(double population, double x, double y) {
    return new PopulationCell(0, population, WGS84.createPoint(new Coordinate(x, y)), null);
  }

  @Test
  void wholeCellsCountFullyStraddlingCellsByAreaAndPointsByLocation() {
    //   y
    //   2 +-------+            district: the square 0..2 x 0..2
    //     |   p5  |            p5: a point cell of 5 at (1, 1.5)        -> 5
    //   1 +---+  +|-+          A: square 0..1 x 0..1, 10 people         -> 10
    //     | A |  |B |          B: square 1.5..2.5 x 0..1, 8 people      -> half inside: 4
    //   0 +---+--+--+   C      C: square 3..4 x 0..1, 7 people          -> 0
    //     0   1   2    3       p9: a point cell of 9 at (3, 3)           -> 0
    Geometry district = wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
    List<PopulationCell> cells = List.of(point(5, 1, 1.5), square(10, 0, 0, 1), square(8, 1.5, 0, 1),
        square(7, 3, 0, 1), point(9, 3, 3));

    DistrictPopulationCalculator.Result result = new DistrictPopulationCalculator(district).calculate(cells);
    assertThat(result.population()).isCloseTo(5 + 10 + 4, within(1e-12));
    assertThat(result.wholeCells()).isEqualTo(2);
    assertThat(result.splitCells()).isEqualTo(1);
    assertThat(DistrictPopulationCalculator.populationInside(district, cells)).isCloseTo(19, within(1e-12));
  }

  @Test
  void holesAreNotPartOfTheDistrict() {
    // the square 0..4 with the hole 1..3; cell 0.5..1.5 (4 people): a quarter of it, 1..1.5 x 1..1.5,
    // lies in the hole, so 3 people count; a cell wholly in the hole counts nothing
    Geometry ring = wkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 3, 3 3, 3 1, 1 1))");
    assertThat(DistrictPopulationCalculator.populationInside(ring,
        List.of(square(4, 0.5, 0.5, 1), square(100, 1.5, 1.5, 1), point(50, 2, 2)))).isCloseTo(3, within(1e-12));
  }

  @Test
  void neighbouringDistrictsShareAStraddlingCellWithoutLosingAnyone() {
    // west 0..1 and east 1..2; a cell of 9 people from 0.7 to 1.7 gives 30 % west and 70 % east
    Geometry west = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
    Geometry east = wkt("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))");
    List<PopulationCell> cells = List.of(square(9, 0.7, 0.0, 1));
    double westPeople = DistrictPopulationCalculator.populationInside(west, cells);
    double eastPeople = DistrictPopulationCalculator.populationInside(east, cells);
    assertThat(westPeople).isCloseTo(2.7, within(1e-12));
    assertThat(eastPeople).isCloseTo(6.3, within(1e-12));
    assertThat(westPeople + eastPeople).isCloseTo(9, within(1e-12));
  }

  @Test
  void multiPolygonDistrictsCountEveryPart() {
    // an island district: the mainland 0..1 and an island 5..6; one cell of 2 on each
    Geometry islands = wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))");
    assertThat(DistrictPopulationCalculator.populationInside(islands,
        List.of(square(2, 0.25, 0.25, 0.5), point(2, 5.5, 5.5), point(1, 3, 3)))).isEqualTo(4);
  }
}
