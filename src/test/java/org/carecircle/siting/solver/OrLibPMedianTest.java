package org.carecircle.siting.solver;

import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SitingStatus;
import org.carecircle.siting.solver.SolverKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carecircle.testsupport.OrLibPMedian;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.Test;

/**
 * OR-Library pmed1-20 (100-400 nodes, p = 5-133) against their proven optima (pmedopt.txt).
 *
 * <p>Budget: {@link #EXACT_SECONDS} per instance keeps the class under two minutes on 2 cores.
 * Measured on the 2-core development machine, every one of the 20 is proven optimal within it
 * (pmed16 and pmed17, p = 5 and 10 on 400 nodes, take the longest at ~18 s; most take well under
 * a second after the Lagrangian fixing). The test asserts equality for each instance the solver
 * reports optimal, validity of bound and answer for any that run out of time, and that at least
 * {@link #AT_LEAST_PROVEN} are proven, so a slower machine does not fail it spuriously.
 */
class OrLibPMedianTest {
  static final double EXACT_SECONDS = 25;
  static final int AT_LEAST_PROVEN = 17;
  /** The heuristic's worst gap observed is 0.058 % (pmed15); 0.5 % leaves room, 0.1 % mean is the target. */
  static final double HEURISTIC_MAX_GAP = 0.005;
  static final double HEURISTIC_MEAN_GAP = 0.001;

  private static Path folder() {
    return SharedGeodata.root().resolve("benchmarks/orlib-pmedian");
  }

  @Test
  void heuristicIsWithinATenthOfAPercentOnAverageAndExactReachesTheProvenOptima() {
    List<String> proven = new ArrayList<>();
    List<String> timedOut = new ArrayList<>();
    double gapSum = 0;
    for (int k = 1; k <= 20; k++) {
      OrLibPMedian instance = OrLibPMedian.read(folder(), "pmed" + k);
      int n = instance.problem().demandCount();
      long optimum = instance.optimalTotalCost();

      SitingResult heuristic = SitingSolver.solve(instance.problem(),
          SitingOptions.of(SitingModel.PMEDIAN, instance.p(), SolverKind.HEURISTIC));
      // integer costs and weights: the total is a whole number, up to the mean's rounding
      double heuristicTotal = Math.rint(heuristic.meanCost() * n);
      double gap = (heuristicTotal - optimum) / optimum;
      gapSum += gap;
      assertThat(heuristic.selected()).hasSize(instance.p());
      assertThat(Math.round(heuristicTotal)).as(instance.name()).isGreaterThanOrEqualTo(optimum);
      assertThat(gap).as(instance.name() + " heuristic gap").isLessThanOrEqualTo(HEURISTIC_MAX_GAP);
      // the heuristic's Lagrangian bound is a valid lower bound
      assertThat(heuristic.bound() * n).as(instance.name() + " heuristic bound").isLessThanOrEqualTo(optimum + 1e-6);

      SitingResult exact = SitingSolver.solve(instance.problem(),
          SitingOptions.of(SitingModel.PMEDIAN, instance.p(), SolverKind.EXACT).withTimeLimitSeconds(EXACT_SECONDS));
      double exactTotal = exact.meanCost() * n;
      System.out.printf("%-6s n=%d p=%-3d optimum %5d  heuristic %7.1f (gap %.4f %%, %.2f s)  exact %7.1f %s"
              + " (%.2f s)%n", instance.name(), n, instance.p(), optimum, heuristicTotal, 100 * gap,
          heuristic.seconds(), exactTotal, exact.status().wireName(), exact.seconds());
      if (exact.status() == SitingStatus.OPTIMAL) {
        assertThat(exactTotal).as(instance.name()).isCloseTo(optimum, org.assertj.core.data.Offset.offset(1e-6));
        proven.add(instance.name());
      } else {
        assertThat(exact.status()).isEqualTo(SitingStatus.TIME_LIMIT);
        assertThat(Math.round(exactTotal)).isGreaterThanOrEqualTo(optimum);
        assertThat(exact.bound() * n).isLessThanOrEqualTo(optimum + 1e-6);
        timedOut.add(instance.name());
      }
    }
    double meanGap = gapSum / 20;
    System.out.printf("heuristic mean gap %.4f %%; exact proved %d of 20 %s; out of time: %s%n", 100 * meanGap,
        proven.size(), proven, timedOut);
    assertThat(meanGap).isLessThanOrEqualTo(HEURISTIC_MEAN_GAP);
    assertThat(proven.size()).isGreaterThanOrEqualTo(AT_LEAST_PROVEN);
  }
}
