package org.carecircle.siting.solver;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.carecircle.job.JobContext;

/**
 * The p-median heuristic: greedy construction, then swap local search (fast interchange) with
 * random restarts from perturbed solutions (iterated local search).
 *
 * <p>IMPLEMENTATION NOTE. A swap closes an open site r and opens a closed candidate i. Evaluating
 * every (i, r) pair from scratch costs O(groups) each; instead, as in Resende and Werneck's "fast
 * swap-based local search" (J. Heuristics 2007), every group u keeps its nearest and second
 * nearest open sites φ1(u), φ2(u) at costs d1(u) &le; d2(u), and three sums are kept over u:
 * <pre>
 * gain(i)     = Σ w(u)·max(0, d1(u) − d(u,i))                       opening i alone
 * loss(r)     = Σ_{φ1(u)=r} w(u)·(d2(u) − d1(u))                     closing r alone
 * extra(i, r) = Σ_{φ1(u)=r, d(u,i) &lt; d2(u)} w(u)·(d2(u) − max(d(u,i), d1(u)))
 * </pre>
 * so that the saving of the swap is gain(i) − loss(r) + extra(i, r), read off in O(1). After a
 * swap only the groups whose φ1 or φ2 was r, or for which i is nearer than φ2, change; their old
 * contributions are subtracted and the new ones added, so a local search costs O(affected groups
 * × candidates + candidates × p) per move instead of O(groups × candidates × p). The sums are
 * rebuilt from scratch at the start of each local search, so rounding cannot drift far.
 *
 * <p>Iterated local search: from the best solution so far, swap k random open sites (k = 1..{@link
 * #MAX_KICK}) for random closed ones, search locally, keep the result when it is strictly better.
 * The number of rounds is bounded ({@link #ROUNDS}, fewer after {@link #STALL_ROUNDS} without
 * improvement) and the random generator seeded, so answers repeat exactly; {@link
 * #TIME_CAP_SECONDS} only guards slow machines and huge instances.
 */
final class PMedianSwapSearch {
  /**
   * The swap bookkeeping keeps a candidates × candidates matrix of doubles: 5,000 candidates take
   * 200 MB. Larger problems are refused (the network-based siting should thin its candidates).
   */
  static final int MAX_CANDIDATES = 5000;
  /** The most perturbation rounds (see PMedianBench for the figures on OR-Library pmed1-20). */
  static final int ROUNDS = 1000;
  /**
   * Rounds stop early after this many without improvement. 100 left pmed8, 9, 14 and 20 above
   * their optimum; 200 reached a mean gap of 0.007 % on pmed1-20 with at most 0.7 s per instance.
   */
  static final int STALL_ROUNDS = 200;
  /** The most sites a perturbation swaps at once. */
  static final int MAX_KICK = 3;
  /** Safety: the rounds stop after this long, whatever is left of them. */
  static final double TIME_CAP_SECONDS = 2.0;
  /** A swap must improve the objective by more than this share of it (rounding noise). */
  private static final double RELATIVE_EPSILON = 1e-12;
  private static final long SEED = 20240229L;

  private final CostInstance instance;
  private final int m;
  private final int n;
  private final double[] w;
  private final double[][] d;
  private final boolean[] fixed;
  /** A cost larger than every real one: "no such site". */
  private final double none;
  private final JobContext context;
  /** Per group, candidates by ascending cost, or null (see {@link CostInstance#candidatesByCost}). */
  private final long[][] byCost;

  private final boolean[] open;
  private final int[] phi1;
  private final int[] phi2;
  private final double[] d1;
  private final double[] d2;
  private final double[] gain;
  private final double[] loss;
  private final double[] extra;
  private int[] swappable;

  private PMedianSwapSearch(CostInstance instance, JobContext context) {
    this.instance = instance;
    this.m = instance.candidateCount();
    this.n = instance.groupCount();
    this.w = instance.groupWeight;
    this.d = instance.costByGroup;
    this.fixed = instance.fixed;
    this.none = 2 * instance.maxCost + 1;
    this.context = context;
    this.byCost = instance.candidatesByCost();
    this.open = new boolean[m];
    this.phi1 = new int[n];
    this.phi2 = new int[n];
    this.d1 = new double[n];
    this.d2 = new double[n];
    this.gain = new double[m];
    this.loss = new double[m];
    this.extra = new double[m * m];
  }

  /**
   * The best p new sites found (local candidate indices), fixed sites open throughout.
   *
   * @param start new sites to start from (local indices), or null for the greedy start
   */
  static int[] solve(CostInstance instance, int p, int[] start, JobContext context) {
    return new PMedianSwapSearch(instance, context).run(p, start);
  }

  /** The greedy sites alone (local indices), in the order chosen. */
  static int[] greedy(CostInstance instance, int p) {
    PMedianSwapSearch search = new PMedianSwapSearch(instance, JobContext.NONE);
    return search.greedyStart(p);
  }

