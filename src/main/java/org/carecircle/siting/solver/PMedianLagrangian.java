package org.carecircle.siting.solver;

import java.util.Arrays;
import org.carecircle.job.JobContext;

/**
 * A lower bound for the p-median and the candidates it rules out, by Lagrangian relaxation.
 *
 * <p>IMPLEMENTATION NOTE. Relaxing "every group is assigned once" with multipliers λ(u) in
 * min Σ w(u)·d(u,i)·x(u,i), x(u,i) &le; y(i), Σ y = p leaves
 * <pre>
 * L(λ) = Σ λ(u) + Σ_{fixed i} ρ(i) + (sum of the p smallest ρ(i) among choosable i),
 * ρ(i) = Σ_u min(0, w(u)·d(u,i) − λ(u)),
 * </pre>
 * a valid lower bound for every λ, improved by subgradient steps (Held, Wolfe and Crowder 1974;
 * as in Beasley's p-median work, 1985/1993) towards the LP bound. At every λ the penalty test
 * applies: opening a candidate outside the p smallest raises the bound by ρ(i) − ρ(p-th); closing
 * one inside by ρ((p+1)-th) − ρ(i). When the raised bound reaches the best known total, no
 * strictly better answer has that candidate open (or closed), so it is fixed for the rest of the
 * run and for the exact solver, which then works on a smaller instance.
 *
 * <p>Only pairs with w(u)·d(u,i) &lt; λ(u) enter ρ and the subgradient, so with each group's
 * candidates sorted by cost ({@link CostInstance#candidatesByCost}) an iteration walks a short prefix per group
 * instead of the whole matrix.
 */
final class PMedianLagrangian {
  /** Subgradient iterations at most; each costs one pass over the cost matrix. */
  static final int MAX_ITERATIONS = 2000;
  /** The step factor is halved after this many iterations without a better bound. */
  private static final int PATIENCE = 25;
  private static final double MIN_STEP_FACTOR = 1e-4;

  /**
   * @param boundTotal the best lower bound on the total weighted cost
   * @param closed candidates (local) that are closed in every answer strictly better than the
   *     upper bound
   * @param opened choosable candidates (local) open in every such answer
   * @param iterations subgradient iterations run
   */
  record Result(double boundTotal, boolean[] closed, boolean[] opened, int iterations) {
    int closedCount() {
      int count = 0;
      for (boolean c : closed) {
        count += c ? 1 : 0;
      }
      return count;
    }

    int openedCount() {
      int count = 0;
      for (boolean o : opened) {
        count += o ? 1 : 0;
      }
      return count;
    }
  }

  private PMedianLagrangian() {}

