package org.carecircle.siting.solver;

import java.util.Arrays;
import org.carecircle.job.JobContext;

/**
 * An upper bound on the MCLP's covered weight (without backup) by Lagrangian relaxation, for
 * instances too large for the MIP: the proof behind the heuristic's gap.
 *
 * <p>Relaxing z(g) &le; Σ_{i covers g} x(i) with multipliers λ(g) in [0, w(g)] gives, for every
 * λ, L(λ) = Σ_g (w(g) − λ(g)) + the sum of the p largest ρ(i) = Σ_{g covered by i} λ(g), and
 * L(λ) &ge; the optimum (weak duality): z(g) = 1 is worth w(g) − λ(g) &ge; 0 on its own, and
 * opening i earns λ(g) for each group it covers. The bound is the least L found by subgradient
 * steps (Held, Wolfe and Crowder 1974; Galvão and ReVelle 1996 for the MCLP), so it is valid after
 * any number of iterations; more iterations only make it tighter.
 *
 * <p>Cost: O(candidate-group pairs) per iteration, at most {@value #MAX_ITERATIONS} iterations or
 * {@value #TIME_CAP_SECONDS} s. Weights and the bound are in the instance's
 * searchable weight (its constant coverage excluded).
 */
final class CoverageLagrangian {
  /** Iterations at most; the step halves after {@value #STALL} without a better bound. */
  static final int MAX_ITERATIONS = 1000;
  static final int STALL = 20;
  /** The step scale below which nothing more is gained. */
  static final double MIN_SCALE = 1e-4;
  /** Safety for slow machines and huge instances. */
  static final double TIME_CAP_SECONDS = 15.0;

  private CoverageLagrangian() {}

  /**
   * The least L(λ) found.
   *
   * @param instance a covering instance without backup
   * @param p sites to open (&ge; 1)
   * @param lowerBound a covered weight some choice reaches (searchable part), to size the steps;
   *     iterations stop when the bound comes within a millionth of it
   */
  static double upperBound(CoverageInstance instance, int p, double lowerBound, JobContext context) {
    return relax(instance, p, lowerBound, context).bound();
  }

  /**
   * What the relaxation found: its bound, and the best of the choices it looked at (at each λ,
   * the p sites of largest ρ), a start for the swap search that is often better than greedy's.
   *
   * @param bound the least L(λ) found (searchable weight)
   * @param sites the best choice seen (local indices), p of them
   * @param covered the searchable weight those sites cover
   */
  record Relaxation(double bound, int[] sites, double covered) {}

  /** The relaxation; {@link #upperBound} with the choices seen on the way. */
  static Relaxation relax(CoverageInstance instance, int p, double lowerBound, JobContext context) {
    if (instance.backup) {
      throw new IllegalArgumentException("the Lagrangian bound is for the MCLP without backup");
    }
    long started = System.nanoTime();
    int m = instance.candidateCount();
    int groups = instance.groupCount();
    double[] weight = instance.groupWeight;
    double[] lambda = weight.clone();
    double[] rho = new double[m];
    int[] chosenCount = new int[groups];
    double best = Double.POSITIVE_INFINITY;
    int[] bestSites = null;
    double bestCovered = -1;
    double target = lowerBound;
    double scale = 2;
    int sinceBetter = 0;
    int open = Math.min(p, m);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      context.checkCancelled();
      double value = 0;
      for (int g = 0; g < groups; g++) {
        value += weight[g] - lambda[g];
      }
      // the pass over every pair, in parallel over candidates (each writes its own ρ)
      double[] current = lambda;
      java.util.stream.IntStream.range(0, m).parallel().forEach(c -> {
        double sum = 0;
        for (int g : instance.covers[c]) {
          sum += current[g];
        }
        rho[c] = sum;
      });
      int[] top = largest(rho, open);
      for (int c : top) {
        value += rho[c];
      }
      if (value < best) {
        best = value;
        sinceBetter = 0;
      } else if (++sinceBetter >= STALL) {
        scale /= 2;
        sinceBetter = 0;
      }
      // the top sites are a choice too: score it (their groups are counted just below)
      Arrays.fill(chosenCount, 0);
      for (int c : top) {
        for (int g : instance.covers[c]) {
          chosenCount[g]++;
        }
      }
      double covered = 0;
      for (int g = 0; g < groups; g++) {
        covered += chosenCount[g] > 0 ? weight[g] : 0;
      }
      if (covered > bestCovered) {
        bestCovered = covered;
        bestSites = top;
        target = Math.max(target, covered);
      }
      if (best <= target * (1 + 1e-6) || scale < MIN_SCALE
          || (System.nanoTime() - started) / 1e9 > TIME_CAP_SECONDS) {
        break;
      }
      // subgradient of L at λ: (chosen sites covering g) − z(g), with z(g) = 1 where w > λ
      double norm = 0;
      for (int g = 0; g < groups; g++) {
        double s = chosenCount[g] - (weight[g] > lambda[g] ? 1 : 0);
        norm += s * s;
      }
      if (norm == 0) {
        break; // λ is optimal for the relaxation
      }
      double step = scale * Math.max(value - target, 1e-9 * Math.max(1, target)) / norm;
      for (int g = 0; g < groups; g++) {
        double s = chosenCount[g] - (weight[g] > lambda[g] ? 1 : 0);
        lambda[g] = Math.min(weight[g], Math.max(0, lambda[g] - step * s));
      }
    }
    return new Relaxation(best, bestSites, bestCovered);
  }

  /** The indices of the k largest values (ties: the smaller index), by insertion into a sorted top k. */
  private static int[] largest(double[] values, int k) {
    int[] top = new int[k];
    int size = 0;
    for (int i = 0; i < values.length; i++) {
      if (size == k && values[i] <= values[top[k - 1]]) {
        continue;
      }
      int at = size < k ? size++ : k - 1;
      while (at > 0 && values[top[at - 1]] < values[i]) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = i;
    }
    return top;
  }
}
