package org.carecircle.siting.solver;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carecircle.job.JobContext;

/**
 * The exact p-median: Lagrangian bound and fixing, then a mixed-integer program solved by SCIP
 * (bundled with OR-Tools) on what is left, warm-started with the heuristic's sites.
 *
 * <p>IMPLEMENTATION NOTE. The textbook assignment formulation has a variable per candidate-demand
 * pair and as many "x ≤ y" rows (160,000 of each on a 400-node instance). This uses the radius
 * formulation instead (Cornuéjols, Nemhauser and Wolsey 1980; Elloumi 2010): for group u with
 * distinct costs D1 &lt; D2 &lt; … &lt; DK, a continuous z(u,k) is 1 when no open site is within
 * Dk, and the cost of u is D1 + Σ (D(k+1) − Dk)·z(u,k). Written as a chain,
 * <pre>
 * z(u,1) + Σ_{d(u,i) = D1} y(i) &ge; 1,    z(u,k) + Σ_{d(u,i) = Dk} y(i) &ge; z(u,k−1),
 * </pre>
 * every y appears once per group, so the matrix has O(n·m) non-zeros (the cumulative form has
 * O(n·m²)), with the same LP bound as the assignment formulation. Each chain ends at the first
 * cost of a fixed site (always open), and at the level where m − p + 1 choosable candidates are
 * within reach (any p open sites include one of them).
 *
 * <p>Even so, SCIP's LP is slow on the small-p OR-Library instances (degenerate, 15,000 rows),
 * so {@link PMedianLagrangian} first closes (or opens) every candidate that cannot (or must) be
 * open in an answer strictly better than the heuristic's, and proves the heuristic optimal
 * outright when its bound meets it; SCIP then only searches the rest. SCIP finding no answer in
 * the reduced program also proves the heuristic optimal.
 */
final class PMedianMip {
  private PMedianMip() {}

