package org.carecircle.siting.solver;

/**
 * A covering problem as the solvers see it after presolve: demand groups with weights, the
 * choosable candidates and who covers whom. Indices are local; {@link #candidateOriginal} and
 * {@link #groupMembers} lead back to the problem.
 */
final class CoverageInstance {
  /** Local candidate → the problem's candidate index. Only choosable (not fixed) candidates. */
  final int[] candidateOriginal;
  /** Local candidate → the groups it covers, ascending. */
  final int[][] covers;
  /** Group → the local candidates covering it, ascending. */
  final int[][] coveredBy;
  final double[] groupWeight;
  /**
   * Group → how many fixed sites already cover it, capped below the level that makes the group
   * constant: always 0 without backup; 0 or 1 with backup.
   */
  final int[] baseCount;
  /** Group → the problem's demand indices in it (null where nobody needs them, e.g. p-center probes). */
  final int[][] groupMembers;
  /** Weight covered by fixed sites whatever is chosen (left out of the groups). */
  final double constantCovered;
  /** Weight covered at least twice by fixed sites whatever is chosen (backup only). */
  final double constantBackup;
  /** Weight that some candidate, fixed or new, covers: the most any answer can cover. */
  final double coverableWeight;
  /** Choosable candidates left out by dominance, in problem order: padding when p exceeds the kept ones. */
  final int[] droppedCandidates;
  final boolean backup;

  CoverageInstance(int[] candidateOriginal, int[][] covers, int[][] coveredBy, double[] groupWeight, int[] baseCount,
      int[][] groupMembers, double constantCovered, double constantBackup, double coverableWeight,
      int[] droppedCandidates, boolean backup) {
    this.candidateOriginal = candidateOriginal;
    this.covers = covers;
    this.coveredBy = coveredBy;
    this.groupWeight = groupWeight;
    this.baseCount = baseCount;
    this.groupMembers = groupMembers;
    this.constantCovered = constantCovered;
    this.constantBackup = constantBackup;
    this.coverableWeight = coverableWeight;
    this.droppedCandidates = droppedCandidates;
    this.backup = backup;
  }

  int candidateCount() {
    return candidateOriginal.length;
  }

  int groupCount() {
    return groupWeight.length;
  }

  /** The weight still open to the search: every group's weight. */
  double searchableWeight() {
    double sum = 0;
    for (double w : groupWeight) {
      sum += w;
    }
    return sum;
  }
}
