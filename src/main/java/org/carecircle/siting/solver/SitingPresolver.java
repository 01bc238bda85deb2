package org.carecircle.siting.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a problem smaller before solving, without changing its optimum, and keeps the way back to
 * the problem's ids.
 *
 * <p>Covering models (MCLP, LSCP):
 * <ul>
 *   <li>points of weight 0 are left out (they change no covered weight);</li>
 *   <li>points that no candidate, fixed or new, covers within the cutoff are left out and reported:
 *       nothing can be done for them;</li>
 *   <li>points already covered by a fixed site count as covered and are left out (with backup:
 *       points covered twice by fixed sites; a point covered once stays, for its backup);</li>
 *   <li>points with the same set of covering candidates (and the same fixed coverage) become one
 *       group with the summed weight;</li>
 *   <li>a candidate whose covered groups are a subset of another candidate's is left out
 *       (dominated): in any answer it can be exchanged for the other, or for anything else when
 *       the other is chosen too, without losing coverage. With backup this is not true (two
 *       identical sites back each other up), so no candidate is left out then.</li>
 * </ul>
 * Cost models (p-median, p-center): points with identical cost columns become one group; p-median
 * leaves out points of weight 0; p-center keeps them (it counts every point).
 */
final class SitingPresolver {
  /** How many uncoverable demand ids the report names. */
  static final int REPORTED_IDS = 20;
  /**
   * Above this many choosable candidates the pairwise dominance check (candidates² × groups / 64
   * word operations) is skipped: 4,000 candidates and 20,000 groups would already be ~5·10⁹.
   */
  static final int DOMINANCE_MAX_CANDIDATES = 4000;

  private SitingPresolver() {}

  /** A presolved instance and what presolve did. */
  record Presolved<I>(I instance, PresolveReport report) {}