  /**
   * @param start the heuristic's new sites (local indices): the upper bound, the hint and the
   *     fallback answer
   * @return sites as problem indices; bound as a weighted mean cost
   */
  static SolverOutcome solve(CostInstance instance, int p, int[] start, double timeLimitSeconds,
      JobContext context) {
    long started = System.nanoTime();
    double totalWeight = Arrays.stream(instance.groupWeight).sum();
    double upper = PMedianSwapSearch.totalCost(instance, start);
    boolean integral = integral(instance);
    double margin = integral ? 1 - 1e-6 : MipSupport.RELATIVE_GAP * Math.max(1, upper);
    context.progress(0, "bounding the p-median");
    PMedianLagrangian.Result lagrangian = PMedianLagrangian.run(instance, p, upper, margin,
        PMedianLagrangian.MAX_ITERATIONS, context);
    double lowerTotal = integral ? Math.ceil(lagrangian.boundTotal() - 1e-6) : lagrangian.boundTotal();
    int[] startProblem = toProblem(instance, start);
    if (lowerTotal >= upper - margin) {
      return new SolverOutcome(startProblem, upper / totalWeight, SitingStatus.OPTIMAL);
    }

    // the reduced instance: closed candidates gone, forced ones fixed
    int m = instance.candidateCount();
    List<Integer> keep = new ArrayList<>();
    for (int c = 0; c < m; c++) {
      if (!lagrangian.closed()[c]) {
        keep.add(c);
      }
    }
    int[] keptLocal = keep.stream().mapToInt(Integer::intValue).toArray();
    boolean[] keptFixed = new boolean[keptLocal.length];
    int[] keptOriginal = new int[keptLocal.length];
    double[][] keptCosts = new double[instance.groupCount()][keptLocal.length];
    for (int k = 0; k < keptLocal.length; k++) {
      int c = keptLocal[k];
      keptFixed[k] = instance.fixed[c] || lagrangian.opened()[c];
      keptOriginal[k] = instance.candidateOriginal[c];
      for (int u = 0; u < instance.groupCount(); u++) {
        keptCosts[u][k] = instance.costByGroup[u][c];
      }
    }
    CostInstance reduced = new CostInstance(keptOriginal, keptFixed, keptCosts, instance.groupWeight,
        instance.groupMembers);
    int reducedP = p - lagrangian.openedCount();
    int[] forced = java.util.stream.IntStream.range(0, m).filter(c -> lagrangian.opened()[c])
        .map(c -> instance.candidateOriginal[c]).toArray();
    int reducedChoosable = keptLocal.length - reduced.fixedCount();
    int[] hint = reducedHint(instance, start, keptLocal, keptFixed);

    double remaining = timeLimitSeconds - (System.nanoTime() - started) / 1e9;
    if (reducedP == reducedChoosable || remaining <= 0) {
      int[] all = java.util.stream.IntStream.range(0, keptLocal.length).filter(k -> !keptFixed[k]).toArray();
      if (reducedP == reducedChoosable && PMedianSwapSearch.totalCost(reduced, all) < upper) {
        return new SolverOutcome(opened(reduced, all, forced), lowerTotal / totalWeight, SitingStatus.OPTIMAL);
      }
      return new SolverOutcome(startProblem, (reducedP == reducedChoosable ? upper : lowerTotal) / totalWeight,
          reducedP == reducedChoosable ? SitingStatus.OPTIMAL : SitingStatus.TIME_LIMIT);
    }
    Mip mip = Mip.solve(reduced, reducedP, hint, remaining, context);
    if (mip.status == MPSolver.ResultStatus.INFEASIBLE) {
      return new SolverOutcome(startProblem, upper / totalWeight, SitingStatus.OPTIMAL);
    }
    if (mip.sites != null && PMedianSwapSearch.totalCost(reduced, mip.sites) < upper) {
      double bound = Math.max(lowerTotal, mip.bound);
      return new SolverOutcome(opened(reduced, mip.sites, forced), bound / totalWeight,
          mip.status == MPSolver.ResultStatus.OPTIMAL ? SitingStatus.OPTIMAL : SitingStatus.TIME_LIMIT);
    }
    if (mip.status == MPSolver.ResultStatus.OPTIMAL) {
      return new SolverOutcome(startProblem, upper / totalWeight, SitingStatus.OPTIMAL);
    }
    double bound = Double.isNaN(mip.bound) ? lowerTotal : Math.min(upper, Math.max(lowerTotal, mip.bound));
    return new SolverOutcome(startProblem, bound / totalWeight,
        bound >= upper - margin ? SitingStatus.OPTIMAL : SitingStatus.TIME_LIMIT);
  }

  /** Problem indices of the new sites: those the fixings opened and those chosen in the reduced instance. */
  private static int[] opened(CostInstance reduced, int[] chosenLocal, int[] forcedProblem) {
    int[] sites = Arrays.copyOf(forcedProblem, forcedProblem.length + chosenLocal.length);
    for (int k = 0; k < chosenLocal.length; k++) {
      sites[forcedProblem.length + k] = reduced.candidateOriginal[chosenLocal[k]];
    }
    return sites;
  }

