package org.carecircle.siting.solver;

import org.carecircle.siting.solver.CoverageInstance;
import org.carecircle.siting.solver.PresolveReport;
import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingPresolver;
import org.carecircle.siting.solver.SitingProblem;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SolverKind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Presolve on a hand-made covering case, cutoff 10 (∞ = missing pair):
 * <pre>
 *         p1   p2   p3   p4   p5
 *   A      5    8   15   ∞    40
 *   B     20   30    5   ∞    ∞
 *   C     ∞    ∞     9   12    3
 * </pre>
 * Coverage sets: p1 {A}, p2 {A}, p3 {B, C}, p4 {} (12 &gt; 10), p5 {C}. So p1 and p2 merge, p4 is
 * uncoverable, and B (covers p3) is dominated by C (covers p3 and p5).
 */
class SitingPresolverTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static SitingProblem problem(boolean cFixed) {
    return SitingProblem.builder()
        .demand(new String[] {"p1", "p2", "p3", "p4", "p5"}, new double[] {1, 2, 4, 8, 16})
        .candidates(new String[] {"A", "B", "C"}, new boolean[] {false, false, cFixed})
        .costs(new double[][] {{5, 8, 15, INF, 40}, {20, 30, 5, INF, INF}, {INF, INF, 9, 12, 3}})
        .cutoff(10).build();
  }

  @Test
  void mergesEqualCoverageDropsUncoverableDemandAndDominatedCandidates() {
    var presolved = SitingPresolver.coverage(problem(false), false);
    PresolveReport report = presolved.report();
    assertThat(report.demandGroups()).isEqualTo(3);
    assertThat(report.uncoverableDemandPoints()).isEqualTo(1);
    assertThat(report.uncoverableWeight()).isEqualTo(8);
    assertThat(report.uncoverableDemandIds()).containsExactly("p4");
    assertThat(report.dominatedCandidates()).isEqualTo(1);
    assertThat(report.candidatesKept()).isEqualTo(2);
    CoverageInstance instance = presolved.instance();
    assertThat(instance.candidateOriginal).containsExactly(0, 2); // A and C; B is gone
    assertThat(instance.groupWeight).containsExactly(3, 4, 16); // p1+p2, p3, p5
    assertThat(instance.coverableWeight).isEqualTo(1 + 2 + 4 + 16);
    // the answer is unchanged: with p = 1, C covers 20 (p3, p5) against A's 3
    SitingResult result = SitingSolver.solve(problem(false), SitingOptions.of(SitingModel.MCLP, 1, SolverKind.EXACT));
    assertThat(result.selected()).containsExactly("C");
    assertThat(result.coveredWeight()).isEqualTo(20);
  }

  @Test
  void withBackupNoCandidateIsDropped() {
    PresolveReport report = SitingPresolver.coverage(problem(false), true).report();
    assertThat(report.dominanceChecked()).isFalse();
    assertThat(report.dominatedCandidates()).isZero();
    assertThat(report.candidatesKept()).isEqualTo(3);
  }

  @Test
  void demandAFixedSiteCoversIsLeftOutAsCovered() {
    var presolved = SitingPresolver.coverage(problem(true), false);
    // C open: p3 and p5 covered (weight 20); left: p1 and p2 ({A}) as one group; B covers nothing left
    assertThat(presolved.report().coveredByFixedDemandPoints()).isEqualTo(2);
    assertThat(presolved.report().coveredByFixedWeight()).isEqualTo(20);
    assertThat(presolved.instance().constantCovered).isEqualTo(20);
    assertThat(presolved.instance().groupWeight).containsExactly(3);
    SitingResult result = SitingSolver.solve(problem(true), SitingOptions.of(SitingModel.MCLP, 1, SolverKind.EXACT));
    assertThat(result.selected()).containsExactly("A");
    assertThat(result.coveredWeight()).isEqualTo(23);
  }

  @Test
  void costModelsMergeIdenticalColumnsAndPMedianDropsZeroWeight() {
    double[][] costs = {{1, 1, 5}, {2, 2, 1}};
    SitingProblem problem = SitingProblem.builder().demand(new String[] {"x", "y", "z"}, new double[] {2, 3, 0})
        .candidates("A", "B").costs(costs).build();
    var median = SitingPresolver.cost(problem, SitingModel.PMEDIAN);
    assertThat(median.report().demandGroups()).isEqualTo(1); // x and y merged, z (weight 0) left out
    assertThat(median.report().zeroWeightDemandPoints()).isEqualTo(1);
    assertThat(median.instance().groupWeight).containsExactly(5);
    var center = SitingPresolver.cost(problem, SitingModel.PCENTER);
    assertThat(center.report().demandGroups()).isEqualTo(2); // z counts in p-center
    // p-center, p = 1: A's farthest point is z at 5, B's is x or y at 2
    SitingResult result = SitingSolver.solve(problem, SitingOptions.of(SitingModel.PCENTER, 1, SolverKind.EXACT));
    assertThat(result.selected()).containsExactly("B");
    assertThat(result.maxCost()).isEqualTo(2);
  }
}