  /** Σ w·(cost to the nearest open site) for these new sites plus the fixed ones. */
  static double totalCost(CostInstance instance, int[] sites) {
    double total = 0;
    for (int u = 0; u < instance.groupCount(); u++) {
      double best = Double.POSITIVE_INFINITY;
      double[] row = instance.costByGroup[u];
      for (int c = 0; c < instance.candidateCount(); c++) {
        if (instance.fixed[c]) {
          best = Math.min(best, row[c]);
        }
      }
      for (int c : sites) {
        best = Math.min(best, row[c]);
      }
      total += instance.groupWeight[u] * best;
    }
    return total;
  }

  private int[] run(int p, int[] start) {
    long started = System.nanoTime();
    int[] current = start != null ? start.clone() : greedyStart(p);
    double currentCost = localSearch(current);
    current = openSites();
    if (p == 0 || p == m - instance.fixedCount()) {
      return current;
    }
    double epsilon = RELATIVE_EPSILON * Math.max(1, currentCost);
    SplittableRandom random = new SplittableRandom(SEED);
    int sinceImprovement = 0;
    for (int round = 0; round < ROUNDS && sinceImprovement < STALL_ROUNDS; round++, sinceImprovement++) {
      if ((round & 15) == 0) {
        context.checkCancelled();
        if ((System.nanoTime() - started) / 1e9 > TIME_CAP_SECONDS) {
          break;
        }
      }
      int[] trial = perturb(current, random);
      double trialCost = localSearch(trial);
      if (trialCost < currentCost - epsilon) {
        current = openSites();
        currentCost = trialCost;
        sinceImprovement = 0;
      }
    }
    return current;
  }

  /**
   * Swaps 1..MAX_KICK open sites for closed ones. Half of the kicks are local: around a random
   * group, its nearest open site is exchanged for a closed candidate nearer to that group, which
   * moves a site within its own area; the other half exchange random sites, to leave the area.
   */
  private int[] perturb(int[] sites, SplittableRandom random) {
    int[] trial = sites.clone();
    boolean[] taken = new boolean[m];
    for (int c : trial) {
      taken[c] = true;
    }
    int closed = m - instance.fixedCount() - trial.length;
    int kicks = Math.min(Math.min(trial.length, closed), 1 + random.nextInt(MAX_KICK));
    for (int k = 0; k < kicks; k++) {
      int position = -1;
      int in = -1;
      if (random.nextBoolean()) {
        int u = random.nextInt(n);
        double[] row = d[u];
        for (int q = 0; q < trial.length; q++) {
          if (position < 0 || row[trial[q]] < row[trial[position]]) {
            position = q;
          }
        }
        double limit = row[trial[position]];
        int nearer = 0;
        for (int c = 0; c < m; c++) {
          if (!taken[c] && !fixed[c] && row[c] < limit && random.nextInt(++nearer) == 0) {
            in = c; // reservoir sampling: uniform among the nearer closed candidates
          }
        }
      }
      if (in < 0) {
        position = random.nextInt(trial.length);
        do {
          in = random.nextInt(m);
        } while (taken[in] || fixed[in]);
      }
      taken[trial[position]] = false;
      taken[in] = true;
      trial[position] = in;
    }
    return trial;
  }

  /** Greedy: fixed sites open, then repeatedly the candidate that lowers the total cost most. */
  private int[] greedyStart(int p) {
    double[] nearest = new double[n];
    Arrays.fill(nearest, none);
    for (int c = 0; c < m; c++) {
      if (fixed[c]) {
        for (int u = 0; u < n; u++) {
          nearest[u] = Math.min(nearest[u], d[u][c]);
        }
      }
    }
    boolean[] chosen = new boolean[m];
    int[] sites = new int[p];
    double[] gains = new double[m];
    for (int k = 0; k < p; k++) {
      context.checkCancelled();
      Arrays.fill(gains, 0);
      for (int u = 0; u < n; u++) {
        double[] row = d[u];
        double near = nearest[u];
        double weight = w[u];
        for (int c = 0; c < m; c++) {
          double saving = near - row[c];
          if (saving > 0) {
            gains[c] += weight * saving;
          }
        }
      }
      int best = -1;
      for (int c = 0; c < m; c++) {
        if (!chosen[c] && !fixed[c] && (best < 0 || gains[c] > gains[best])) {
          best = c;
        }
      }
      chosen[best] = true;
      sites[k] = best;
      for (int u = 0; u < n; u++) {
        nearest[u] = Math.min(nearest[u], d[u][best]);
      }
    }
    return sites;
  }

