package org.carecircle.siting.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.job.JobContext;

/**
 * Answers a {@link SitingProblem} for {@link SitingOptions}: presolve, then the heuristic, the
 * exact solver or both, then the answer measured on the original problem.
 *
 * <p>Common case: {@code SitingSolver.solve(problem, SitingOptions.of(SitingModel.MCLP, 4,
 * SolverKind.EXACT))}; inside a job, {@code new SitingSolver(context).run(problem, options)}
 * reports progress and stops at a cancel request (also inside OR-Tools).
 *
 * <p>The automatic solver runs the heuristic, then the exact solver with the time limit when the
 * presolved instance has at most {@link #AUTO_EXACT_MAX_PAIRS} candidate-group pairs, and answers
 * the better of the two with the exact solver's bound.
 *
 * <p>Without the exact solver, the MCLP's bound (and so its proven gap) comes from a Lagrangian
 * relaxation ({@link CoverageLagrangian}) when there is no backup, else from the p largest reaches.
 *
 * <p>Answers rather than errors: when no candidate covers any demand within the cutoff (MCLP,
 * LSCP), the answer is status {@code infeasible} with no sites and a message: the request was
 * well-formed, the city simply cannot be served at that cutoff, and the presolve report says
 * which points are out of reach.
 */
public final class SitingSolver {
  /**
   * The automatic solver tries the exact one up to this many (choosable candidates × demand
   * groups) after presolve: 400 × 400 OR-Library instances (160,000) prove optimal in seconds,
   * and SCIP's memory stays in the hundreds of megabytes up to a few million.
   */
  public static final long AUTO_EXACT_MAX_PAIRS = 2_000_000;
  /** Subgradient iterations for the heuristic's p-median bound: cheap, most of the LP bound. */
  static final int HEURISTIC_BOUND_ITERATIONS = 300;

  private final JobContext context;

  public SitingSolver(JobContext context) {
    this.context = context;
  }

  /** Solves without a job: no progress, no cancel. */
  public static SitingResult solve(SitingProblem problem, SitingOptions options) {
    return new SitingSolver(JobContext.NONE).run(problem, options);
  }

