package org.carecircle.siting.solver;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.stream.IntStream;
import org.carecircle.job.JobContext;

/**
 * The exact covering models as mixed-integer programs solved by SCIP, on the presolved instance
 * (merged groups, dominated candidates gone), warm-started with the heuristic's sites.
 *
 * <p>MCLP (Church and ReVelle 1974): max Σ w(g)·z(g) with z(g) &le; Σ_{i covers g} x(i),
 * Σ x = p, x binary, z in [0, 1] (integral at the optimum). With backup (Hogan and ReVelle 1986):
 * z(g) + b(g) &le; base(g) + Σ x(i), b &le; z; first the covered weight is maximised, then, with
 * it held at its optimum, the weight covered twice Σ w(g)·b(g): a lexicographic order, so backup
 * never costs primary coverage and no weighting epsilon has to be tuned to the weights' size.
 *
 * <p>LSCP (Toregas et al. 1971): min Σ x with Σ_{i covers g} x(i) &ge; 1 for every group when the
 * whole coverable weight is required; for a smaller target share, z as in MCLP and
 * Σ w(g)·z(g) &ge; the target.
 */
final class CoverageMip {
  private CoverageMip() {}

  /**
   * MCLP. The bound is in covered weight including the instance's constant coverage.
   *
   * @param start the heuristic's sites (local indices)
   */
  static SolverOutcome mclp(CoverageInstance instance, int p, int[] start, double timeLimitSeconds,
      JobContext context) {
    long started = System.nanoTime();
    OrTools.load();
    MPSolver solver = newSolver();
    try {
      int m = instance.candidateCount();
      MPVariable[] x = new MPVariable[m];
      MPConstraint count = solver.makeConstraint(p, p, "p");
      for (int c = 0; c < m; c++) {
        x[c] = solver.makeBoolVar("x" + c);
        count.setCoefficient(x[c], 1);
      }
      int groups = instance.groupCount();
      MPVariable[] z = new MPVariable[groups];
      MPVariable[] b = new MPVariable[groups];
      MPObjective objective = solver.objective();
      double baseCovered = 0;
      for (int g = 0; g < groups; g++) {
        double weight = instance.groupWeight[g];
        if (instance.baseCount[g] >= 1) {
          baseCovered += weight; // already covered once by a fixed site: only backup is open
        } else {
          z[g] = solver.makeNumVar(0, 1, "");
          objective.setCoefficient(z[g], weight);
        }
        if (instance.backup) {
          b[g] = solver.makeNumVar(0, 1, "");
          MPConstraint link = solver.makeConstraint(Double.NEGATIVE_INFINITY, instance.baseCount[g]);
          if (z[g] != null) {
            link.setCoefficient(z[g], 1);
            MPConstraint order = solver.makeConstraint(Double.NEGATIVE_INFINITY, 0);
            order.setCoefficient(b[g], 1);
            order.setCoefficient(z[g], -1);
          } else {
            link.setBounds(Double.NEGATIVE_INFINITY, instance.baseCount[g] - 1);
          }
          link.setCoefficient(b[g], 1);
          for (int c : instance.coveredBy[g]) {
            link.setCoefficient(x[c], -1);
          }
        } else {
          MPConstraint link = solver.makeConstraint(Double.NEGATIVE_INFINITY, 0);
          link.setCoefficient(z[g], 1);
          for (int c : instance.coveredBy[g]) {
            link.setCoefficient(x[c], -1);
          }
        }
      }
      objective.setMaximization();
      hint(solver, x, start);
      Solved first = run(solver, objective, timeLimitSeconds, context, "solving the covering model exactly");
      double constant = instance.constantCovered + baseCovered;
      if (first.sites == null) {
        return new SolverOutcome(null, Double.NaN, SitingStatus.TIME_LIMIT);
      }
      double bound = constant + first.bound;
      if (!first.optimal || !instance.backup) {
        return new SolverOutcome(toProblem(instance, first.sites), bound,
            first.optimal ? SitingStatus.OPTIMAL : SitingStatus.TIME_LIMIT);
      }
      // second stage: hold the covered weight, maximise the weight covered twice
      double covered = first.objective;
      MPConstraint hold = solver.makeConstraint(covered - MipSupport.RELATIVE_GAP * Math.max(1, covered),
          Double.POSITIVE_INFINITY);
      for (int g = 0; g < groups; g++) {
        if (z[g] != null) {
          hold.setCoefficient(z[g], instance.groupWeight[g]);
        }
      }
      objective.clear();
      for (int g = 0; g < groups; g++) {
        objective.setCoefficient(b[g], instance.groupWeight[g]);
      }
      objective.setMaximization();
      hint(solver, x, first.sites);
      double remaining = timeLimitSeconds - (System.nanoTime() - started) / 1e9;
      Solved second = remaining > 0
          ? run(solver, objective, remaining, context, "maximising backup coverage") : new Solved();
      int[] sites = second.sites != null ? second.sites : first.sites;
      return new SolverOutcome(toProblem(instance, sites), bound,
          second.optimal ? SitingStatus.OPTIMAL : SitingStatus.TIME_LIMIT);
    } finally {
      solver.delete();
    }
  }