  static Presolved<CoverageInstance> coverage(SitingProblem problem, boolean backup) {
    long started = System.nanoTime();
    int n = problem.demandCount();
    int m = problem.candidateCount();
    int cap = backup ? 2 : 1;
    int[] localOf = new int[m];
    int choosable = 0;
    for (int c = 0; c < m; c++) {
      localOf[c] = problem.isFixed(c) ? -1 : choosable++;
    }
    int[] choosableOriginal = new int[choosable];
    for (int c = 0; c < m; c++) {
      if (localOf[c] >= 0) {
        choosableOriginal[localOf[c]] = c;
      }
    }

    // per demand point: its choosable covering candidates and how many fixed sites cover it
    int uncoverable = 0;
    double uncoverableWeight = 0;
    List<String> uncoverableIds = new ArrayList<>();
    int coveredByFixed = 0;
    double coveredByFixedWeight = 0;
    int zeroWeight = 0;
    double constantCovered = 0;
    double constantBackup = 0;
    double coverableWeight = 0;
    Map<GroupKey, Integer> groupOf = new HashMap<>();
    List<GroupKey> groupCandidates = new ArrayList<>();
    List<Integer> groupBase = new ArrayList<>();
    List<double[]> groupWeightBox = new ArrayList<>();
    List<List<Integer>> groupMembers = new ArrayList<>();
    // who covers whom, turned from candidate rows into demand columns (CSR), so that a sparse
    // problem is read in O(pairs) rather than O(candidates × demand points)
    int[] start = new int[n + 1];
    int[] fixedCount = new int[n];
    for (int c = 0; c < m; c++) {
      for (int d : problem.coveredDemands(c)) {
        if (localOf[c] < 0) {
          fixedCount[d]++;
        } else {
          start[d + 1]++;
        }
      }
    }
    for (int d = 0; d < n; d++) {
      start[d + 1] += start[d];
    }
    int[] coveringLocal = new int[start[n]];
    int[] next = Arrays.copyOf(start, n);
    for (int c = 0; c < m; c++) {
      if (localOf[c] >= 0) {
        for (int d : problem.coveredDemands(c)) {
          coveringLocal[next[d]++] = localOf[c]; // ascending: candidates are visited in order
        }
      }
    }
    for (int d = 0; d < n; d++) {
      double weight = problem.weight(d);
      int fixedCovering = fixedCount[d];
      int count = start[d + 1] - start[d];
      if (fixedCovering == 0 && count == 0) {
        uncoverable++;
        uncoverableWeight += weight;
        if (uncoverableIds.size() < REPORTED_IDS) {
          uncoverableIds.add(problem.demandId(d));
        }
        continue;
      }
      coverableWeight += weight;
      if (fixedCovering > 0) {
        coveredByFixed++;
        coveredByFixedWeight += weight;
      }
      if (weight == 0) {
        zeroWeight++;
        continue;
      }
      if (fixedCovering >= cap || count == 0) {
        // nothing chosen can change this point's coverage
        constantCovered += weight;
        constantBackup += fixedCovering >= 2 ? weight : 0;
        continue;
      }
      int base = Math.min(fixedCovering, cap - 1);
      GroupKey key = new GroupKey(coveringLocal, start[d], start[d + 1], base);
      Integer group = groupOf.get(key);
      if (group == null) {
        group = groupCandidates.size();
        groupOf.put(key, group);
        groupCandidates.add(key);
        groupBase.add(base);
        groupWeightBox.add(new double[1]);
        groupMembers.add(new ArrayList<>());
      }
      groupWeightBox.get(group)[0] += weight;
      groupMembers.get(group).add(d);
    }

    int groups = groupCandidates.size();
    // candidate → groups, before dominance
    int[] coverCount = new int[choosable];
    for (GroupKey key : groupCandidates) {
      for (int k = key.from; k < key.to; k++) {
        coverCount[key.data[k]]++;
      }
    }
    int[][] coversAll = new int[choosable][];
    for (int c = 0; c < choosable; c++) {
      coversAll[c] = new int[coverCount[c]];
    }
    int[] fill = new int[choosable];
    for (int g = 0; g < groups; g++) {
      GroupKey key = groupCandidates.get(g);
      for (int k = key.from; k < key.to; k++) {
        int c = key.data[k];
        coversAll[c][fill[c]++] = g;
      }
    }

    boolean dominanceChecked = !backup && choosable <= DOMINANCE_MAX_CANDIDATES;
    boolean[] dominated = dominanceChecked ? dominated(coversAll, groups) : new boolean[choosable];
    int kept = 0;
    int[] newLocal = new int[choosable];
    List<Integer> dropped = new ArrayList<>();
    for (int c = 0; c < choosable; c++) {
      if (dominated[c]) {
        newLocal[c] = -1;
        dropped.add(choosableOriginal[c]);
      } else {
        newLocal[c] = kept++;
      }
    }
    int[] candidateOriginal = new int[kept];
    int[][] covers = new int[kept][];
    for (int c = 0; c < choosable; c++) {
      if (newLocal[c] >= 0) {
        candidateOriginal[newLocal[c]] = choosableOriginal[c];
        covers[newLocal[c]] = coversAll[c];
      }
    }
    int[][] coveredBy = new int[groups][];
    double[] groupWeight = new double[groups];
    int[] baseCount = new int[groups];
    int[][] members = new int[groups][];
    for (int g = 0; g < groups; g++) {
      GroupKey key = groupCandidates.get(g);
      int stays = 0;
      for (int k = key.from; k < key.to; k++) {
        stays += newLocal[key.data[k]] >= 0 ? 1 : 0;
      }
      int[] list = new int[stays];
      int i = 0;
      for (int k = key.from; k < key.to; k++) {
        if (newLocal[key.data[k]] >= 0) {
          list[i++] = newLocal[key.data[k]];
        }
      }
      coveredBy[g] = list;
      groupWeight[g] = groupWeightBox.get(g)[0];
      baseCount[g] = groupBase.get(g);
      members[g] = groupMembers.get(g).stream().mapToInt(Integer::intValue).toArray();
    }
    CoverageInstance instance = new CoverageInstance(candidateOriginal, covers, coveredBy, groupWeight, baseCount,
        members, constantCovered, constantBackup, coverableWeight,
        dropped.stream().mapToInt(Integer::intValue).toArray(), backup);
    PresolveReport report = new PresolveReport(n, groups, uncoverable, uncoverableWeight, List.copyOf(uncoverableIds),
        coveredByFixed, coveredByFixedWeight, zeroWeight, m, m - choosable, dropped.size(), kept, dominanceChecked,
        (System.nanoTime() - started) / 1e9);
    return new Presolved<>(instance, report);
  }

