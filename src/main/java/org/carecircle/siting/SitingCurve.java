package org.carecircle.siting;

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
    SitingSolver solver = new SitingSolver(context);
    List<SitingResult> curve = new ArrayList<>();
    SitingResult previous = null;
    for (int p = 1; p <= maxP; p++) {
      context.checkCancelled();
      context.progress((p - 1.0) / maxP, "solving for " + p + " new sites");
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

  /** The previous answer's sites plus the one candidate that improves the objective most. */
  private static SitingResult extend(SitingProblem problem, SitingOptions options, SitingResult previous) {
    long started = System.nanoTime();
    int[] base = previous.selected().stream().mapToInt(id -> indexOf(problem, id)).toArray();
    SitingResult best = null;
    for (int c = 0; c < problem.candidateCount(); c++) {
      int candidate = c;
      if (problem.isFixed(c) || Arrays.stream(base).anyMatch(s -> s == candidate)) {
        continue;
      }
      int[] sites = Arrays.copyOf(base, base.length + 1);
      sites[base.length] = c;
      SitingResult trial = SitingSolver.measured(problem, options, sites, previous.presolve(), null, 0);
      if (best == null || better(options.model(), trial.objective(), best.objective())) {
        best = trial;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new SitingResult(best.model(), best.solver(), best.status(), best.selected(), best.sites(),
        best.objective(), best.coveredWeight(), best.coveredShare(), best.uncoveredDemandCount(),
        best.backupCoveredWeight(), best.meanCost(), best.maxCost(), best.bound(), best.gap(), seconds,
        best.presolve(), "the answer for " + (base.length) + " sites plus the best single addition");
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
