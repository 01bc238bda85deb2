package org.carecircle.siting;

/**
 * A cost problem (p-median, p-center) as the solvers see it after presolve: every candidate (fixed
 * ones included, flagged) and demand groups with identical cost columns merged.
 */
final class CostInstance {
  /** Local candidate → the problem's candidate index: every candidate, in problem order. */
  final int[] candidateOriginal;
  final boolean[] fixed;
  /** [group][local candidate]: rows per group, so that a group's costs are adjacent in memory. */
  final double[][] costByGroup;
  /** p-median: the summed weight; p-center: the number of demand points in the group. */
  final double[] groupWeight;
  final int[][] groupMembers;
  /** The largest cost in the instance. */
  final double maxCost;

  CostInstance(int[] candidateOriginal, boolean[] fixed, double[][] costByGroup, double[] groupWeight,
      int[][] groupMembers) {
    this.candidateOriginal = candidateOriginal;
    this.fixed = fixed;
    this.costByGroup = costByGroup;
    this.groupWeight = groupWeight;
    this.groupMembers = groupMembers;
    double max = 0;
    for (double[] row : costByGroup) {
      for (double cost : row) {
        max = Math.max(max, cost);
      }
    }
    this.maxCost = max;
  }

  int candidateCount() {
    return candidateOriginal.length;
  }

  int groupCount() {
    return groupWeight.length;
  }

  int fixedCount() {
    int count = 0;
    for (boolean f : fixed) {
      count += f ? 1 : 0;
    }
    return count;
  }
}
