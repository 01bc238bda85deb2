package org.carecircle.siting.solver;

/** Settings the MIP solvers share. */
final class MipSupport {
  private MipSupport() {}

  /**
   * SCIP stops when (primal − dual) / primal is below this. Its default (1e-4) would stop 0.01 %
   * short of the optimum; the benchmarks' answers are exact, so the tolerance is at rounding level.
   */
  static final double RELATIVE_GAP = 1e-9;

  /** The relative gap between an objective and a bound: |objective − bound| / |objective|. */
  static double gap(double objective, double bound) {
    if (Double.isNaN(bound) || Double.isNaN(objective)) {
      return Double.NaN;
    }
    double difference = Math.abs(objective - bound);
    if (difference == 0) {
      return 0;
    }
    return difference / Math.max(Math.abs(objective), 1e-12);
  }
}
