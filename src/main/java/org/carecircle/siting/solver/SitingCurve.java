package org.carecircle.siting.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.job.JobContext;

/**
 * The answer for p = 1, 2, …, maxP new sites, so that a planner sees how many stations it takes to
 * reach 90 % or 95 % coverage (MCLP) or a mean travel time (p-median). Each p is solved on its own
 * with the requested solver (the heuristic by default: maxP exact runs can take long).
 *
 * <p>A heuristic is not guaranteed to do better with one more site. So that the curve never goes
 * backwards, an answer for p that is worse than the one for p − 1 plus its best single addition is
 * replaced by that (marked feasible, without a bound).
 */
public final class SitingCurve {
  private SitingCurve() {}

  /**
   * @param options the model (not LSCP, which has no p) and solver; p is ignored
   * @param maxP the largest p, from 1 to the number of candidates that can be opened
   * @throws InputRejectedException for LSCP or a maxP out of range, and for what {@link
   *     SitingOptions#validate} finds
   */
  public static List<SitingResult> compute(SitingProblem problem, SitingOptions options, int maxP,
      JobContext context) {
    List<InputProblem> problems = new ArrayList<>(validate(problem, options, maxP));
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    // the loop reports progress per p; each solve's own steps would only make the bar jump back
    SitingSolver solver = new SitingSolver(context.quiet());
    List<SitingResult> curve = new ArrayList<>();
    SitingResult previous = null;
    for (int p = 1; p <= maxP; p++) {
      context.checkCancelled();
      context.progress((p - 1.0) / maxP, "the curve: solving for " + p + " new sites");
      SitingResult result = solver.run(problem, options.withP(p));
      if (previous != null && result.status() != SitingStatus.INFEASIBLE) {
        SitingResult extended = extend(problem, options.withP(p), previous);
        if (better(options.model(), extended.objective(), result.objective())) {
          result = extended;
        }
      }
      curve.add(result);
      previous = result;
    }
    return curve;
  }

  /** The problems with a curve request (empty when fine). */
  public static List<InputProblem> validate(SitingProblem problem, SitingOptions options, int maxP) {
    List<InputProblem> problems = new ArrayList<>();
    if (!options.model().needsP()) {
      problems.add(InputProblem.ofField("model", "a curve needs a model with p (mclp, pmedian, pcenter), not "
          + options.model().wireName()));
      return problems;
    }
    if (maxP < 1 || maxP > problem.openableCount()) {
      problems.add(InputProblem.ofField("maxP", "maxP must be from 1 to the " + problem.openableCount()
          + " candidates that can be opened, not " + maxP));
      return problems;
    }
    problems.addAll(options.withP(1).validate(problem));
    return problems;
  }

  private static boolean better(SitingModel model, double a, double b) {
    if (Double.isNaN(b)) {
      return !Double.isNaN(a);
    }
    return model == SitingModel.MCLP ? a > b : a < b;
  }

  /**
   * The previous answer's sites plus the one candidate that improves the objective most. The
   * improvement of every candidate is read off in one pass over the costs from each demand point's
   * nearest open site (and, for MCLP, whether it is covered), then only the best is measured.
   */
  private static SitingResult extend(SitingProblem problem, SitingOptions options, SitingResult previous) {
    long started = System.nanoTime();
    int[] base = previous.selected().stream().mapToInt(id -> indexOf(problem, id)).toArray();
    int m = problem.candidateCount();
    int n = problem.demandCount();
    boolean[] open = new boolean[m];
    for (int c = 0; c < m; c++) {
      open[c] = problem.isFixed(c);
    }
    for (int c : base) {
      open[c] = true;
    }
    SitingModel model = options.model();
    if (model == SitingModel.MCLP) {
      return extended(problem, options, previous, base, bestCoveringAddition(problem, open), started);
    }
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int c = 0; c < m; c++) {
      if (open[c]) {
        for (int d = 0; d < n; d++) {
          nearest[d] = Math.min(nearest[d], problem.cost(c, d));
        }
      }
    }
    int best = -1;
    double bestValue = 0;
    for (int c = 0; c < m; c++) {
      if (open[c]) {
        continue;
      }
      // MCLP: weight newly covered (larger is better); p-median: weighted cost after (smaller);
      // p-center: worst cost after (smaller)
      double value = 0;
      for (int d = 0; d < n; d++) {
        double cost = problem.cost(c, d);
        switch (model) {
          case MCLP -> value += !(nearest[d] <= problem.cutoff()) && cost <= problem.cutoff() ? problem.weight(d) : 0;
          case PMEDIAN -> value += problem.weight(d) * Math.min(nearest[d], cost);
          default -> value = Math.max(value, Math.min(nearest[d], cost));
        }
      }
      boolean better = best < 0 || (model == SitingModel.MCLP ? value > bestValue : value < bestValue);
      if (better) {
        best = c;
        bestValue = value;
      }
    }
    return extended(problem, options, previous, base, best, started);
  }

  /**
   * MCLP: the closed candidate that covers the most weight no open site covers, read through the
   * covered lists (so a sparse problem costs its pairs, not candidates × demand points).
   */
  private static int bestCoveringAddition(SitingProblem problem, boolean[] open) {
    boolean[] covered = new boolean[problem.demandCount()];
    for (int c = 0; c < open.length; c++) {
      if (open[c]) {
        for (int d : problem.coveredDemands(c)) {
          covered[d] = true;
        }
      }
    }
    int best = -1;
    double bestValue = 0;
    for (int c = 0; c < open.length; c++) {
      if (open[c]) {
        continue;
      }
      double value = 0;
      for (int d : problem.coveredDemands(c)) {
        value += covered[d] ? 0 : problem.weight(d);
      }
      if (best < 0 || value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    return best;
  }

  private static SitingResult extended(SitingProblem problem, SitingOptions options, SitingResult previous,
      int[] base, int best, long started) {
    int[] sites = Arrays.copyOf(base, base.length + 1);
    sites[base.length] = best;
    SitingResult result = SitingSolver.measured(problem, options, sites, previous.presolve(), null, 0);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new SitingResult(result.model(), result.solver(), result.status(), result.selected(), result.sites(),
        result.objective(), result.coveredWeight(), result.coveredShare(), result.uncoveredDemandCount(),
        result.backupCoveredWeight(), result.meanCost(), result.maxCost(), result.bound(), result.gap(), seconds,
        result.presolve(), "the answer for " + (base.length) + " sites plus the best single addition");
  }

  private static int indexOf(SitingProblem problem, String id) {
    for (int c = 0; c < problem.candidateCount(); c++) {
      if (problem.candidateId(c).equals(id)) {
        return c;
      }
    }
    throw new IllegalStateException("unknown candidate " + id);
  }
}