  /**
   * Candidates whose covered groups are a subset of a kept candidate's. Larger sets are visited
   * first (ties: the earlier candidate), so a candidate is only compared with those that could
   * contain it, and of two identical ones the first is kept.
   */
  private static boolean[] dominated(int[][] covers, int groups) {
    int count = covers.length;
    BitSet[] sets = new BitSet[count];
    for (int c = 0; c < count; c++) {
      sets[c] = new BitSet(groups);
      for (int g : covers[c]) {
        sets[c].set(g);
      }
    }
    Integer[] order = new Integer[count];
    for (int c = 0; c < count; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, b) -> covers[a].length != covers[b].length
        ? Integer.compare(covers[b].length, covers[a].length) : Integer.compare(a, b));
    boolean[] dominated = new boolean[count];
    List<Integer> kept = new ArrayList<>();
    BitSet difference = new BitSet(groups);
    for (int a : order) {
      for (int b : kept) {
        difference.clear();
        difference.or(sets[a]);
        difference.andNot(sets[b]);
        if (difference.isEmpty()) {
          dominated[a] = true;
          break;
        }
      }
      if (!dominated[a]) {
        kept.add(a);
      }
    }
    return dominated;
  }

  /**
   * Identity of a group: its choosable covering candidates ({@code data[from..to)}, a range of the
   * demand columns, not a copy) and its fixed coverage.
   */
  private static final class GroupKey {
    final int[] data;
    final int from;
    final int to;
    final int base;
    private final int hash;

    GroupKey(int[] data, int from, int to, int base) {
      this.data = data;
      this.from = from;
      this.to = to;
      this.base = base;
      int h = 1;
      for (int k = from; k < to; k++) {
        h = 31 * h + data[k];
      }
      this.hash = h * 31 + base;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof GroupKey key && key.base == base
          && Arrays.equals(key.data, key.from, key.to, data, from, to);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * The cost instance: points with identical cost columns merged. p-median sums their weights and
   * leaves out points of weight 0; p-center counts points (every point counts).
   */
  static Presolved<CostInstance> cost(SitingProblem problem, SitingModel model) {
    long started = System.nanoTime();
    int n = problem.demandCount();
    int m = problem.candidateCount();
    boolean weighted = model == SitingModel.PMEDIAN;
    Map<ColumnKey, Integer> groupOf = new HashMap<>();
    List<double[]> columns = new ArrayList<>();
    List<double[]> weights = new ArrayList<>();
    List<List<Integer>> members = new ArrayList<>();
    int zeroWeight = 0;
    for (int d = 0; d < n; d++) {
      double weight = problem.weight(d);
      if (weighted && weight == 0) {
        zeroWeight++;
        continue;
      }
      double[] column = new double[m];
      for (int c = 0; c < m; c++) {
        column[c] = problem.cost(c, d);
      }
      ColumnKey key = new ColumnKey(column);
      Integer group = groupOf.get(key);
      if (group == null) {
        group = columns.size();
        groupOf.put(key, group);
        columns.add(column);
        weights.add(new double[1]);
        members.add(new ArrayList<>());
      }
      weights.get(group)[0] += weighted ? weight : 1;
      members.get(group).add(d);
    }
    int groups = columns.size();
    int[] candidateOriginal = new int[m];
    boolean[] fixed = new boolean[m];
    for (int c = 0; c < m; c++) {
      candidateOriginal[c] = c;
      fixed[c] = problem.isFixed(c);
    }
    double[] groupWeight = new double[groups];
    int[][] groupMembers = new int[groups][];
    for (int g = 0; g < groups; g++) {
      groupWeight[g] = weights.get(g)[0];
      groupMembers[g] = members.get(g).stream().mapToInt(Integer::intValue).toArray();
    }
    CostInstance instance = new CostInstance(candidateOriginal, fixed, columns.toArray(new double[0][]),
        groupWeight, groupMembers);
    int fixedCount = problem.fixedCount();
    PresolveReport report = new PresolveReport(n, groups, 0, 0, List.of(), 0, 0, zeroWeight, m, fixedCount, 0,
        m - fixedCount, false, (System.nanoTime() - started) / 1e9);
    return new Presolved<>(instance, report);
  }

  private record ColumnKey(double[] column) {
    @Override
    public boolean equals(Object other) {
      return other instanceof ColumnKey key && Arrays.equals(key.column, column);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(column);
    }
  }
}
