package org.carecircle.siting;

import org.carecircle.siting.solver.SitingCurve;
import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingProblem;
import org.carecircle.siting.solver.SolverKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.analysis.AnalysisRequestChecker;
import org.carecircle.error.InputRejectedException;

/**
 * Turns a {@link SitingRequest} into a {@link SitingProblem} and {@link SitingOptions}, checking
 * everything a planner can get wrong and reporting it all at once. Rows are 1-based positions in
 * the request's {@code demand}, {@code candidates} and {@code costs} arrays; fields are named like
 * {@code costs.candidate}.
 */
public final class SitingRequestReader {
  /** A synchronous request should not hold a connection longer than this. */
  public static final double MAX_TIME_LIMIT_SECONDS = 3600;
  /** How many bad cost rows are named one by one; the rest are counted. */
  static final int MAX_REPORTED_ROWS = 20;

  private SitingRequestReader() {}

  /** A checked request. */
  public record Read(SitingProblem problem, SitingOptions options, Integer maxP) {}

  /**
   * @param forCurve true for {@code /api/siting/curve}: maxP instead of p
   * @throws InputRejectedException listing every problem found
   */
  public static Read read(MatrixSitingRequest request, boolean forCurve) {
    if (request == null) {
      throw AnalysisRequestChecker.emptyBody();
    }
    List<InputProblem> problems = new ArrayList<>();
    SitingOptions options = readOptions(request.choice(), forCurve, problems);
    SitingProblem problem = readProblem(request, problems);
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    problems.addAll(forCurve ? SitingCurve.validate(problem, options, request.choice().maxP()) : options.validate(problem));
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    return new Read(problem, options, request.choice().maxP());
  }

  /**
   * The options of a request, with every problem of the fields that do not need the problem
   * (model, solver, p present and &ge; 1, maxP, curveMaxP, time limit) added to {@code problems}.
   * Checks against the problem ({@link SitingOptions#validate}) come later.
   *
   * @return the options, or null when a problem was added
   */
  static SitingOptions readOptions(SitingChoice request, boolean forCurve, List<InputProblem> problems) {
    int before = problems.size();
    SitingModel model = null;
    if (request.model() == null) {
      problems.add(InputProblem.ofField("model", "the model is required: mclp, lscp, pmedian or pcenter"));
    } else {
      model = SitingModel.parse(request.model()).orElse(null);
      if (model == null) {
        problems.add(InputProblem.ofField("model", "unknown model '" + request.model()
            + "'; use mclp, lscp, pmedian or pcenter"));
      }
    }
    // a curve solves maxP times: the heuristic unless asked otherwise
    SolverKind solver = forCurve ? SolverKind.HEURISTIC : SolverKind.AUTO;
    if (request.solver() != null) {
      solver = SolverKind.parse(request.solver()).orElse(null);
      if (solver == null) {
        problems.add(InputProblem.ofField("solver", "unknown solver '" + request.solver()
            + "'; use heuristic, exact or auto"));
      }
    }
    if (forCurve && request.maxP() == null) {
      problems.add(InputProblem.ofField("maxP", "maxP is required: the curve runs p = 1 .. maxP"));
    }
    if (!forCurve && model != null && model.needsP() && request.p() == null) {
      problems.add(InputProblem.ofField("p", "p (the number of new sites) is required for the " + model.wireName()
          + " model"));
    }
    if (request.curveMaxP() != null) {
      if (forCurve) {
        problems.add(InputProblem.ofField("curveMaxP", "curveMaxP goes with /api/siting/solve and /jobs; the curve"
            + " endpoint takes maxP"));
      } else if (model != null && !model.needsP()) {
        problems.add(InputProblem.ofField("curveMaxP", "a curve needs a model with p (mclp, pmedian, pcenter), not "
            + model.wireName()));
      } else if (request.curveMaxP() < 1) {
        problems.add(InputProblem.ofField("curveMaxP", "curveMaxP must be at least 1, not " + request.curveMaxP()));
      }
    }
    double timeLimit = request.timeLimitSeconds() == null ? SitingOptions.DEFAULT_TIME_LIMIT_SECONDS
        : request.timeLimitSeconds();
    if (timeLimit > MAX_TIME_LIMIT_SECONDS) {
      problems.add(InputProblem.ofField("timeLimitSeconds", "the time limit is at most " + MAX_TIME_LIMIT_SECONDS
          + " seconds, not " + timeLimit));
    }
    if (problems.size() > before) {
      return null;
    }
    int p = request.p() == null ? 0 : request.p();
    return new SitingOptions(model, forCurve ? 1 : p, solver, timeLimit,
        request.targetShare() == null ? 1.0 : request.targetShare(), Boolean.TRUE.equals(request.backup()));
  }