  /**
   * @throws InputRejectedException when the options do not fit the problem ({@link SitingOptions#validate})
   * @throws org.carecircle.job.JobCancelledException when the job is cancelled
   */
  public SitingResult run(SitingProblem problem, SitingOptions options) {
    List<InputProblem> problems = new ArrayList<>(options.validate(problem));
    if (options.model() == SitingModel.PMEDIAN && problem.totalWeight() <= 0) {
      problems.add(InputProblem.ofField("demand", "every demand weight is 0: the p-median's weighted mean cost"
          + " is undefined"));
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    long started = System.nanoTime();
    context.progress(0, "presolving");
    Outcome outcome = switch (options.model()) {
      case MCLP -> mclp(problem, options);
      case LSCP -> lscp(problem, options);
      case PMEDIAN -> pmedian(problem, options);
      case PCENTER -> pcenter(problem, options);
    };
    context.checkCancelled();
    return answer(problem, options, outcome, (System.nanoTime() - started) / 1e9);
  }

  /** A solver's outcome with the presolve report and an optional note. */
  private record Outcome(SolverOutcome solved, PresolveReport presolve, String message) {}

  private boolean exactWanted(SolverKind solver, long pairs) {
    return solver == SolverKind.EXACT || (solver == SolverKind.AUTO && pairs <= AUTO_EXACT_MAX_PAIRS);
  }

  private Outcome mclp(SitingProblem problem, SitingOptions options) {
    var presolved = SitingPresolver.coverage(problem, options.backup());
    CoverageInstance instance = presolved.instance();
    if (instance.coverableWeight <= 0) {
      return new Outcome(new SolverOutcome(new int[0], 0, SitingStatus.INFEASIBLE), presolved.report(),
          noCoverageMessage(problem));
    }
    int p = options.p();
    context.progress(0.05, "searching (heuristic)");
    int[] local = CoverageSwapSearch.solve(instance, p, null, context);
    double heuristicBound = mclpBound(instance, p);
    boolean tryExact = exactWanted(options.solver(), (long) instance.candidateCount() * instance.groupCount());
    if (!tryExact && !instance.backup && local.length == p) {
      // too large for the MIP: the Lagrangian bound proves the gap instead
      context.progress(0.5, "bounding (Lagrangian relaxation)");
      double reached = CoverageSwapSearch.score(instance, local)[0];
      CoverageLagrangian.Relaxation relaxation = CoverageLagrangian.relax(instance, p, reached, context);
      heuristicBound = Math.min(heuristicBound, instance.constantCovered + relaxation.bound());
      if (relaxation.covered() > reached) {
        // the relaxation saw a better choice than the swap search's: search on from it
        int[] fromRelaxation = CoverageSwapSearch.solve(instance, p, relaxation.sites(), context);
        if (CoverageSwapSearch.score(instance, fromRelaxation)[0] > reached) {
          local = fromRelaxation;
        }
      }
    }
    SolverOutcome outcome = new SolverOutcome(CoverageMip.toProblem(instance, local), heuristicBound,
        SitingStatus.FEASIBLE);
    if (tryExact && local.length == p) {
      SolverOutcome exact = CoverageMip.mclp(instance, p, local, options.timeLimitSeconds(), context);
      if (exact.sites() != null) {
        outcome = better(problem, options, outcome, exact);
      }
    }
    String message = null;
    int[] sites = outcome.sites();
    if (sites.length < p) {
      message = "only " + sites.length + " candidates add coverage that others do not; the other "
          + (p - sites.length) + " sites were picked arbitrarily and cover nothing more";
      sites = padChoosable(problem, sites, instance.droppedCandidates, p);
    }
    return new Outcome(new SolverOutcome(sites, outcome.bound(), outcome.status()), presolved.report(), message);
  }

  /** Covered weight can reach at most the coverable weight, nor more than the p largest sites add. */
  private static double mclpBound(CoverageInstance instance, int p) {
    double constant = instance.constantCovered;
    double[] reach = new double[instance.candidateCount()];
    for (int g = 0; g < instance.groupCount(); g++) {
      if (instance.baseCount[g] >= 1) {
        constant += instance.groupWeight[g];
        continue;
      }
      for (int c : instance.coveredBy[g]) {
        reach[c] += instance.groupWeight[g];
      }
    }
    Arrays.sort(reach);
    double top = 0;
    for (int k = 0; k < p && k < reach.length; k++) {
      top += reach[reach.length - 1 - k];
    }
    return Math.min(instance.coverableWeight, constant + top);
  }

  private Outcome lscp(SitingProblem problem, SitingOptions options) {
    var presolved = SitingPresolver.coverage(problem, false);
    CoverageInstance instance = presolved.instance();
    if (instance.coverableWeight <= 0) {
      return new Outcome(new SolverOutcome(new int[0], 0, SitingStatus.INFEASIBLE), presolved.report(),
          noCoverageMessage(problem));
    }
    double target = options.targetShare() * instance.coverableWeight;
    // what the search must add beyond the fixed sites; a hair of slack for rounding in the share
    double required = target - instance.constantCovered - 1e-9 * Math.max(1, target);
    if (required <= 0) {
      return new Outcome(new SolverOutcome(new int[0], 0, SitingStatus.OPTIMAL), presolved.report(),
          "the fixed sites already reach the target");
    }
    boolean everyGroup = options.targetShare() >= 1;
    context.progress(0.05, "searching (heuristic)");
    int[] local = lscpHeuristic(instance, required);
    double largest = 0;
    for (int[] covers : instance.covers) {
      double sum = 0;
      for (int g : covers) {
        sum += instance.groupWeight[g];
      }
      largest = Math.max(largest, sum);
    }
    SolverOutcome outcome = new SolverOutcome(CoverageMip.toProblem(instance, local),
        Math.max(1, Math.ceil(required / largest - 1e-9)), SitingStatus.FEASIBLE);
    if (exactWanted(options.solver(), (long) instance.candidateCount() * instance.groupCount())) {
      SolverOutcome exact = CoverageMip.lscp(instance, required, everyGroup, local, options.timeLimitSeconds(),
          context);
      if (exact.sites() != null && exact.sites().length <= local.length) {
        outcome = exact;
      } else if (!Double.isNaN(exact.bound())) {
        outcome = new SolverOutcome(outcome.sites(), Math.max(outcome.bound(), exact.bound()), exact.status());
      }
    }
    return new Outcome(outcome, presolved.report(), null);
  }

  /**
   * Greedy sites until the required weight is covered, then fewer: for k one below the best count
   * so far, the covering swap search with k sites (starting from the best minus its last site);
   * stops at the first k that falls short.
   */
  private int[] lscpHeuristic(CoverageInstance instance, double required) {
    int[] greedy = CoverageSwapSearch.greedy(instance, instance.candidateCount(), context);
    int count = 1;
    while (count < greedy.length && CoverageSwapSearch.score(instance, Arrays.copyOf(greedy, count))[0] < required) {
      count++;
    }
    int[] best = Arrays.copyOf(greedy, count);
    while (best.length > 1) {
      int[] fewer = CoverageSwapSearch.solve(instance, best.length - 1, Arrays.copyOf(best, best.length - 1),
          context);
      if (CoverageSwapSearch.score(instance, fewer)[0] < required) {
        break;
      }
      best = fewer;
    }
    return best;
  }

  private Outcome pmedian(SitingProblem problem, SitingOptions options) {
    var presolved = SitingPresolver.cost(problem, SitingModel.PMEDIAN);
    CostInstance instance = presolved.instance();
    int p = options.p();
    context.progress(0.05, "searching (heuristic)");
    int[] local = PMedianSwapSearch.solve(instance, p, null, context);
    double upper = PMedianSwapSearch.totalCost(instance, local);
    double totalWeight = Arrays.stream(instance.groupWeight).sum();
    PMedianLagrangian.Result lagrangian = PMedianLagrangian.run(instance, p, upper, 1e-9 * Math.max(1, upper),
        HEURISTIC_BOUND_ITERATIONS, context);
    double bound = Math.min(upper, lagrangian.boundTotal()) / totalWeight;
    SolverOutcome outcome = new SolverOutcome(PMedianMip.toProblem(instance, local), bound, SitingStatus.FEASIBLE);
    long pairs = (long) (instance.candidateCount() - instance.fixedCount()) * instance.groupCount();
    if (exactWanted(options.solver(), pairs)) {
      outcome = PMedianMip.solve(instance, p, local, options.timeLimitSeconds(), context);
    }
    return new Outcome(outcome, presolved.report(), null);
  }

  private Outcome pcenter(SitingProblem problem, SitingOptions options) {
    var presolved = SitingPresolver.cost(problem, SitingModel.PCENTER);
    CostInstance instance = presolved.instance();
    int p = options.p();
    context.progress(0.05, "searching (heuristic)");
    SolverOutcome outcome = PCenterSearch.heuristic(instance, p, context);
    long pairs = (long) (instance.candidateCount() - instance.fixedCount()) * instance.groupCount();
    if (exactWanted(options.solver(), pairs)) {
      int[] start = local(instance, outcome.sites());
      outcome = PCenterSearch.exact(instance, p, start, options.timeLimitSeconds(), context);
    }
    return new Outcome(outcome, presolved.report(), null);
  }

  private static int[] local(CostInstance instance, int[] problemSites) {
    // cost instances keep every candidate in problem order
    return problemSites.clone();
  }

  /** The exact outcome unless the heuristic's sites cover more (a time-limited exact run). */
  private static SolverOutcome better(SitingProblem problem, SitingOptions options, SolverOutcome heuristic,
      SolverOutcome exact) {
    double heuristicCovered = SitingEvaluator.measure(problem, options.model(), heuristic.sites()).coveredWeight();
    double exactCovered = SitingEvaluator.measure(problem, options.model(), exact.sites()).coveredWeight();
    int[] sites = exactCovered >= heuristicCovered ? exact.sites() : heuristic.sites();
    return new SolverOutcome(sites, exact.bound(), exact.status());
  }

  /** Pads to p sites: dominated candidates first, then any other choosable one, in problem order. */
  private static int[] padChoosable(SitingProblem problem, int[] sites, int[] dropped, int p) {
    List<Integer> chosen = new ArrayList<>();
    boolean[] taken = new boolean[problem.candidateCount()];
    for (int c : sites) {
      chosen.add(c);
      taken[c] = true;
    }
    for (int c : dropped) {
      if (chosen.size() < p && !taken[c]) {
        chosen.add(c);
        taken[c] = true;
      }
    }
    for (int c = 0; c < problem.candidateCount() && chosen.size() < p; c++) {
      if (!taken[c] && !problem.isFixed(c)) {
        chosen.add(c);
        taken[c] = true;
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String noCoverageMessage(SitingProblem problem) {
    return "no candidate is within the cutoff " + problem.cutoff() + " of any demand point: nothing can be"
        + " covered; raise the cutoff or add candidates nearer to the demand";
  }

  /**
   * The answer for sites chosen elsewhere (problem candidate indices), measured as a solver's
   * would be: status feasible, no bound.
   */
  static SitingResult measured(SitingProblem problem, SitingOptions options, int[] sites, PresolveReport presolve,
      String message, double seconds) {
    return answer(problem, options, new Outcome(new SolverOutcome(sites, Double.NaN, SitingStatus.FEASIBLE),
        presolve, message), seconds);
  }

  private static SitingResult answer(SitingProblem problem, SitingOptions options, Outcome outcome, double seconds) {
    SolverOutcome solved = outcome.solved();
    int[] sites = SitingEvaluator.sorted(solved.sites());
    SitingEvaluator.Measures measures = SitingEvaluator.measure(problem, options.model(), sites);
    double objective = switch (options.model()) {
      case MCLP -> measures.coveredWeight();
      case LSCP -> sites.length;
      case PMEDIAN -> measures.meanCost();
      case PCENTER -> measures.maxCost();
    };
    double bound = solved.bound();
    SitingStatus status = solved.status();
    double gap = status == SitingStatus.INFEASIBLE ? Double.NaN : MipSupport.gap(objective, bound);
    if (status == SitingStatus.FEASIBLE && gap <= MipSupport.RELATIVE_GAP) {
      status = SitingStatus.OPTIMAL; // the heuristic's simple bound already proves it
    }
    if (status == SitingStatus.OPTIMAL) {
      bound = objective;
      gap = 0;
    }
    List<String> selected = measures.gains().stream().map(SiteGain::id).toList();
    String message = outcome.message();
    // with backup on, a site that adds no first coverage may still cover people a second time
    if (message == null && options.model() == SitingModel.MCLP && !options.backup()
        && status != SitingStatus.INFEASIBLE) {
      message = idleSitesMessage(problem, measures, outcome.presolve());
    }
    return new SitingResult(options.model(), options.solver(), status, selected, measures.gains(), objective,
        measures.coveredWeight(), measures.coveredShare(), measures.uncoveredDemandCount(),
        measures.backupCoveredWeight(), measures.meanCost(), measures.maxCost(), bound, gap, seconds,
        outcome.presolve(), message);
  }

  /**
   * MCLP: a note when some chosen sites cover nobody that the others do not (p larger than the
   * problem needs), saying whether everyone coverable is covered already; null otherwise.
   */
  private static String idleSitesMessage(SitingProblem problem, SitingEvaluator.Measures measures,
      PresolveReport presolve) {
    long idle = measures.gains().stream().filter(g -> g.marginalGain() == 0).count();
    if (idle == 0) {
      return null;
    }
    double coverable = problem.totalWeight() - (presolve == null ? 0 : presolve.uncoverableWeight());
    boolean everyone = measures.coveredWeight() >= coverable - 1e-9 * Math.max(1, coverable);
    return idle + " of the " + measures.gains().size() + " new sites add no coverage of their own"
        + (everyone ? ": the others already cover everyone that any candidate or open site reaches within the"
            + " cutoff; fewer sites would do, or ask for backup coverage to place them where they cover people a"
            + " second time" : "");
  }
}
