package org.carecircle.siting.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carecircle.job.JobContext;

/**
 * p-center as a sequence of covering questions over the sorted distinct costs: "can p new sites
 * (with the fixed ones) bring every demand point within radius D?" The answer is monotone in D,
 * so a binary search between a lower bound and a feasible radius finds the smallest D.
 *
 * <p>IMPLEMENTATION NOTE. This is usually much faster than the minimax MIP (min W, W &ge; Σ d·x),
 * whose LP bound is weak: each question is a set-covering problem, small after removing the
 * points the fixed sites already reach. The heuristic answers each question with greedy set cover
 * and, failing that, the covering swap search ({@link CoverageSwapSearch}); the exact solver with
 * an exact set cover ({@link CoverageMip#lscp}), so its answer is the proven optimum. The lower
 * bound to start from: every point needs some site, so D &ge; max over points of the cost to its
 * nearest candidate.
 */
final class PCenterSearch {
  private PCenterSearch() {}

  /** The heuristic: new sites (problem indices), padded to p; status feasible. */
  static SolverOutcome heuristic(CostInstance instance, int p, JobContext context) {
    double[] radii = radii(instance);
    int lo = Arrays.binarySearch(radii, lowerBound(instance));
    int hi = radii.length - 1;
    int[] best = null;
    while (lo <= hi) {
      context.checkCancelled();
      int mid = (lo + hi) >>> 1;
      int[] sites = heuristicCover(instance, radii[mid], p, context);
      if (sites != null) {
        best = sites;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    if (best == null) {
      // every point is within the largest cost of any site: p arbitrary sites answer
      best = heuristicCover(instance, radii[radii.length - 1], p, context);
    }
    int[] padded = pad(instance, best, p);
    return new SolverOutcome(PMedianMip.toProblem(instance, padded), lowerBound(instance), SitingStatus.FEASIBLE);
  }

  /**
   * The exact answer: binary search with exact set covers between the lower bound and the
   * heuristic's radius.
   *
   * @param start the heuristic's new sites (local indices)
   */
  static SolverOutcome exact(CostInstance instance, int p, int[] start, double timeLimitSeconds,
      JobContext context) {
    long started = System.nanoTime();
    double upper = maxCost(instance, start);
    double[] radii = radii(instance);
    int lo = Arrays.binarySearch(radii, lowerBound(instance));
    int hi = Arrays.binarySearch(radii, upper);
    int[] best = start;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      double remaining = timeLimitSeconds - (System.nanoTime() - started) / 1e9;
      if (remaining <= 0) {
        break;
      }
      context.progress(0, "p-center: can " + p + " sites reach every point within " + radii[mid] + "?");
      CoverageInstance cover = atRadius(instance, radii[mid]);
      if (cover == null) {
        lo = mid + 1;
        continue;
      }
      if (cover.groupCount() == 0) {
        best = pad(instance, new int[0], p);
        hi = mid;
        continue;
      }
      int[] hint = CoverageSwapSearch.greedy(cover, cover.candidateCount(), context);
      hint = Arrays.copyOf(hint, coveringPrefix(cover, hint));
      SolverOutcome answer = CoverageMip.lscp(cover, 0, true, hint, remaining, context);
      if (answer.sites() != null && answer.sites().length <= p) {
        best = pad(instance, local(instance, answer.sites()), p);
        hi = mid;
      } else if (answer.status() == SitingStatus.OPTIMAL || answer.status() == SitingStatus.INFEASIBLE) {
        lo = mid + 1;
      } else {
        break; // out of time on this question
      }
    }
    SitingStatus status = lo >= hi ? SitingStatus.OPTIMAL : SitingStatus.TIME_LIMIT;
    return new SolverOutcome(PMedianMip.toProblem(instance, best), radii[Math.min(lo, radii.length - 1)], status);
  }

  /** Sorted distinct costs: the only radii at which the answer can change. */
  private static double[] radii(CostInstance instance) {
    double[] all = new double[instance.groupCount() * instance.candidateCount()];
    int k = 0;
    for (double[] row : instance.costByGroup) {
      for (double cost : row) {
        all[k++] = cost;
      }
    }
    return Arrays.stream(all).sorted().distinct().toArray();
  }

  /** No answer beats the worst point's nearest candidate. */
  static double lowerBound(CostInstance instance) {
    double bound = 0;
    for (double[] row : instance.costByGroup) {
      double nearest = Double.POSITIVE_INFINITY;
      for (double cost : row) {
        nearest = Math.min(nearest, cost);
      }
      bound = Math.max(bound, nearest);
    }
    return bound;
  }

  /** The largest cost of any group to its nearest open site (fixed ones included). */
  static double maxCost(CostInstance instance, int[] sites) {
    double max = 0;
    for (double[] row : instance.costByGroup) {
      double nearest = Double.POSITIVE_INFINITY;
      for (int c = 0; c < row.length; c++) {
        if (instance.fixed[c]) {
          nearest = Math.min(nearest, row[c]);
        }
      }
      for (int c : sites) {
        nearest = Math.min(nearest, row[c]);
      }
      max = Math.max(max, nearest);
    }
    return max;
  }

  /** Sites (local) covering every group within the radius, at most p of them, or null. */
  private static int[] heuristicCover(CostInstance instance, double radius, int p, JobContext context) {
    CoverageInstance cover = atRadius(instance, radius);
    if (cover == null) {
      return null;
    }
    if (cover.groupCount() == 0) {
      return new int[0];
    }
    int[] greedy = CoverageSwapSearch.greedy(cover, cover.candidateCount(), context);
    int needed = coveringPrefix(cover, greedy);
    if (needed <= p) {
      return local(instance, CoverageMip.toProblem(cover, Arrays.copyOf(greedy, needed)));
    }
    int[] swapped = CoverageSwapSearch.solve(cover, p, Arrays.copyOf(greedy, p), context);
    if (CoverageSwapSearch.score(cover, swapped)[0] >= cover.searchableWeight()) {
      return local(instance, CoverageMip.toProblem(cover, swapped));
    }
    return null;
  }

  /** How many of the greedy sites it takes to cover every group. */
  private static int coveringPrefix(CoverageInstance cover, int[] greedy) {
    for (int k = 0; k <= greedy.length; k++) {
      if (CoverageSwapSearch.score(cover, Arrays.copyOf(greedy, k))[0] >= cover.searchableWeight()) {
        return k;
      }
    }
    return greedy.length;
  }

  /**
   * The covering question at a radius: groups the fixed sites do not reach, choosable candidates
   * covering them; null when some group is beyond every candidate.
   */
  private static CoverageInstance atRadius(CostInstance instance, double radius) {
    int m = instance.candidateCount();
    List<Integer> choosable = new ArrayList<>();
    for (int c = 0; c < m; c++) {
      if (!instance.fixed[c]) {
        choosable.add(c);
      }
    }
    int[] choosableLocal = choosable.stream().mapToInt(Integer::intValue).toArray();
    List<int[]> coveredBy = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (int u = 0; u < instance.groupCount(); u++) {
      double[] row = instance.costByGroup[u];
      boolean byFixed = false;
      List<Integer> by = new ArrayList<>();
      for (int k = 0; k < choosableLocal.length; k++) {
        if (row[choosableLocal[k]] <= radius) {
          by.add(k);
        }
      }
      for (int c = 0; c < m && !byFixed; c++) {
        byFixed = instance.fixed[c] && row[c] <= radius;
      }
      if (byFixed) {
        continue;
      }
      if (by.isEmpty()) {
        return null;
      }
      coveredBy.add(by.stream().mapToInt(Integer::intValue).toArray());
      weights.add(instance.groupWeight[u]);
    }
    int groups = coveredBy.size();
    int[] counts = new int[choosableLocal.length];
    for (int[] by : coveredBy) {
      for (int k : by) {
        counts[k]++;
      }
    }
    int[][] covers = new int[choosableLocal.length][];
    for (int k = 0; k < covers.length; k++) {
      covers[k] = new int[counts[k]];
    }
    int[] fill = new int[choosableLocal.length];
    for (int g = 0; g < groups; g++) {
      for (int k : coveredBy.get(g)) {
        covers[k][fill[k]++] = g;
      }
    }
    int[] original = Arrays.stream(choosableLocal).map(c -> instance.candidateOriginal[c]).toArray();
    double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
    return new CoverageInstance(original, covers, coveredBy.toArray(new int[0][]),
        weights.stream().mapToDouble(Double::doubleValue).toArray(), new int[groups], null, 0, 0, sum,
        new int[0], false);
  }

  /** Problem indices back to the cost instance's local indices. */
  private static int[] local(CostInstance instance, int[] problemIndices) {
    int[] position = new int[Arrays.stream(instance.candidateOriginal).max().orElse(0) + 1];
    for (int c = 0; c < instance.candidateCount(); c++) {
      position[instance.candidateOriginal[c]] = c;
    }
    return Arrays.stream(problemIndices).map(c -> position[c]).toArray();
  }

  /**
   * Adds sites until there are p: each time the one that lowers the largest cost most, then the
   * summed cost (more sites never raise the largest cost).
   */
  static int[] pad(CostInstance instance, int[] sites, int p) {
    List<Integer> chosen = new ArrayList<>();
    boolean[] taken = instance.fixed.clone();
    for (int c : sites) {
      chosen.add(c);
      taken[c] = true;
    }
    int n = instance.groupCount();
    double[] nearest = new double[n];
    for (int u = 0; u < n; u++) {
      double[] row = instance.costByGroup[u];
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < row.length; c++) {
        if (taken[c] && (instance.fixed[c] || chosen.contains(c))) {
          best = Math.min(best, row[c]);
        }
      }
      nearest[u] = best;
    }
    while (chosen.size() < p) {
      int bestSite = -1;
      double bestMax = Double.POSITIVE_INFINITY;
      double bestSum = Double.POSITIVE_INFINITY;
      for (int c = 0; c < instance.candidateCount(); c++) {
        if (taken[c]) {
          continue;
        }
        double max = 0;
        double sum = 0;
        for (int u = 0; u < n; u++) {
          double cost = Math.min(nearest[u], instance.costByGroup[u][c]);
          max = Math.max(max, cost);
          sum += cost == Double.POSITIVE_INFINITY ? 0 : cost;
        }
        if (max < bestMax || (max == bestMax && sum < bestSum)) {
          bestSite = c;
          bestMax = max;
          bestSum = sum;
        }
      }
      taken[bestSite] = true;
      chosen.add(bestSite);
      for (int u = 0; u < n; u++) {
        nearest[u] = Math.min(nearest[u], instance.costByGroup[u][bestSite]);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }
}