  /**
   * LSCP: the fewest sites whose searchable covered weight reaches {@code requiredWeight}. The
   * bound is a number of new sites.
   */
  static SolverOutcome lscp(CoverageInstance instance, double requiredWeight, boolean everyGroup, int[] start,
      double timeLimitSeconds, JobContext context) {
    OrTools.load();
    MPSolver solver = newSolver();
    try {
      int m = instance.candidateCount();
      MPVariable[] x = new MPVariable[m];
      MPObjective objective = solver.objective();
      for (int c = 0; c < m; c++) {
        x[c] = solver.makeBoolVar("x" + c);
        objective.setCoefficient(x[c], 1);
      }
      int groups = instance.groupCount();
      if (everyGroup) {
        for (int g = 0; g < groups; g++) {
          MPConstraint cover = solver.makeConstraint(1, Double.POSITIVE_INFINITY);
          for (int c : instance.coveredBy[g]) {
            cover.setCoefficient(x[c], 1);
          }
        }
      } else {
        MPConstraint target = solver.makeConstraint(requiredWeight, Double.POSITIVE_INFINITY);
        for (int g = 0; g < groups; g++) {
          MPVariable z = solver.makeNumVar(0, 1, "");
          target.setCoefficient(z, instance.groupWeight[g]);
          MPConstraint link = solver.makeConstraint(Double.NEGATIVE_INFINITY, 0);
          link.setCoefficient(z, 1);
          for (int c : instance.coveredBy[g]) {
            link.setCoefficient(x[c], -1);
          }
        }
      }
      objective.setMinimization();
      hint(solver, x, start);
      Solved solved = run(solver, objective, timeLimitSeconds, context, "solving the set covering model exactly");
      if (solved.infeasible) {
        return new SolverOutcome(null, Double.NaN, SitingStatus.INFEASIBLE);
      }
      if (solved.sites == null) {
        return new SolverOutcome(null, Double.NaN, SitingStatus.TIME_LIMIT);
      }
      return new SolverOutcome(toProblem(instance, solved.sites), Math.ceil(solved.bound - 1e-6),
          solved.optimal ? SitingStatus.OPTIMAL : SitingStatus.TIME_LIMIT);
    } finally {
      solver.delete();
    }
  }

  private static MPSolver newSolver() {
    MPSolver solver = MPSolver.createSolver("SCIP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools was built without SCIP");
    }
    return solver;
  }

  private static void hint(MPSolver solver, MPVariable[] x, int[] sites) {
    if (sites == null) {
      return;
    }
    double[] values = new double[x.length];
    for (int c : sites) {
      values[c] = 1;
    }
    solver.setHint(x, values);
  }

  /** The outcome of one SCIP run. */
  private static final class Solved {
    int[] sites;
    double objective = Double.NaN;
    double bound = Double.NaN;
    boolean optimal;
    boolean infeasible;
  }

  private static Solved run(MPSolver solver, MPObjective objective, double timeLimitSeconds, JobContext context,
      String message) {
    solver.setTimeLimit(Math.max(1, (long) Math.ceil(timeLimitSeconds * 1000)));
    MPSolverParameters parameters = new MPSolverParameters();
    parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, MipSupport.RELATIVE_GAP);
    MPSolver.ResultStatus status = OrTools.solveCancellably(() -> solver.solve(parameters), solver::interruptSolve,
        context, message, timeLimitSeconds);
    Solved solved = new Solved();
    solved.infeasible = status == MPSolver.ResultStatus.INFEASIBLE;
    if (status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE) {
      MPVariable[] variables = solver.variables();
      solved.sites = IntStream.range(0, variables.length)
          .filter(k -> variables[k].name().startsWith("x") && variables[k].solutionValue() > 0.5)
          .map(k -> Integer.parseInt(variables[k].name().substring(1))).toArray();
      solved.objective = objective.value();
      solved.optimal = status == MPSolver.ResultStatus.OPTIMAL;
      solved.bound = solved.optimal ? objective.value() : objective.bestBound();
    }
    return solved;
  }

  static int[] toProblem(CoverageInstance instance, int[] local) {
    return java.util.Arrays.stream(local).map(c -> instance.candidateOriginal[c]).toArray();
  }
}
