package org.carecircle.siting.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/**
 * A siting instance: demand points with weights, candidate sites (some already open), and the
 * cost from every candidate to every demand point. Immutable once built; the model, p and solver
 * are chosen per run ({@link SitingOptions}), so one problem can be asked several questions.
 *
 * <p>Contract:
 * <ul>
 *   <li>Ids are non-blank and unique among the demand points and among the candidates (a demand
 *       point and a candidate may share an id, e.g. the nodes of a network instance).</li>
 *   <li>Weights are finite and &ge; 0 (people, or any additive measure).</li>
 *   <li>Costs are in one unit of the caller's choice (metres, seconds) and &ge; 0;
 *       {@link Double#POSITIVE_INFINITY} means missing or unreachable. The covering models treat it
 *       as "not within the cutoff"; p-median and p-center refuse a problem with any infinite cost
 *       ({@link SitingOptions#validate}).</li>
 *   <li>The cutoff, in the costs' unit, is needed by the covering models only; a cost equal to the
 *       cutoff is within it.</li>
 *   <li>Fixed candidates are already open: they are never chosen nor removed, but they serve
 *       demand in every model.</li>
 * </ul>
 * Costs are held either as a full matrix or, for the covering models at city scale, sparse: per
 * candidate only the pairs it reaches ({@link Builder#sparseCosts}); every pair not listed is
 * missing. Both answer every accessor alike; {@link #coveredDemands} is the fast way through a
 * sparse problem.
 * The builder checks all of this and throws {@link InputRejectedException} listing every problem;
 * rows in those problems are 1-based positions in the arrays given to the builder.
 */
public final class SitingProblem {
  private final String[] demandIds;
  private final double[] demandWeights;
  private final String[] candidateIds;
  private final boolean[] fixed;
  /** [candidate][demand]; +inf = missing or unreachable. Null when the costs are sparse. */
  private final double[][] costs;
  /** Sparse: [candidate] → the demand indices with a finite cost, ascending; null when dense. */
  private final int[][] sparseDemands;
  /** Sparse: [candidate] → the costs of {@link #sparseDemands}, same order (float: half the memory). */
  private final float[][] sparseCosts;
  private final double cutoff;
  private final double totalWeight;