  /** Local search from these new sites; leaves the result open and answers its total cost. */
  private double localSearch(int[] sites) {
    Arrays.fill(open, false);
    for (int c = 0; c < m; c++) {
      open[c] = fixed[c];
    }
    for (int c : sites) {
      open[c] = true;
    }
    swappable = sites.clone();
    Arrays.fill(gain, 0);
    Arrays.fill(loss, 0);
    Arrays.fill(extra, 0);
    double total = 0;
    for (int u = 0; u < n; u++) {
      assignNearestTwo(u);
      contribute(u, 1);
      total += w[u] * d1[u];
    }
    double epsilon = RELATIVE_EPSILON * Math.max(1, total);
    while (true) {
      double bestProfit = epsilon;
      int bestIn = -1;
      int bestOutPosition = -1;
      for (int i = 0; i < m; i++) {
        if (open[i] || fixed[i]) {
          continue;
        }
        double gi = gain[i];
        int row = i * m;
        for (int position = 0; position < swappable.length; position++) {
          int r = swappable[position];
          double profit = gi - loss[r] + extra[row + r];
          if (profit > bestProfit) {
            bestProfit = profit;
            bestIn = i;
            bestOutPosition = position;
          }
        }
      }
      if (bestIn < 0) {
        break;
      }
      swap(bestIn, bestOutPosition);
      total -= bestProfit;
    }
    // the exact total, free of the running sums' rounding
    double exact = 0;
    for (int u = 0; u < n; u++) {
      exact += w[u] * d1[u];
    }
    return exact;
  }

  private void swap(int in, int outPosition) {
    int out = swappable[outPosition];
    boolean[] affected = new boolean[n];
    for (int u = 0; u < n; u++) {
      if (phi1[u] == out || phi2[u] == out || d[u][in] < d2[u]) {
        affected[u] = true;
        contribute(u, -1);
      }
    }
    open[out] = false;
    open[in] = true;
    swappable[outPosition] = in;
    for (int u = 0; u < n; u++) {
      if (affected[u]) {
        if (phi1[u] == out || phi2[u] == out) {
          assignNearestTwo(u);
        } else {
          double cost = d[u][in];
          if (cost < d1[u]) {
            phi2[u] = phi1[u];
            d2[u] = d1[u];
            phi1[u] = in;
            d1[u] = cost;
          } else {
            phi2[u] = in;
            d2[u] = cost;
          }
        }
        contribute(u, 1);
      }
    }
  }

  private void assignNearestTwo(int u) {
    double[] row = d[u];
    int first = -1;
    int second = -1;
    double best = none;
    double next = none;
    if (byCost != null) {
      // the open sites in cost order; (cost, candidate) ranks ties as the plain scan below does
      for (long key : byCost[u]) {
        if (second >= 0 && CostInstance.keyCost(key) > (float) next) {
          break;
        }
        int c = CostInstance.keyCandidate(key);
        if (!open[c]) {
          continue;
        }
        double cost = row[c];
        if (cost < best || (cost == best && c < first)) {
          second = first;
          next = best;
          first = c;
          best = cost;
        } else if (cost < next || (cost == next && c < second)) {
          second = c;
          next = cost;
        }
      }
    } else {
      for (int c = 0; c < m; c++) {
        if (!open[c]) {
          continue;
        }
        double cost = row[c];
        if (cost < best) {
          second = first;
          next = best;
          first = c;
          best = cost;
        } else if (cost < next) {
          second = c;
          next = cost;
        }
      }
    }
    phi1[u] = first;
    phi2[u] = second;
    d1[u] = best;
    d2[u] = next;
  }

  /** Adds (sign 1) or removes (sign −1) group u's share of gain, loss and extra. */
  private void contribute(int u, int sign) {
    double weight = sign * w[u];
    int r = phi1[u];
    double near = d1[u];
    double second = d2[u];
    double[] row = d[u];
    boolean removable = !fixed[r];
    if (removable) {
      loss[r] += weight * (second - near);
    }
    if (byCost != null) {
      // only candidates cheaper than the second-nearest site contribute
      float limit = (float) second;
      for (long key : byCost[u]) {
        if (CostInstance.keyCost(key) > limit) {
          break;
        }
        contributeCandidate(CostInstance.keyCandidate(key), row, weight, r, near, second, removable);
      }
    } else {
      for (int i = 0; i < m; i++) {
        contributeCandidate(i, row, weight, r, near, second, removable);
      }
    }
  }

  private void contributeCandidate(int i, double[] row, double weight, int r, double near, double second,
      boolean removable) {
    double cost = row[i];
    if (cost < second) {
      if (cost < near) {
        gain[i] += weight * (near - cost);
        if (removable) {
          extra[i * m + r] += weight * (second - near);
        }
      } else if (removable) {
        extra[i * m + r] += weight * (second - cost);
      }
    }
  }

  private int[] openSites() {
    return swappable.clone();
  }
}
