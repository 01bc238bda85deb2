package org.carecircle.siting.solver;

import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingProblem;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SitingStatus;
import org.carecircle.siting.solver.SolverKind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-derived answers on tiny instances, each solver kind. */
class SmallSitingCasesTest {

  /**
   * Backup coverage, p = 2, cutoff 1 (0 = covered, 9 = not):
   * <pre>
   *        a (1)  b (1)  c (5)
   *   X      0      9      0
   *   Y      0      0      9
   *   Z      9      0      0
   * </pre>
   * Every pair covers all 7: {X, Y} covers a twice (backup 1), {Y, Z} b twice (1), {X, Z} c twice
   * (5). So with backup the only answer is {X, Z}, covered 7, twice 5.
   */
  @Test
  void backupPicksTheTieThatCoversTheMostWeightTwice() {
    SitingProblem problem = SitingProblem.builder().demand(new String[] {"a", "b", "c"}, new double[] {1, 1, 5})
        .candidates("X", "Y", "Z").costs(new double[][] {{0, 9, 0}, {0, 0, 9}, {9, 0, 0}}).cutoff(1).build();
    for (SolverKind solver : SolverKind.values()) {
      SitingResult result = SitingSolver.solve(problem,
          SitingOptions.of(SitingModel.MCLP, 2, solver).withBackup(true));
      assertThat(result.selected()).as(solver.wireName()).containsExactlyInAnyOrder("X", "Z");
      assertThat(result.coveredWeight()).isEqualTo(7);
      assertThat(result.backupCoveredWeight()).isEqualTo(5);
    }
  }

  /**
   * p-median with a fixed site, p = 1, the line of {@link SwapSearchBeatsGreedyTest}: demand at
   * 0, 2, 8, 10, A(0) already open. Adding M(5): costs 0, 2, 3, 5 = 10; adding D(10): 0, 2, 2, 0
   * = 4. So D, mean 1; closing D would send 8 and 10 back to A: +6 +10 = 16, mean +4.
   */
  @Test
  void aFixedSiteServesDemandButIsNotChosen() {
    double[] demandAt = {0, 2, 8, 10};
    double[] candidateAt = {0, 5, 10};
    double[][] costs = new double[3][4];
    for (int c = 0; c < 3; c++) {
      for (int d = 0; d < 4; d++) {
        costs[c][d] = Math.abs(candidateAt[c] - demandAt[d]);
      }
    }
    SitingProblem problem = SitingProblem.builder().demand(new String[] {"0", "2", "8", "10"}, new double[] {1, 1, 1, 1})
        .candidates(new String[] {"A", "M", "D"}, new boolean[] {true, false, false}).costs(costs).build();
    for (SolverKind solver : SolverKind.values()) {
      SitingResult result = SitingSolver.solve(problem, SitingOptions.of(SitingModel.PMEDIAN, 1, solver));
      assertThat(result.selected()).as(solver.wireName()).containsExactly("D");
      assertThat(result.meanCost()).isEqualTo(1.0);
      assertThat(result.sites().get(0).marginalGain()).isEqualTo(4.0);
      assertThat(result.status()).isEqualTo(SitingStatus.OPTIMAL);
    }
    // p-center: A and D open give costs 0, 2, 2, 0 (max 2); A and M give 0, 2, 3, 5 (max 5)
    SitingResult center = SitingSolver.solve(problem, SitingOptions.of(SitingModel.PCENTER, 1, SolverKind.EXACT));
    assertThat(center.selected()).containsExactly("D");
    assertThat(center.maxCost()).isEqualTo(2.0);
  }

  /**
   * MCLP, cutoff 1; no candidate dominates another:
   * <pre>
   *        a (2)  b (3)  c (4)
   *   X      0      0      9
   *   Y      0      9      0
   *   Z      9      0      0
   * </pre>
   * Any two cover all 9. With p = 3 every demand point is covered twice, so no site covers anyone
   * the others do not, which the answer says; with p = 2 each site has its own.
   */
  @Test
  void sitesBeyondWhatIsNeededAreCalledIdle() {
    SitingProblem problem = SitingProblem.builder().demand(new String[] {"a", "b", "c"}, new double[] {2, 3, 4})
        .candidates("X", "Y", "Z").costs(new double[][] {{0, 0, 9}, {0, 9, 0}, {9, 0, 0}}).cutoff(1).build();
    for (SolverKind solver : SolverKind.values()) {
      SitingResult result = SitingSolver.solve(problem, SitingOptions.of(SitingModel.MCLP, 3, solver));
      assertThat(result.coveredWeight()).isEqualTo(9);
      assertThat(result.message()).as(solver.wireName())
          .isEqualTo("3 of the 3 new sites add no coverage of their own: the others already cover everyone that any"
              + " candidate or open site reaches within the cutoff; fewer sites would do, or ask for backup coverage"
              + " to place them where they cover people a second time");
      assertThat(SitingSolver.solve(problem, SitingOptions.of(SitingModel.MCLP, 3, solver).withBackup(true))
          .message()).as("with backup the third site covers people twice").isNull();
    }
    SitingResult two = SitingSolver.solve(problem, SitingOptions.of(SitingModel.MCLP, 2, SolverKind.EXACT));
    assertThat(two.coveredWeight()).isEqualTo(9);
    assertThat(two.message()).isNull();
  }
}
