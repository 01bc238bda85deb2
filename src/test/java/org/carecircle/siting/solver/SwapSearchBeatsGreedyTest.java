package org.carecircle.siting.solver;

import org.carecircle.job.JobContext;
import org.carecircle.siting.solver.CostInstance;
import org.carecircle.siting.solver.CoverageInstance;
import org.carecircle.siting.solver.CoverageMip;
import org.carecircle.siting.solver.CoverageSwapSearch;
import org.carecircle.siting.solver.PMedianSwapSearch;
import org.carecircle.siting.solver.SiteGain;
import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingPresolver;
import org.carecircle.siting.solver.SitingProblem;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SitingStatus;
import org.carecircle.siting.solver.SolverKind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Small cases, worked out by hand, where greedy alone is not optimal and the swap search is. */
class SwapSearchBeatsGreedyTest {

  /**
   * p-median, p = 2, four demand points of weight 1 on a line and three candidates, cost = distance:
   * <pre>
   *   demand:     0   2               8   10
   *   candidates: A(0)       M(5)          D(10)
   * </pre>
   * Greedy opens the 1-median first: A costs 0+2+8+10 = 20, M 5+3+3+5 = 16, D 20, so M. Then A
   * and D tie: with M and A open the costs are 0, 2, 3, 5 = 10 (M and D likewise). Every pair:
   * {A, M} = 10, {M, D} = 10, {A, D} = 0+2+2+0 = 4, so the optimum is {A, D}, mean 1, which one
   * swap (M out, D in) reaches from greedy's answer; greedy's mean is 2.5.
   */
  @Test
  void pMedianSwapLeavesTheGreedyMiddleSite() {
    double[] demandAt = {0, 2, 8, 10};
    double[] candidateAt = {0, 5, 10};
    double[][] costs = new double[3][4];
    for (int c = 0; c < 3; c++) {
      for (int d = 0; d < 4; d++) {
        costs[c][d] = Math.abs(candidateAt[c] - demandAt[d]);
      }
    }
    SitingProblem problem = SitingProblem.builder().demand(new String[] {"0", "2", "8", "10"}, new double[] {1, 1, 1, 1})
        .candidates("A", "M", "D").costs(costs).build();

    CostInstance instance = SitingPresolver.cost(problem, SitingModel.PMEDIAN).instance();
    int[] greedy = PMedianSwapSearch.greedy(instance, 2);
    assertThat(greedy[0]).isEqualTo(1); // M first
    assertThat(PMedianSwapSearch.totalCost(instance, greedy)).isEqualTo(10);

    SitingResult heuristic = SitingSolver.solve(problem, SitingOptions.of(SitingModel.PMEDIAN, 2, SolverKind.HEURISTIC));
    assertThat(heuristic.selected()).containsExactlyInAnyOrder("A", "D");
    assertThat(heuristic.meanCost()).isEqualTo(1.0);
    // closing A sends 0 and 2 to D: +10 +6 = 16 over 4 points; closing D likewise
    assertThat(heuristic.sites()).extracting(SiteGain::marginalGain).containsExactly(4.0, 4.0);

    SitingResult exact = SitingSolver.solve(problem, SitingOptions.of(SitingModel.PMEDIAN, 2, SolverKind.EXACT));
    assertThat(exact.status()).isEqualTo(SitingStatus.OPTIMAL);
    assertThat(exact.selected()).containsExactlyInAnyOrder("A", "D");
  }

  /**
   * MCLP, p = 2, cutoff 1 (cost 0 = covered, 9 = not). X covers a, b, c, d (weight 1 each, 4 in
   * all); Y covers a, b and e (1.5): 3.5; Z covers c, d and f (1.5): 3.5. Greedy takes X (4), then
   * Y or Z adds only 1.5: 5.5. {Y, Z} covers everything: 7, the optimum (6 points, 7 in weight);
   * swapping X for the other one reaches it.
   */
  @Test
  void mclpSwapLeavesTheGreedyBigSite() {
    String[] demand = {"a", "b", "c", "d", "e", "f"};
    double[] weights = {1, 1, 1, 1, 1.5, 1.5};
    double[][] costs = {
        {0, 0, 0, 0, 9, 9}, // X
        {0, 0, 9, 9, 0, 9}, // Y
        {9, 9, 0, 0, 9, 0}, // Z
    };
    SitingProblem problem = SitingProblem.builder().demand(demand, weights).candidates("X", "Y", "Z").costs(costs)
        .cutoff(1).build();
    CoverageInstance instance = SitingPresolver.coverage(problem, false).instance();
    int[] greedy = CoverageSwapSearch.greedy(instance, 2, JobContext.NONE);
    assertThat(CoverageMip.toProblem(instance, greedy)[0]).isZero(); // X first
    assertThat(CoverageSwapSearch.score(instance, greedy)[0]).isEqualTo(5.5);

    SitingResult heuristic = SitingSolver.solve(problem, SitingOptions.of(SitingModel.MCLP, 2, SolverKind.HEURISTIC));
    assertThat(heuristic.selected()).containsExactlyInAnyOrder("Y", "Z");
    assertThat(heuristic.coveredWeight()).isEqualTo(7);
    // the simple bound (everything coverable) proves it
    assertThat(heuristic.status()).isEqualTo(SitingStatus.OPTIMAL);
    SitingResult exact = SitingSolver.solve(problem, SitingOptions.of(SitingModel.MCLP, 2, SolverKind.EXACT));
    assertThat(exact.selected()).containsExactlyInAnyOrder("Y", "Z");
  }
}