  private SitingProblem(Builder builder) {
    this.demandIds = builder.demandIds;
    this.demandWeights = builder.demandWeights;
    this.candidateIds = builder.candidateIds;
    this.fixed = builder.fixed;
    this.costs = builder.costs;
    this.sparseDemands = builder.sparseDemands;
    this.sparseCosts = builder.sparseCosts;
    this.cutoff = builder.cutoff;
    double total = 0;
    for (double weight : demandWeights) {
      total += weight;
    }
    this.totalWeight = total;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int demandCount() {
    return demandIds.length;
  }

  public int candidateCount() {
    return candidateIds.length;
  }

  public String demandId(int demand) {
    return demandIds[demand];
  }

  public double weight(int demand) {
    return demandWeights[demand];
  }

  /** The sum of all demand weights. */
  public double totalWeight() {
    return totalWeight;
  }

  public String candidateId(int candidate) {
    return candidateIds[candidate];
  }

  /** True when the candidate is already open. */
  public boolean isFixed(int candidate) {
    return fixed[candidate];
  }

  public int fixedCount() {
    int count = 0;
    for (boolean f : fixed) {
      count += f ? 1 : 0;
    }
    return count;
  }

  /** Candidates that may be opened: not fixed. */
  public int openableCount() {
    return candidateIds.length - fixedCount();
  }

  /** The cost from a candidate to a demand point, in the problem's unit; +inf when missing. */
  public double cost(int candidate, int demand) {
    if (costs != null) {
      return costs[candidate][demand];
    }
    int k = Arrays.binarySearch(sparseDemands[candidate], demand);
    return k >= 0 ? sparseCosts[candidate][k] : Double.POSITIVE_INFINITY;
  }

  /** True when the costs are held sparse (only finite pairs). */
  public boolean isSparse() {
    return costs == null;
  }

  /**
   * The demand points the candidate covers (cost within the cutoff), ascending. Needs a cutoff.
   * O(its pairs) on a sparse problem, O(demand points) on a full matrix.
   */
  public int[] coveredDemands(int candidate) {
    if (costs != null) {
      double[] row = costs[candidate];
      int count = 0;
      for (double cost : row) {
        count += cost <= cutoff ? 1 : 0;
      }
      int[] covered = new int[count];
      int k = 0;
      for (int d = 0; d < row.length; d++) {
        if (row[d] <= cutoff) {
          covered[k++] = d;
        }
      }
      return covered;
    }
    int[] demands = sparseDemands[candidate];
    float[] pairCosts = sparseCosts[candidate];
    int count = 0;
    for (float cost : pairCosts) {
      count += cost <= cutoff ? 1 : 0;
    }
    if (count == demands.length) {
      return demands.clone();
    }
    int[] covered = new int[count];
    int k = 0;
    for (int i = 0; i < demands.length; i++) {
      if (pairCosts[i] <= cutoff) {
        covered[k++] = demands[i];
      }
    }
    return covered;
  }

  /** How many candidate-demand pairs have a finite cost. */
  public long finitePairCount() {
    long finite = 0;
    if (costs == null) {
      for (float[] row : sparseCosts) {
        for (float cost : row) {
          finite += cost < Double.POSITIVE_INFINITY ? 1 : 0;
        }
      }
      return finite;
    }
    for (double[] row : costs) {
      for (double cost : row) {
        finite += cost < Double.POSITIVE_INFINITY ? 1 : 0;
      }
    }
    return finite;
  }

  /** The cutoff of the covering models, in the costs' unit, or NaN when none was given. */
  public double cutoff() {
    return cutoff;
  }

  public boolean hasCutoff() {
    return !Double.isNaN(cutoff);
  }

  /** True when the candidate's cost to the demand point is within the cutoff (needs a cutoff). */
  public boolean covers(int candidate, int demand) {
    return cost(candidate, demand) <= cutoff;
  }

  /** The number of candidate-demand pairs whose cost is missing (infinite). */
  public long missingPairCount() {
    return (long) candidateIds.length * demandIds.length - finitePairCount();
  }

  /** The first {@code limit} missing pairs as "candidate → demand", in candidate then demand order. */
  public List<String> firstMissingPairs(int limit) {
    List<String> pairs = new ArrayList<>();
    for (int c = 0; c < candidateIds.length && pairs.size() < limit; c++) {
      for (int d = 0; d < demandIds.length && pairs.size() < limit; d++) {
        if (cost(c, d) == Double.POSITIVE_INFINITY) {
          pairs.add(candidateIds[c] + " → " + demandIds[d]);
        }
      }
    }
    return pairs;
  }

  /**
   * Builds a problem from arrays. Arrays are copied, except the cost matrix given to
   * {@link #costs(double[][])}, which the problem takes over (it can be large): do not change it
   * afterwards.
   */
  public static final class Builder {
    private String[] demandIds;
    private double[] demandWeights;
    private String[] candidateIds;
    private boolean[] fixed;
    private double[][] costs;
    private int[][] sparseDemands;
    private float[][] sparseCosts;
    private double cutoff = Double.NaN;

    private Builder() {}

    /** Demand points and their weights, same length. */
    public Builder demand(String[] ids, double[] weights) {
      this.demandIds = ids.clone();
      this.demandWeights = weights.clone();
      return this;
    }

    /** Candidates; {@code fixed[i]} says whether candidate i is already open. */
    public Builder candidates(String[] ids, boolean[] fixed) {
      this.candidateIds = ids.clone();
      this.fixed = fixed.clone();
      return this;
    }

    /** Candidates, none of them open yet. */
    public Builder candidates(String... ids) {
      return candidates(ids, new boolean[ids.length]);
    }

    /**
     * The full matrix, [candidate][demand], in one unit; +inf for missing pairs. Call after
     * {@link #demand} and {@link #candidates}; taken over, not copied.
     */
    public Builder costs(double[][] candidateByDemand) {
      this.costs = candidateByDemand;
      return this;
    }

    /**
     * Sparse costs: for each candidate the demand indices it has a cost to (strictly ascending)
     * and those costs, same lengths; every pair not listed is missing (+inf). Replaces a full
     * matrix; taken over, not copied. Call after {@link #demand} and {@link #candidates}. Costs
     * are floats (7 digits): a caller whose costs must stay within the cutoff rounds them down to
     * it.
     */
    public Builder sparseCosts(int[][] demandsByCandidate, float[][] costsByCandidate) {
      this.costs = null;
      this.sparseDemands = demandsByCandidate;
      this.sparseCosts = costsByCandidate;
      return this;
    }

    /**
     * One cost; pairs never set stay missing (+inf). Call after {@link #demand} and
     * {@link #candidates}.
     */
    public Builder cost(int candidate, int demand, double cost) {
      if (costs == null) {
        if (candidateIds == null || demandIds == null) {
          throw new IllegalStateException("set the demand and the candidates before the costs");
        }
        costs = new double[candidateIds.length][demandIds.length];
        for (double[] row : costs) {
          Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
      }
      costs[candidate][demand] = cost;
      return this;
    }

    /** The cutoff of the covering models, in the costs' unit (NaN = none). */
    public Builder cutoff(double cutoff) {
      this.cutoff = cutoff;
      return this;
    }

    /**
     * Checks everything and builds.
     *
     * @throws InputRejectedException listing every problem found
     */
    public SitingProblem build() {
      List<InputProblem> problems = new ArrayList<>();
      if (demandIds == null || demandIds.length == 0) {
        problems.add(InputProblem.ofField("demand", "there are no demand points"));
      } else if (demandWeights.length != demandIds.length) {
        throw new IllegalArgumentException("demand ids and weights differ in length");
      }
      if (candidateIds == null || candidateIds.length == 0) {
        problems.add(InputProblem.ofField("candidates", "there are no candidate sites"));
      } else if (fixed.length != candidateIds.length) {
        throw new IllegalArgumentException("candidate ids and fixed flags differ in length");
      }
      if (!problems.isEmpty()) {
        throw new InputRejectedException(problems);
      }
      checkIds(demandIds, "demand", problems);
      checkIds(candidateIds, "candidates", problems);
      for (int d = 0; d < demandWeights.length; d++) {
        double weight = demandWeights[d];
        if (!(weight >= 0) || Double.isInfinite(weight)) {
          problems.add(InputProblem.ofRow(d + 1, "demand.weight", "demand point '" + demandIds[d] + "' has weight "
              + weight + "; weights must be finite numbers >= 0"));
        }
      }
      if (sparseDemands != null) {
        checkSparse(problems);
        if (!problems.isEmpty()) {
          throw new InputRejectedException(problems);
        }
        return new SitingProblem(this);
      }
      if (costs == null) {
        cost(0, 0, Double.POSITIVE_INFINITY);
      }
      if (costs.length != candidateIds.length) {
        throw new IllegalArgumentException("the cost matrix has " + costs.length + " rows for "
            + candidateIds.length + " candidates");
      }
      int badCosts = 0;
      for (int c = 0; c < costs.length; c++) {
        if (costs[c].length != demandIds.length) {
          throw new IllegalArgumentException("cost row " + c + " has " + costs[c].length + " columns for "
              + demandIds.length + " demand points");
        }
        for (int d = 0; d < costs[c].length; d++) {
          double cost = costs[c][d];
          if (!(cost >= 0)) {
            if (badCosts++ < MAX_REPORTED) {
              problems.add(InputProblem.ofField("costs", "the cost from candidate '" + candidateIds[c]
                  + "' to demand point '" + demandIds[d] + "' is " + cost + "; costs must be >= 0"));
            }
          }
        }
      }
      if (badCosts > MAX_REPORTED) {
        problems.add(InputProblem.ofField("costs", (badCosts - MAX_REPORTED) + " more costs are negative or not"
            + " numbers"));
      }
      if (!Double.isNaN(cutoff) && !(cutoff >= 0 && cutoff < Double.POSITIVE_INFINITY)) {
        problems.add(InputProblem.ofField("cutoff", "the cutoff " + cutoff + " must be a finite number >= 0"));
      }
      if (!problems.isEmpty()) {
        throw new InputRejectedException(problems);
      }
      return new SitingProblem(this);
    }

    private void checkSparse(List<InputProblem> problems) {
      if (sparseDemands.length != candidateIds.length || sparseCosts.length != candidateIds.length) {
        throw new IllegalArgumentException("the sparse costs have " + sparseDemands.length + " rows for "
            + candidateIds.length + " candidates");
      }
      int badCosts = 0;
      for (int c = 0; c < sparseDemands.length; c++) {
        int[] demands = sparseDemands[c];
        if (demands.length != sparseCosts[c].length) {
          throw new IllegalArgumentException("sparse row " + c + " has " + demands.length + " demand points and "
              + sparseCosts[c].length + " costs");
        }
        for (int k = 0; k < demands.length; k++) {
          if (demands[k] < 0 || demands[k] >= demandIds.length || (k > 0 && demands[k] <= demands[k - 1])) {
            throw new IllegalArgumentException("sparse row " + c + " is not strictly ascending demand indices");
          }
          double cost = sparseCosts[c][k];
          if (!(cost >= 0) && badCosts++ < MAX_REPORTED) {
            problems.add(InputProblem.ofField("costs", "the cost from candidate '" + candidateIds[c]
                + "' to demand point '" + demandIds[demands[k]] + "' is " + cost + "; costs must be >= 0"));
          }
        }
      }
      if (badCosts > MAX_REPORTED) {
        problems.add(InputProblem.ofField("costs", (badCosts - MAX_REPORTED) + " more costs are negative or not"
            + " numbers"));
      }
      if (!Double.isNaN(cutoff) && !(cutoff >= 0 && cutoff < Double.POSITIVE_INFINITY)) {
        problems.add(InputProblem.ofField("cutoff", "the cutoff " + cutoff + " must be a finite number >= 0"));
      }
    }

    private static void checkIds(String[] ids, String what, List<InputProblem> problems) {
      Map<String, Integer> firstRow = new HashMap<>();
      for (int i = 0; i < ids.length; i++) {
        String id = ids[i];
        if (id == null || id.isBlank()) {
          problems.add(InputProblem.ofRow(i + 1, what + ".id", "the id is missing"));
          continue;
        }
        Integer earlier = firstRow.putIfAbsent(id, i + 1);
        if (earlier != null) {
          problems.add(InputProblem.ofRow(i + 1, what + ".id", "the id '" + id + "' is also used in row "
              + earlier + "; ids must be unique"));
        }
      }
    }
  }

  /** How many bad costs are named one by one before the rest are counted. */
  static final int MAX_REPORTED = 10;
}
