package org.carecircle.siting.solver;

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

  /**
   * Up to this many pairs each group's candidates are kept sorted by cost (8 bytes a pair: 80 MB),
   * so that the p-median's inner loops touch only the few candidates cheaper than a group's
   * current second-nearest site or its multiplier, instead of all of them.
   */
  static final long MAX_SORTED_PAIRS = 10_000_000;

  private long[][] byCost;

  /**
   * Per group, its candidates in ascending cost order, each as {@code (float cost bits << 32) |
   * candidate}, or null above {@link #MAX_SORTED_PAIRS}. Built on first use.
   *
   * <p>Rounding to float is monotone, so every candidate whose cost is below a limit has a key
   * whose float is at most the limit's float: a walk that stops at the first key above the limit's
   * float misses none; callers compare the exact costs of what they walk.
   */
  synchronized long[][] candidatesByCost() {
    int m = candidateCount();
    if (byCost == null && (long) m * groupCount() <= MAX_SORTED_PAIRS) {
      long[][] keys = new long[costByGroup.length][];
      for (int u = 0; u < costByGroup.length; u++) {
        long[] row = new long[m];
        for (int i = 0; i < m; i++) {
          // costs are >= 0, so their float bits order like the floats
          row[i] = ((long) Float.floatToIntBits((float) costByGroup[u][i]) << 32) | i;
        }
        java.util.Arrays.sort(row);
        keys[u] = row;
      }
      byCost = keys;
    }
    return byCost;
  }

  /** The cost float of a {@link #candidatesByCost} key. */
  static float keyCost(long key) {
    return Float.intBitsToFloat((int) (key >>> 32));
  }

  /** The candidate of a {@link #candidatesByCost} key. */
  static int keyCandidate(long key) {
    return (int) key;
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
