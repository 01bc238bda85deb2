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
}
