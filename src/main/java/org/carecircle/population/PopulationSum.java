package org.carecircle.population;

/**
 * A running sum of population counts that keeps its precision over millions of cells.
 *
 * <p>IMPLEMENTATION NOTE: Neumaier's compensated summation. A plain double sum of 10^8 raster
 * pixels drifts by up to about 10^-8 of the total (a tenth of a person in ten million); the
 * compensation keeps the error at one rounding of the final value, so that the total reported by
 * an import matches the file's own sum however large the file.
 */
public final class PopulationSum {
  private double sum;
  private double compensation;

  /** Adds one value. */
  public void add(double value) {
    double next = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) {
      compensation += (sum - next) + value;
    } else {
      compensation += (value - next) + sum;
    }
    sum = next;
  }

  /** The sum of the values added so far; 0 when none. */
  public double value() {
    return sum + compensation;
  }

  /** The compensated sum of all values. */
  public static double of(double[] values) {
    PopulationSum total = new PopulationSum();
    for (double value : values) {
      total.add(value);
    }
    return total.value();
  }
}
