package org.carecircle.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.carecircle.population.PopulationCell;
import org.carecircle.population.PopulationCellExtent;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The sums of several districts from the cells' envelopes: hand-worked values on a small layout, and
 * agreement with {@link DistrictPopulationCalculator} (which reads every polygon) on a random layer.
 */
class DistrictPopulationSumsTest {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private static Geometry wkt(String text) {
    try {
      return new WKTReader(WGS84).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A layer as the store would hand it over: extents to stream, polygons to look up by id. */
  private static final class Layer {
    final List<PopulationCell> cells = new ArrayList<>();
    final List<Collection<Long>> lookups = new ArrayList<>();

    void add(double population, Geometry polygon, double lon, double lat) {
      cells.add(new PopulationCell(cells.size() + 1, population, WGS84.createPoint(new Coordinate(lon, lat)), polygon));
    }

    void square(double population, double minX, double minY, double size) {
      add(population, WGS84.toGeometry(new Envelope(minX, minX + size, minY, minY + size)), minX + size / 2,
          minY + size / 2);
    }

    double[] sums(List<Geometry> districts) {
      DistrictPopulationSums sums = new DistrictPopulationSums(districts);
      for (PopulationCell cell : cells) {
        Envelope extent = cell.cellPolygon() == null ? cell.location().getEnvelopeInternal()
            : cell.cellPolygon().getEnvelopeInternal();
        sums.add(new PopulationCellExtent(cell.id(), cell.population(), cell.location().getX(), cell.location().getY(),
            extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()));
      }
      return sums.values(ids -> {
        lookups.add(List.copyOf(ids));
        Map<Long, Geometry> polygons = new HashMap<>();
        for (long id : ids) {
          Geometry polygon = cells.get((int) id - 1).cellPolygon();
          if (polygon != null) {
            polygons.put(id, polygon);
          }
        }
        return polygons;
      });
    }
  }

  @Test
  void cellsInsideCountFullyBorderCellsByAreaAndOnlyBorderPolygonsAreRead() {
    //  4 +---+---+---+---+     west: the triangle (0 0, 4 0, 0 4); east: the triangle (4 0, 4 4, 0 4)
    //    | \ |   |   |   |     16 unit squares of 8 people each (ids 1..16, row by row from the south)
    //  3 +---+\--+---+---+     squares with i + j <= 2 lie in west (6), those with i + j >= 4 in east (6),
    //    |   | \ |   |   |     the 4 on the diagonal (i + j = 3) are cut in half: 4 x 4 people each way
    //  2 +---+---*---+---+     west: 8 x (6 + 2) = 64, plus the point p5 at (1, 1) and p3 at (2, 2) -> 72
    //    |   | p5 \  |   |     east: 64, plus p7 at (3, 3) and p3 at (2, 2) (on the shared border it
    //  1 +---+---+-\-+---+           counts for both)                                            -> 74
    //    |   |   |  \|   |
    //  0 +---+---+---+---+
    //    0   1   2   3   4
    Layer layer = new Layer();
    for (int j = 0; j < 4; j++) {
      for (int i = 0; i < 4; i++) {
        layer.square(8, i, j, 1);
      }
    }
    layer.add(5, null, 1, 1);
    layer.add(3, null, 2, 2);
    layer.add(7, null, 3, 3);
    List<Geometry> districts = List.of(wkt("POLYGON ((0 0, 4 0, 0 4, 0 0))"), wkt("POLYGON ((4 0, 4 4, 0 4, 4 0))"));

    double[] sums = layer.sums(districts);
    assertThat(sums[0]).isCloseTo(72, within(1e-9));
    assertThat(sums[1]).isCloseTo(74, within(1e-9));
    // polygons read: the squares the diagonal meets, i + j = 3 (cut) and i + j = 2 or 4 (a corner on
    // it: inside one district, touching the other, where the area split gives 0); id = 4 j + i + 1
    assertThat(layer.lookups).hasSize(1);
    assertThat(layer.lookups.get(0)).containsExactlyInAnyOrder(3L, 6L, 9L, 4L, 7L, 10L, 13L, 8L, 11L, 14L);
  }

  @Test
  void agreesWithTheCalculatorOnEveryDistrictOfARandomLayer() {
    Random random = new Random(3);
    Layer layer = new Layer();
    for (int i = 0; i < 20_000; i++) {
      double x = 120 + random.nextDouble() * 0.3;
      double y = 36 + random.nextDouble() * 0.3;
      switch (i % 4) {
        case 0 -> layer.add(1 + random.nextInt(40), null, x, y);
        case 1 -> {
          // a tilted quadrilateral, as a projected raster's pixel becomes in WGS84
          Geometry quad = WGS84.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + 0.004, y + 0.001),
              new Coordinate(x + 0.003, y + 0.005), new Coordinate(x - 0.001, y + 0.004), new Coordinate(x, y)});
          layer.add(random.nextDouble() * 30, quad, x + 0.0015, y + 0.0025);
        }
        default -> layer.square(random.nextDouble() * 30, x, y, 0.001 + random.nextDouble() * 0.01);
      }
    }
    List<Geometry> districts = new ArrayList<>();
    for (int d = 0; d < 6; d++) {
      districts.add(wavyDistrict(120.05 + (d % 3) * 0.09, 36.08 + (d / 3) * 0.12, 0.06, d));
    }
    double[] sums = layer.sums(districts);
    for (int d = 0; d < districts.size(); d++) {
      double expected = DistrictPopulationCalculator.populationInside(districts.get(d), layer.cells);
      assertThat(expected).as("district %d holds people", d).isGreaterThan(1000);
      assertThat(sums[d]).as("district %d", d).isCloseTo(expected, within(expected * 1e-12));
    }
    // far fewer polygons read than cells: only those straddling a border
    assertThat(layer.lookups.get(0).size()).isLessThan(layer.cells.size() / 5);
  }

  @Test
  void locatorPlacesPointsInTheFirstCoveringDistrictLikeATestOfEach() {
    List<Geometry> districts = List.of(wavyDistrict(120.1, 36.1, 0.08, 1), wavyDistrict(120.2, 36.1, 0.08, 2),
        wkt("POLYGON ((120.3 36.3, 120.32 36.3, 120.32 36.32, 120.3 36.32, 120.3 36.3))"));
    List<PreparedGeometry> prepared = districts.stream().map(PreparedGeometryFactory::prepare).toList();
    DistrictLocator locator = new DistrictLocator(districts);
    Random random = new Random(5);
    int placed = 0;
    for (int i = 0; i < 50_000; i++) {
      double lon = 120 + random.nextDouble() * 0.35;
      double lat = 36 + random.nextDouble() * 0.35;
      int expected = -1;
      for (int d = 0; d < prepared.size() && expected < 0; d++) {
        if (prepared.get(d).covers(WGS84.createPoint(new Coordinate(lon, lat)))) {
          expected = d;
        }
      }
      assertThat(locator.districtOf(lon, lat)).as("%.6f %.6f", lon, lat).isEqualTo(expected);
      placed += expected >= 0 ? 1 : 0;
    }
    assertThat(placed).isGreaterThan(5_000);
    // a corner of the square district: its border counts
    assertThat(locator.districtOf(120.3, 36.3)).isEqualTo(2);
  }

  /** A star-shaped district with a wavy border of 720 vertices, radius about {@code radius} degrees. */
  private static Geometry wavyDistrict(double x, double y, double radius, int seed) {
    Coordinate[] ring = new Coordinate[721];
    for (int k = 0; k < 720; k++) {
      double angle = Math.toRadians(k / 2.0);
      double r = radius * (0.75 + 0.15 * Math.sin(7 * angle + seed) + 0.08 * Math.cos(23 * angle + seed));
      ring[k] = new Coordinate(x + r * Math.cos(angle), y + r * Math.sin(angle));
    }
    ring[720] = ring[0].copy();
    return WGS84.createPolygon(ring);
  }
}
