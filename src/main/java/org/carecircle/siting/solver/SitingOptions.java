package org.carecircle.siting.solver;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.error.InputProblem;

/**
 * What to ask of a {@link SitingProblem}.
 *
 * @param model the question
 * @param p the number of new sites, &ge; 1 and at most the number of candidates that are not
 *     fixed; ignored by LSCP (may be 0 there)
 * @param solver how to answer
 * @param timeLimitSeconds the exact solver's time limit, &gt; 0 (the heuristic has its own small
 *     budget, see {@link PMedianSwapSearch})
 * @param targetShare LSCP only: the share of the coverable weight to cover, in (0, 1]
 * @param backup MCLP only: among the answers covering the most weight, prefer the one covering
 *     the most weight twice (lexicographic, never at the cost of primary coverage)
 */
public record SitingOptions(SitingModel model, int p, SolverKind solver, double timeLimitSeconds,
    double targetShare, boolean backup) {

  /** Used when a request gives no time limit. */
  public static final double DEFAULT_TIME_LIMIT_SECONDS = 30;

  public static SitingOptions of(SitingModel model, int p, SolverKind solver) {
    return new SitingOptions(model, p, solver, DEFAULT_TIME_LIMIT_SECONDS, 1.0, false);
  }

  public SitingOptions withP(int newP) {
    return new SitingOptions(model, newP, solver, timeLimitSeconds, targetShare, backup);
  }

  public SitingOptions withSolver(SolverKind newSolver) {
    return new SitingOptions(model, p, newSolver, timeLimitSeconds, targetShare, backup);
  }

  public SitingOptions withTimeLimitSeconds(double seconds) {
    return new SitingOptions(model, p, solver, seconds, targetShare, backup);
  }

  public SitingOptions withTargetShare(double share) {
    return new SitingOptions(model, p, solver, timeLimitSeconds, share, backup);
  }

  public SitingOptions withBackup(boolean withBackup) {
    return new SitingOptions(model, p, solver, timeLimitSeconds, targetShare, withBackup);
  }

  /**
   * Everything that makes these options unusable with this problem, as a planner would read it
   * (empty when fine). The covering models need a cutoff; p-median and p-center need every
   * candidate-demand cost (the first missing pairs are named, with their count).
   */
  public List<InputProblem> validate(SitingProblem problem) {
    List<InputProblem> problems = new ArrayList<>();
    int openable = problem.openableCount();
    if (model.needsP()) {
      if (p <= 0) {
        problems.add(InputProblem.ofField("p", "p must be at least 1 (the number of new sites), not " + p));
      } else if (p > openable) {
        problems.add(InputProblem.ofField("p", "p = " + p + " is more than the " + openable
            + " candidates that can be opened (" + problem.candidateCount() + " candidates, "
            + problem.fixedCount() + " already open)"));
      }
    }
    if (model.covering() && !problem.hasCutoff()) {
      problems.add(InputProblem.ofField("cutoff", "the " + model.wireName() + " model needs a cutoff (the largest"
          + " cost that counts as covered, in the costs' unit)"));
    }
    if (!model.covering()) {
      long missing = problem.missingPairCount();
      if (missing > 0) {
        problems.add(InputProblem.ofField("costs", "the " + model.wireName() + " model needs the cost of every"
            + " candidate-demand pair; " + missing + " of " + (long) problem.candidateCount() * problem.demandCount()
            + " are missing, first: " + String.join(", ", problem.firstMissingPairs(5))));
      }
    }
    if (model == SitingModel.PMEDIAN && problem.candidateCount() > PMedianSwapSearch.MAX_CANDIDATES) {
      problems.add(InputProblem.ofField("candidates", "the p-median handles at most "
          + PMedianSwapSearch.MAX_CANDIDATES + " candidates, not " + problem.candidateCount()));
    }
    if (model == SitingModel.LSCP && !(targetShare > 0 && targetShare <= 1)) {
      problems.add(InputProblem.ofField("targetShare", "the target share must be in (0, 1], not " + targetShare));
    }
    if (!(timeLimitSeconds > 0) || Double.isInfinite(timeLimitSeconds)) {
      problems.add(InputProblem.ofField("timeLimitSeconds", "the time limit must be a number of seconds > 0, not "
          + timeLimitSeconds));
    }
    if (backup && model != SitingModel.MCLP) {
      problems.add(InputProblem.ofField("backup", "backup coverage is a second objective of the mclp model only"));
    }
    return problems;
  }
}
