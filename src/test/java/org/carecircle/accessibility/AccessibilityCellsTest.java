package org.carecircle.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class AccessibilityCellsTest {
  private static final AccessibilityCells CELLS = new AccessibilityCells(new long[] {3, 4, 9, 1_000_000_007L},
      new double[] {120.1, -51.25, 0, 179.999999},
      new double[] {36.07, -30.1, -0.5, 89.1},
      new double[] {12.5, 0, 1e6, 0.001},
      new float[] {3.25f, Float.POSITIVE_INFINITY, 0, 14.999f});

  @Test
  void roundTripKeepsEveryValueExactly() {
    AccessibilityCells back = AccessibilityCells.decode(CELLS.encode());
    assertThat(back.cellId()).containsExactly(CELLS.cellId());
    assertThat(back.lon()).containsExactly(CELLS.lon());
    assertThat(back.lat()).containsExactly(CELLS.lat());
    assertThat(back.population()).containsExactly(CELLS.population());
    assertThat(back.minutes()).containsExactly(CELLS.minutes());
  }

  @Test
  void emptyResultRoundTrips() {
    AccessibilityCells empty = new AccessibilityCells(new long[0], new double[0], new double[0], new double[0],
        new float[0]);
    assertThat(AccessibilityCells.decode(empty.encode()).size()).isZero();
  }

  @Test
  void resultsStoredInTheFirstFormatAreStillRead() throws Exception {
    // format 1, as stored before: one deflated stream of version, count and the arrays in turn
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
      out.writeInt(1);
      out.writeInt(CELLS.size());
      for (long v : CELLS.cellId()) {
        out.writeLong(v);
      }
      for (double[] column : new double[][] {CELLS.lon(), CELLS.lat(), CELLS.population()}) {
        for (double v : column) {
          out.writeDouble(v);
        }
      }
      for (float v : CELLS.minutes()) {
        out.writeFloat(v);
      }
    }
    AccessibilityCells back = AccessibilityCells.decode(bytes.toByteArray());
    assertThat(back.cellId()).containsExactly(CELLS.cellId());
    assertThat(back.population()).containsExactly(CELLS.population());
    assertThat(back.minutes()).containsExactly(CELLS.minutes());
  }
}
