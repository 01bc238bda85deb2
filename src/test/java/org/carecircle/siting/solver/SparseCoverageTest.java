package org.carecircle.siting.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.carecircle.job.JobContext;
import org.junit.jupiter.api.Test;

/**
 * A problem held sparse answers like the same problem held as a full matrix, and the MCLP's
 * Lagrangian bound is a true bound: both checked by brute force over every choice of sites on
 * seeded random instances (10 candidates, 60 demand points, a third of the pairs missing).
 */
class SparseCoverageTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final int CANDIDATES = 10;
  private static final int DEMAND = 60;
  private static final double CUTOFF = 10;

  /** Random costs in [0, 30) by halves, a third missing. */
  private static double[][] costs(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] costs = new double[CANDIDATES][DEMAND];
    for (double[] row : costs) {
      for (int d = 0; d < DEMAND; d++) {
        // halves: exact as floats, so the sparse (float) and full (double) costs are the same numbers
        row[d] = random.nextInt(3) == 0 ? INF : random.nextInt(60) / 2.0;
      }
    }
    return costs;
  }

  private static double[] weights(long seed) {
    SplittableRandom random = new SplittableRandom(seed + 1000);
    double[] weights = new double[DEMAND];
    for (int d = 0; d < DEMAND; d++) {
      weights[d] = random.nextInt(5) == 0 ? 0 : random.nextInt(1, 100);
    }
    return weights;
  }

  private static SitingProblem dense(long seed, boolean fixed) {
    return builder(seed, fixed).costs(costs(seed)).cutoff(CUTOFF).build();
  }

  private static SitingProblem sparse(long seed, boolean fixed) {
    double[][] costs = costs(seed);
    int[][] demands = new int[CANDIDATES][];
    float[][] values = new float[CANDIDATES][];
    for (int c = 0; c < CANDIDATES; c++) {
      double[] row = costs[c];
      demands[c] = java.util.stream.IntStream.range(0, DEMAND).filter(d -> row[d] < INF).toArray();
      values[c] = new float[demands[c].length];
      for (int k = 0; k < demands[c].length; k++) {
        values[c][k] = (float) row[demands[c][k]];
      }
    }
    return builder(seed, fixed).sparseCosts(demands, values).cutoff(CUTOFF).build();
  }

  private static SitingProblem.Builder builder(long seed, boolean fixed) {
    String[] demandIds = new String[DEMAND];
    for (int d = 0; d < DEMAND; d++) {
      demandIds[d] = "d" + d;
    }
    String[] candidateIds = new String[CANDIDATES];
    boolean[] fixedFlags = new boolean[CANDIDATES];
    for (int c = 0; c < CANDIDATES; c++) {
      candidateIds[c] = "c" + c;
    }
    fixedFlags[0] = fixed;
    return SitingProblem.builder().demand(demandIds, weights(seed)).candidates(candidateIds, fixedFlags);
  }

  /** The best covered weight over every choice of p new sites (fixed ones open), by enumeration. */
  private static double bruteForceMclp(SitingProblem problem, int p) {
    double best = 0;
    for (int mask = 0; mask < 1 << CANDIDATES; mask++) {
      int fresh = 0;
      boolean ok = true;
      for (int c = 0; c < CANDIDATES; c++) {
        boolean open = (mask & (1 << c)) != 0;
        if (problem.isFixed(c) && !open) {
          ok = false;
        }
        fresh += open && !problem.isFixed(c) ? 1 : 0;
      }
      if (!ok || fresh != p) {
        continue;
      }
      double covered = 0;
      for (int d = 0; d < DEMAND; d++) {
        for (int c = 0; c < CANDIDATES; c++) {
          if ((mask & (1 << c)) != 0 && problem.cost(c, d) <= problem.cutoff()) {
            covered += problem.weight(d);
            break;
          }
        }
      }
      best = Math.max(best, covered);
    }
    return best;
  }

  @Test
  void aSparseProblemAnswersLikeItsFullMatrix() {
    for (long seed = 1; seed <= 5; seed++) {
      SitingProblem dense = dense(seed, seed % 2 == 0);
      SitingProblem sparse = sparse(seed, seed % 2 == 0);
      assertThat(sparse.isSparse()).isTrue();
      for (int c = 0; c < CANDIDATES; c++) {
        for (int d = 0; d < DEMAND; d++) {
          assertThat(sparse.cost(c, d)).isEqualTo(dense.cost(c, d));
        }
        assertThat(sparse.coveredDemands(c)).containsExactly(dense.coveredDemands(c));
      }
      assertThat(sparse.missingPairCount()).isEqualTo(dense.missingPairCount()).isPositive();
      for (int p = 1; p <= 3; p++) {
        double best = bruteForceMclp(dense, p);
        SitingResult onSparse = SitingSolver.solve(sparse, SitingOptions.of(SitingModel.MCLP, p, SolverKind.EXACT));
        SitingResult onDense = SitingSolver.solve(dense, SitingOptions.of(SitingModel.MCLP, p, SolverKind.EXACT));
        assertThat(onSparse.coveredWeight()).isEqualTo(best);
        assertThat(onDense.coveredWeight()).isEqualTo(best);
        assertThat(onSparse.presolve().demandGroups()).isEqualTo(onDense.presolve().demandGroups());
      }
    }
  }

  @Test
  void theLagrangianBoundIsNeverBelowTheOptimumAndNeverLooserThanTheLargestReaches() {
    for (long seed = 1; seed <= 8; seed++) {
      SitingProblem problem = sparse(seed, seed % 2 == 0);
      CoverageInstance instance = SitingPresolver.coverage(problem, false).instance();
      for (int p = 1; p <= 3; p++) {
        double best = bruteForceMclp(problem, p);
        int[] heuristic = CoverageSwapSearch.solve(instance, p, null, JobContext.NONE);
        double reached = CoverageSwapSearch.score(instance, heuristic)[0];
        CoverageLagrangian.Relaxation relaxation = CoverageLagrangian.relax(instance, p, reached, JobContext.NONE);
        double bound = instance.constantCovered + relaxation.bound();
        assertThat(bound).as("seed %d, p %d", seed, p).isGreaterThanOrEqualTo(best - 1e-9 * best);
        // the choice it hands the swap search covers what it says, and no more than the optimum
        assertThat(relaxation.sites()).hasSize(Math.min(p, instance.candidateCount()));
        assertThat(CoverageSwapSearch.score(instance, relaxation.sites())[0]).isEqualTo(relaxation.covered());
        assertThat(instance.constantCovered + relaxation.covered()).isLessThanOrEqualTo(best + 1e-9 * best);
        double[] reach = new double[instance.candidateCount()];
        for (int c = 0; c < reach.length; c++) {
          for (int g : instance.covers[c]) {
            reach[c] += instance.groupWeight[g];
          }
        }
        java.util.Arrays.sort(reach);
        double largest = instance.constantCovered;
        for (int k = 0; k < p && k < reach.length; k++) {
          largest += reach[reach.length - 1 - k];
        }
        assertThat(bound).isLessThanOrEqualTo(largest + 1e-9);
      }
    }
  }

  /**
   * Where the p largest reaches overlap, the relaxation must see through it. Cutoff 5:
   * <pre>
   *        x (1)  y (10)  z (1)  w (5)
   *   a      1      1      ∞      ∞
   *   b      ∞      1      1      ∞
   *   c      ∞      ∞      ∞      1
   * </pre>
   * p = 2: the largest reaches a and b (11 each) sum to 22, but together they cover 12; the best
   * pair is a and c (or b and c): 16, which is also the LP optimum (x_c = 1 and a, b at one half
   * give 0.5 + 10 + 0.5 + 5 = 16), so the bound must come down to 16 (within 1 %).
   */
  @Test
  void theLagrangianBoundSeesThroughOverlappingReaches() {
    SitingProblem problem = SitingProblem.builder()
        .demand(new String[] {"x", "y", "z", "w"}, new double[] {1, 10, 1, 5}).candidates("a", "b", "c")
        .costs(new double[][] {{1, 1, INF, INF}, {INF, 1, 1, INF}, {INF, INF, INF, 1}}).cutoff(5).build();
    CoverageInstance instance = SitingPresolver.coverage(problem, false).instance();
    assertThat(bruteForceMclpOf(problem, 2)).isEqualTo(16);
    double bound = CoverageLagrangian.upperBound(instance, 2, 16, JobContext.NONE);
    assertThat(bound).isGreaterThanOrEqualTo(16 - 1e-9).isLessThanOrEqualTo(16.16);
  }

  private static double bruteForceMclpOf(SitingProblem problem, int p) {
    double best = 0;
    int m = problem.candidateCount();
    for (int mask = 0; mask < 1 << m; mask++) {
      if (Integer.bitCount(mask) != p) {
        continue;
      }
      double covered = 0;
      for (int d = 0; d < problem.demandCount(); d++) {
        for (int c = 0; c < m; c++) {
          if ((mask & (1 << c)) != 0 && problem.covers(c, d)) {
            covered += problem.weight(d);
            break;
          }
        }
      }
      best = Math.max(best, covered);
    }
    return best;
  }
}