  /** The heuristic's sites in the reduced instance, or null when the fixings exclude them. */
  private static int[] reducedHint(CostInstance instance, int[] start, int[] keptLocal, boolean[] keptFixed) {
    int[] position = new int[instance.candidateCount()];
    Arrays.fill(position, -1);
    for (int k = 0; k < keptLocal.length; k++) {
      position[keptLocal[k]] = k;
    }
    List<Integer> hint = new ArrayList<>();
    for (int c : start) {
      if (position[c] < 0) {
        return null;
      }
      if (!keptFixed[position[c]]) {
        hint.add(position[c]);
      }
    }
    return hint.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean integral(CostInstance instance) {
    for (double weight : instance.groupWeight) {
      if (weight != Math.rint(weight)) {
        return false;
      }
    }
    for (double[] row : instance.costByGroup) {
      for (double cost : row) {
        if (cost != Math.rint(cost)) {
          return false;
        }
      }
    }
    return true;
  }

  static int[] toProblem(CostInstance instance, int[] local) {
    return Arrays.stream(local).map(c -> instance.candidateOriginal[c]).toArray();
  }

  /** One SCIP run of the radius formulation. */
  private static final class Mip {
    MPSolver.ResultStatus status;
    /** Chosen local candidates (not fixed), or null without an answer. */
    int[] sites;
    double bound = Double.NaN;

    static Mip solve(CostInstance instance, int p, int[] hint, double timeLimitSeconds, JobContext context) {
      OrTools.load();
      MPSolver solver = MPSolver.createSolver("SCIP");
      if (solver == null) {
        throw new IllegalStateException("OR-Tools was built without SCIP");
      }
      try {
        int m = instance.candidateCount();
        int choosable = m - instance.fixedCount();
        boolean[] hinted = new boolean[m];
        if (hint != null) {
          for (int c : hint) {
            hinted[c] = true;
          }
        }
        List<MPVariable> hintVariables = new ArrayList<>();
        List<Double> hintValues = new ArrayList<>();
        MPVariable[] y = new MPVariable[m];
        MPConstraint count = solver.makeConstraint(p, p, "p");
        for (int c = 0; c < m; c++) {
          if (!instance.fixed[c]) {
            y[c] = solver.makeBoolVar("y" + c);
            count.setCoefficient(y[c], 1);
            hintVariables.add(y[c]);
            hintValues.add(hinted[c] ? 1.0 : 0.0);
          }
        }
        MPObjective objective = solver.objective();
        double constant = 0;
        Integer[] order = new Integer[m];
        for (int u = 0; u < instance.groupCount(); u++) {
          double[] row = instance.costByGroup[u];
          double weight = instance.groupWeight[u];
          for (int c = 0; c < m; c++) {
            order[c] = c;
          }
          Arrays.sort(order, (a, b) -> Double.compare(row[a], row[b]));
          int reach = choosable - p + 1;
          int within = 0;
          MPVariable previous = null;
          boolean coveredInHint = false;
          int position = 0;
          constant += weight * row[order[0]];
          while (position < m) {
            double level = row[order[position]];
            List<Integer> atLevel = new ArrayList<>();
            boolean fixedAtLevel = false;
            while (position < m && row[order[position]] == level) {
              int c = order[position++];
              if (instance.fixed[c]) {
                fixedAtLevel = true;
              } else {
                atLevel.add(c);
                coveredInHint |= hinted[c];
              }
            }
            within += atLevel.size();
            if (fixedAtLevel || within >= reach || position >= m) {
              break;
            }
            double nextLevel = row[order[position]];
            MPVariable z = solver.makeNumVar(0, 1, "");
            objective.setCoefficient(z, weight * (nextLevel - level));
            MPConstraint chain = solver.makeConstraint(previous == null ? 1 : 0, Double.POSITIVE_INFINITY);
            chain.setCoefficient(z, 1);
            for (int c : atLevel) {
              chain.setCoefficient(y[c], 1);
            }
            if (previous != null) {
              chain.setCoefficient(previous, -1);
            }
            previous = z;
            hintVariables.add(z);
            hintValues.add(coveredInHint ? 0.0 : 1.0);
          }
        }
        objective.setOffset(constant);
        objective.setMinimization();
        if (hint != null) {
          // a complete hint (y and z): SCIP ignores partial ones with many unknown values
          solver.setHint(hintVariables.toArray(new MPVariable[0]),
              hintValues.stream().mapToDouble(Double::doubleValue).toArray());
        }
        solver.setTimeLimit(Math.max(1, (long) Math.ceil(timeLimitSeconds * 1000)));
        MPSolverParameters parameters = new MPSolverParameters();
        parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, MipSupport.RELATIVE_GAP);
        Mip result = new Mip();
        result.status = OrTools.solveCancellably(() -> solver.solve(parameters), solver::interruptSolve,
            context, "solving the p-median exactly", timeLimitSeconds);
        if (result.status == MPSolver.ResultStatus.OPTIMAL || result.status == MPSolver.ResultStatus.FEASIBLE) {
          result.sites = java.util.stream.IntStream.range(0, m)
              .filter(c -> y[c] != null && y[c].solutionValue() > 0.5).toArray();
          result.bound = result.status == MPSolver.ResultStatus.OPTIMAL ? objective.value() : objective.bestBound();
        }
        return result;
      } finally {
        solver.delete();
      }
    }
  }
}