  /**
   * @param upperTotal the total weighted cost of a known answer (the heuristic's)
   * @param proofMargin a bound within this of upperTotal already proves it optimal (for integer
   *     data just under 1, else rounding level)
   */
  static Result run(CostInstance instance, int p, double upperTotal, double proofMargin, int maxIterations,
      JobContext context) {
    int m = instance.candidateCount();
    int n = instance.groupCount();
    double[][] d = instance.costByGroup;
    double[] w = instance.groupWeight;
    boolean[] fixed = instance.fixed;
    boolean[] closed = new boolean[m];
    boolean[] opened = new boolean[m];
    double[] lambda = new double[n];
    // start from the cost to the second nearest candidate: between the cheapest assignment and
    // what a group pays when its nearest candidate is not chosen
    for (int u = 0; u < n; u++) {
      double first = Double.POSITIVE_INFINITY;
      double second = Double.POSITIVE_INFINITY;
      for (double cost : d[u]) {
        if (cost < first) {
          second = first;
          first = cost;
        } else if (cost < second) {
          second = cost;
        }
      }
      lambda[u] = w[u] * (second == Double.POSITIVE_INFINITY ? first : second);
    }
    long[][] byCost = instance.candidatesByCost();
    double best = Double.NEGATIVE_INFINITY;
    double stepFactor = 2;
    int sinceBetter = 0;
    double[] rho = new double[m];
    boolean[] chosen = new boolean[m];
    double[] subgradient = new double[n];
    Integer[] order = new Integer[m];
    int iteration = 0;
    for (; iteration < maxIterations; iteration++) {
      if ((iteration & 31) == 0) {
        context.checkCancelled();
      }
      Arrays.fill(rho, 0);
      double lambdaSum = 0;
      for (int u = 0; u < n; u++) {
        double[] row = d[u];
        double weight = w[u];
        double l = lambda[u];
        lambdaSum += l;
        if (byCost != null && weight > 0) {
          // only the candidates cheaper than λ(u) / w(u) contribute: walk them in cost order
          float limit = (float) (l / weight);
          for (long key : byCost[u]) {
            if (CostInstance.keyCost(key) > limit) {
              break;
            }
            int i = CostInstance.keyCandidate(key);
            double reduced = weight * row[i] - l;
            if (reduced < 0) {
              rho[i] += reduced;
            }
          }
          continue;
        }
        for (int i = 0; i < m; i++) {
          double reduced = weight * row[i] - l;
          if (reduced < 0) {
            rho[i] += reduced;
          }
        }
      }
      // fixed and forced-open candidates are in; closed ones out; the rest of p by smallest ρ
      double bound = lambdaSum;
      int needed = p;
      int choosableLeft = 0;
      for (int i = 0; i < m; i++) {
        chosen[i] = fixed[i] || opened[i];
        if (chosen[i]) {
          bound += rho[i];
          needed -= fixed[i] ? 0 : 1;
        } else if (!closed[i]) {
          order[choosableLeft++] = i;
        }
      }
      if (needed > choosableLeft) {
        // the fixings leave too few candidates: no answer better than the known one exists
        best = Double.POSITIVE_INFINITY;
        break;
      }
      Arrays.sort(order, 0, choosableLeft, (a, b) -> Double.compare(rho[a], rho[b]));
      for (int k = 0; k < needed; k++) {
        chosen[order[k]] = true;
        bound += rho[order[k]];
      }
      if (bound > best) {
        best = bound;
        sinceBetter = 0;
      } else if (++sinceBetter >= PATIENCE) {
        stepFactor /= 2;
        sinceBetter = 0;
      }
      double target = upperTotal - proofMargin;
      if (best >= target) {
        break;
      }
      // penalty tests at this λ
      if (needed > 0 && needed < choosableLeft) {
        double lastIn = rho[order[needed - 1]];
        double firstOut = rho[order[needed]];
        for (int k = 0; k < choosableLeft; k++) {
          int i = order[k];
          if (k < needed) {
            if (bound - rho[i] + firstOut >= target) {
              opened[i] = true;
            }
          } else if (bound + rho[i] - lastIn >= target) {
            closed[i] = true;
          }
        }
      }
      if (stepFactor < MIN_STEP_FACTOR) {
        break;
      }
      double norm = 0;
      for (int u = 0; u < n; u++) {
        double[] row = d[u];
        double weight = w[u];
        double l = lambda[u];
        int assigned = 0;
        if (byCost != null && weight > 0) {
          float limit = (float) (l / weight);
          for (long key : byCost[u]) {
            if (CostInstance.keyCost(key) > limit) {
              break;
            }
            int i = CostInstance.keyCandidate(key);
            if (chosen[i] && weight * row[i] - l < 0) {
              assigned++;
            }
          }
        } else {
          for (int i = 0; i < m; i++) {
            if (chosen[i] && weight * row[i] - l < 0) {
              assigned++;
            }
          }
        }
        subgradient[u] = 1 - assigned;
        norm += subgradient[u] * subgradient[u];
      }
      if (norm == 0) {
        // the relaxed answer assigns every group once: it is optimal for the relaxation and the
        // bound cannot improve
        break;
      }
      double step = stepFactor * (upperTotal - bound) / norm;
      for (int u = 0; u < n; u++) {
        lambda[u] = Math.max(0, lambda[u] + step * subgradient[u]);
      }
    }
    return new Result(best, closed, opened, iteration);
  }
}
