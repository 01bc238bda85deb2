package org.carecircle.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SitingStatus;
import org.carecircle.siting.solver.SolverKind;
import org.carecircle.testsupport.OrLibPMedian;

/**
 * The p-median solvers on OR-Library pmed1-20 against the proven optima; a benchmark, not a test:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.carecircle.bench.PMedianBench ../shared/geodata/benchmarks/orlib-pmedian [exactSeconds]
 * </pre>
 *
 * Prints per instance the heuristic's time, answer, gap to the optimum and gap to its own
 * (Lagrangian) bound, and the exact solver's time and status within {@code exactSeconds}
 * (default 60; 0 skips it); then the means. Targets: heuristic mean gap &le; 0.1 %, &le; 1 s per
 * instance. Each instance is solved once untimed first, so the JIT has compiled the search loops.
 */
public final class PMedianBench {
  private static final double HEURISTIC_TARGET_SECONDS = 1.0;
  private static final double HEURISTIC_TARGET_MEAN_GAP = 0.001;

  private PMedianBench() {}

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    Path folder = Path.of(args.length > 0 ? args[0] : "../shared/geodata/benchmarks/orlib-pmedian");
    double exactSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 60;
    System.out.printf("%-7s %4s %4s %7s | %9s %8s %9s %7s | %9s %-9s %8s%n", "problem", "n", "p", "optimum",
        "heuristic", "gap %", "bound gap", "s", "exact", "status", "s");
    double gapSum = 0;
    double heuristicSeconds = 0;
    double heuristicMax = 0;
    double exactSecondsSum = 0;
    int proven = 0;
    for (int k = 1; k <= 20; k++) {
      OrLibPMedian instance = OrLibPMedian.read(folder, "pmed" + k);
      int n = instance.problem().demandCount();
      SitingOptions heuristicOptions = SitingOptions.of(SitingModel.PMEDIAN, instance.p(), SolverKind.HEURISTIC);
      SitingSolver.solve(instance.problem(), heuristicOptions); // warm-up
      SitingResult heuristic = SitingSolver.solve(instance.problem(), heuristicOptions);
      double total = Math.rint(heuristic.meanCost() * n);
      double gap = (total - instance.optimalTotalCost()) / instance.optimalTotalCost();
      gapSum += gap;
      heuristicSeconds += heuristic.seconds();
      heuristicMax = Math.max(heuristicMax, heuristic.seconds());
      String exactColumns = String.format("%9s %-9s %8s", "-", "skipped", "-");
      if (exactSeconds > 0) {
        SitingResult exact = SitingSolver.solve(instance.problem(), SitingOptions.of(SitingModel.PMEDIAN,
            instance.p(), SolverKind.EXACT).withTimeLimitSeconds(exactSeconds));
        exactSecondsSum += exact.seconds();
        proven += exact.status() == SitingStatus.OPTIMAL ? 1 : 0;
        exactColumns = String.format("%9.0f %-9s %8.2f", exact.meanCost() * n, exact.status().wireName(),
            exact.seconds());
      }
      System.out.printf("%-7s %4d %4d %7d | %9.0f %8.4f %9.4f %7.3f | %s%n", instance.name(), n, instance.p(),
          instance.optimalTotalCost(), total, 100 * gap, 100 * heuristic.gap(), heuristic.seconds(), exactColumns);
    }
    double meanGap = gapSum / 20;
    System.out.printf("%nheuristic: mean gap %.4f %% (target <= %.1f %%), mean %.3f s, max %.3f s per instance"
        + " (target <= %.1f s)%n", 100 * meanGap, 100 * HEURISTIC_TARGET_MEAN_GAP, heuristicSeconds / 20,
        heuristicMax, HEURISTIC_TARGET_SECONDS);
    if (exactSeconds > 0) {
      System.out.printf("exact: %d of 20 proven optimal within %.0f s each; mean %.2f s, total %.1f s%n", proven,
          exactSeconds, exactSecondsSum / 20, exactSecondsSum);
    }
  }
}
