package org.carecircle.accessibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GapLayerBuilderTest {

  /** A 200 x 150 grid of cells 100 m apart, one resident each; the west half is beyond 15 min. */
  private static AccessibilityCells grid() {
    int columns = 200;
    int rows = 150;
    int n = columns * rows;
    long[] id = new long[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    double[] population = new double[n];
    float[] minutes = new float[n];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int i = r * columns + c;
        id[i] = i;
        lon[i] = 8.0 + c * 100 / (111_320 * Math.cos(Math.toRadians(49.4)));
        lat[i] = 49.4 + r * 100 / 111_320.0;
        population[i] = 1;
        minutes[i] = c < 100 ? (c % 2 == 0 ? Float.POSITIVE_INFINITY : 20f) : 5f;
      }
    }
    return new AccessibilityCells(id, lon, lat, population, minutes);
  }

  @Test
  void moreGapCellsThanTheLimitAreSummedIntoSquares() {
    GapCollection gaps = GapLayerBuilder.cells(grid(), 15);
    assertThat(gaps.gapCells()).isEqualTo(15_000);
    assertThat(gaps.aggregated()).isTrue();
    assertThat(gaps.features().size()).isLessThanOrEqualTo(GapLayerBuilder.MAX_FEATURES);
    double sum = gaps.features().stream().mapToDouble(f -> (Double) f.properties().get("population")).sum();
    assertThat(sum).isEqualTo(15_000);
  }

  @Test
  void dissolvedGapOfAContiguousBlockIsOneRectangleHoldingEveryResident() {
    GapCollection gaps = GapLayerBuilder.dissolved(grid(), 15, Map.of());
    assertThat(gaps.features()).hasSize(1);
    assertThat(gaps.features().get(0).properties().get("population")).isEqualTo(15_000.0);
    // 100 columns x 150 rows of 100 m squares: 10 km x 15 km, within 1 %
    double areaDegrees = gaps.features().get(0).geometry().getArea();
    double squareMeters = areaDegrees * 111_320 * 111_320 * Math.cos(Math.toRadians(49.47));
    assertThat(squareMeters).isCloseTo(10_000.0 * 15_000, offset(0.01 * 1.5e8));
  }

  @Test
  void spacingIsTheDistanceBetweenNeighbours() {
    assertThat(GapLayerBuilder.spacingMeters(grid())).isCloseTo(100, offset(1.0));
  }

  @Test
  void mergedBoxesCoverExactlyTheAreaOfTheCells() {
    // a 6 x 5 raster of 0.01 degree cells (edges computed as a raster reader does: origin + k * size)
    // with a hole at (2, 2) and a missing corner (5, 4): 28 cells
    java.util.List<org.locationtech.jts.geom.Envelope> cells = new java.util.ArrayList<>();
    java.util.List<org.locationtech.jts.geom.Geometry> squares = new java.util.ArrayList<>();
    org.locationtech.jts.geom.GeometryFactory factory = new org.locationtech.jts.geom.GeometryFactory();
    for (int row = 0; row < 5; row++) {
      for (int column = 0; column < 6; column++) {
        if ((row == 2 && column == 2) || (row == 4 && column == 5)) {
          continue;
        }
        org.locationtech.jts.geom.Envelope box = new org.locationtech.jts.geom.Envelope(120 + column * 0.01,
            120 + (column + 1) * 0.01, 36 + row * 0.01, 36 + (row + 1) * 0.01);
        cells.add(box);
        squares.add(factory.toGeometry(box));
      }
    }
    java.util.List<org.locationtech.jts.geom.Envelope> merged = GapLayerBuilder.mergedBoxes(cells);
    // rows 0, 1, 3: one run each, stacked 0+1; row 2: two runs; row 4: one run of 5 -> at most 5 boxes
    assertThat(merged).hasSizeLessThanOrEqualTo(5);
    org.locationtech.jts.geom.Geometry fromMerged = org.locationtech.jts.operation.union.UnaryUnionOp.union(
        merged.stream().map(factory::toGeometry).toList());
    org.locationtech.jts.geom.Geometry fromCells = org.locationtech.jts.operation.union.UnaryUnionOp.union(squares);
    assertThat(fromMerged.symDifference(fromCells).getArea()).isLessThan(1e-12);
    assertThat(fromMerged.getArea()).isCloseTo(28 * 0.0001, offset(1e-12));
    // the hole stays a hole
    assertThat(fromMerged.contains(factory.createPoint(new org.locationtech.jts.geom.Coordinate(120.025, 36.025))))
        .isFalse();
  }
}