  private static SitingProblem readProblem(MatrixSitingRequest request, List<InputProblem> problems) {
    List<SitingRequest.DemandRow> demand = request.demand() == null ? List.of() : request.demand();
    List<SitingRequest.CandidateRow> candidates = request.candidates() == null ? List.of() : request.candidates();
    List<SitingRequest.CostRow> costs = request.costs() == null ? List.of() : request.costs();
    if (demand.isEmpty()) {
      problems.add(InputProblem.ofField("demand", "there are no demand points"));
    }
    if (candidates.isEmpty()) {
      problems.add(InputProblem.ofField("candidates", "there are no candidate sites"));
    }
    String[] demandIds = new String[demand.size()];
    double[] weights = new double[demand.size()];
    Map<String, Integer> demandIndex = new HashMap<>();
    for (int d = 0; d < demand.size(); d++) {
      SitingRequest.DemandRow row = demand.get(d);
      if (row == null) {
        problems.add(InputProblem.ofRow(d + 1, "demand", "the row is empty"));
        continue;
      }
      demandIds[d] = row.id();
      if (uniqueId(row.id(), d, "demand.id", "demand point", demandIndex, problems)) {
        demandIndex.put(row.id(), d);
      }
      if (row.weight() == null) {
        problems.add(InputProblem.ofRow(d + 1, "demand.weight", "the weight is missing"));
      } else if (!(row.weight() >= 0) || row.weight().isInfinite()) {
        problems.add(InputProblem.ofRow(d + 1, "demand.weight", "the weight " + row.weight()
            + " is negative or not a number; weights must be >= 0"));
      } else {
        weights[d] = row.weight();
      }
    }
    String[] candidateIds = new String[candidates.size()];
    boolean[] fixed = new boolean[candidates.size()];
    Map<String, Integer> candidateIndex = new HashMap<>();
    for (int c = 0; c < candidates.size(); c++) {
      SitingRequest.CandidateRow row = candidates.get(c);
      if (row == null) {
        problems.add(InputProblem.ofRow(c + 1, "candidates", "the row is empty"));
        continue;
      }
      candidateIds[c] = row.id();
      fixed[c] = Boolean.TRUE.equals(row.fixed());
      if (uniqueId(row.id(), c, "candidates.id", "candidate", candidateIndex, problems)) {
        candidateIndex.put(row.id(), c);
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    SitingProblem.Builder builder = SitingProblem.builder().demand(demandIds, weights)
        .candidates(candidateIds, fixed);
    if (request.cutoff() != null) {
      builder.cutoff(request.cutoff());
    }
    Map<Long, Integer> pairRow = new HashMap<>();
    int bad = 0;
    List<InputProblem> costProblems = new ArrayList<>();
    for (int k = 0; k < costs.size(); k++) {
      SitingRequest.CostRow row = costs.get(k);
      int rowNumber = k + 1;
      List<InputProblem> rowProblems = new ArrayList<>();
      Integer c = null;
      Integer d = null;
      if (row == null) {
        rowProblems.add(InputProblem.ofRow(rowNumber, "costs", "the row is empty"));
      } else {
        c = row.candidate() == null ? null : candidateIndex.get(row.candidate());
        d = row.demand() == null ? null : demandIndex.get(row.demand());
        if (c == null) {
          rowProblems.add(InputProblem.ofRow(rowNumber, "costs.candidate", row.candidate() == null
              ? "the candidate is missing" : "there is no candidate '" + row.candidate() + "'"));
        }
        if (d == null) {
          rowProblems.add(InputProblem.ofRow(rowNumber, "costs.demand", row.demand() == null
              ? "the demand point is missing" : "there is no demand point '" + row.demand() + "'"));
        }
        if (row.cost() == null) {
          rowProblems.add(InputProblem.ofRow(rowNumber, "costs.cost", "the cost is missing"));
        } else if (!(row.cost() >= 0)) {
          rowProblems.add(InputProblem.ofRow(rowNumber, "costs.cost", "the cost " + row.cost()
              + " is negative or not a number; costs must be >= 0 (leave a pair out when it is unreachable)"));
        }
      }
      if (rowProblems.isEmpty()) {
        Integer earlier = pairRow.putIfAbsent((long) c * demand.size() + d, rowNumber);
        if (earlier != null) {
          rowProblems.add(InputProblem.ofRow(rowNumber, "costs", "the cost from '" + row.candidate() + "' to '"
              + row.demand() + "' is also given in row " + earlier + "; give each pair once"));
        } else {
          builder.cost(c, d, row.cost());
        }
      }
      if (!rowProblems.isEmpty()) {
        bad++;
        if (costProblems.size() < MAX_REPORTED_ROWS) {
          costProblems.addAll(rowProblems);
        }
      }
    }
    problems.addAll(costProblems);
    if (bad > 0 && costProblems.size() >= MAX_REPORTED_ROWS) {
      problems.add(InputProblem.ofField("costs", bad + " cost rows are wrong in all; the first are listed"));
    }
    if (!problems.isEmpty()) {
      return null;
    }
    try {
      return builder.build();
    } catch (InputRejectedException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static boolean uniqueId(String id, int index, String field, String what, Map<String, Integer> seen,
      List<InputProblem> problems) {
    if (id == null || id.isBlank()) {
      problems.add(InputProblem.ofRow(index + 1, field, "the " + what + " has no id"));
      return false;
    }
    Integer earlier = seen.get(id);
    if (earlier != null) {
      problems.add(InputProblem.ofRow(index + 1, field, "the " + what + " id '" + id + "' is also used in row "
          + (earlier + 1) + "; ids must be unique"));
      return false;
    }
    return true;
  }
}
