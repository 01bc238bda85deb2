package org.carecircle.siting.solver;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.carecircle.job.JobContext;

/**
 * The covering heuristic (MCLP, and LSCP through it): greedy construction, then swap local search
 * with random restarts from perturbed solutions, maximising the covered weight and, with backup,
 * then the weight covered twice (lexicographically: backup never costs primary coverage).
 *
 * <p>IMPLEMENTATION NOTE. Each group keeps its coverage count (fixed sites included). A swap that
 * opens i and closes r changes a group only when exactly one of them covers it: +1 if i does
 * (new coverage when the count was 0, new backup when it was 1), −1 if r does (coverage lost
 * when it was 1, backup lost when it was 2). So, per round,
 * <pre>
 * gain(i) = Σ_{i covers g, count 0} w,       loss(r) = Σ_{r covers g, count 1} w,
 * extra(i, r) = Σ_{both cover g, count 1} w  (r's loss that i makes good)
 * </pre>
 * (and the same one count higher for backup) give every swap's change in O(1); extra is only
 * non-zero for pairs sharing a group covered once or twice, which is sparse.
 */
final class CoverageSwapSearch {
  /** The most perturbation rounds; coverage instances are small after presolve. */
  static final int ROUNDS = 600;
  /** Rounds stop after this many without improvement. */
  static final int STALL_ROUNDS = 150;
  static final int MAX_KICK = 3;
  /** Safety for slow machines and huge instances. */
  static final double TIME_CAP_SECONDS = 2.0;
  private static final long SEED = 20240301L;

  private final CoverageInstance instance;
  private final int m;
  private final double epsilon;
  private final JobContext context;

  private CoverageSwapSearch(CoverageInstance instance, JobContext context) {
    this.instance = instance;
    this.m = instance.candidateCount();
    this.epsilon = 1e-12 * Math.max(1, instance.searchableWeight());
    this.context = context;
  }

  /**
   * The best p sites found (local indices; all of them when p &ge; the candidates kept).
   *
   * @param start sites to start from (local indices), or null for the greedy start
   */
  static int[] solve(CoverageInstance instance, int p, int[] start, JobContext context) {
    if (p >= instance.candidateCount()) {
      int[] all = new int[instance.candidateCount()];
      Arrays.setAll(all, c -> c);
      return all;
    }
    return new CoverageSwapSearch(instance, context).run(p, start);
  }

  /** {covered, covered twice} searchable weight for these sites (the instance's constants excluded). */
  static double[] score(CoverageInstance instance, int[] sites) {
    int[] count = instance.baseCount.clone();
    for (int c : sites) {
      for (int g : instance.covers[c]) {
        count[g]++;
      }
    }
    double covered = 0;
    double twice = 0;
    for (int g = 0; g < count.length; g++) {
      covered += count[g] >= 1 ? instance.groupWeight[g] : 0;
      twice += count[g] >= 2 ? instance.groupWeight[g] : 0;
    }
    return new double[] {covered, twice};
  }

  /** Greedy sites alone, in the order chosen: each time the most new (then backup) weight. */
  static int[] greedy(CoverageInstance instance, int p, JobContext context) {
    int m = instance.candidateCount();
    int[] count = instance.baseCount.clone();
    boolean[] chosen = new boolean[m];
    int[] sites = new int[Math.min(p, m)];
    for (int k = 0; k < sites.length; k++) {
      context.checkCancelled();
      int best = -1;
      double bestPrimary = -1;
      double bestBackup = -1;
      for (int c = 0; c < m; c++) {
        if (chosen[c]) {
          continue;
        }
        double primary = 0;
        double backup = 0;
        for (int g : instance.covers[c]) {
          if (count[g] == 0) {
            primary += instance.groupWeight[g];
          } else if (count[g] == 1) {
            backup += instance.groupWeight[g];
          }
        }
        if (!instance.backup) {
          backup = 0;
        }
        if (primary > bestPrimary || (primary == bestPrimary && backup > bestBackup)) {
          best = c;
          bestPrimary = primary;
          bestBackup = backup;
        }
      }
      chosen[best] = true;
      sites[k] = best;
      for (int g : instance.covers[best]) {
        count[g]++;
      }
    }
    return sites;
  }

  private int[] run(int p, int[] start) {
    long started = System.nanoTime();
    int[] current = localSearch(start != null ? start.clone() : greedy(instance, p, context));
    double[] currentScore = score(instance, current);
    double[] perfect = {instance.searchableWeight(), instance.backup ? instance.searchableWeight() : 0};
    SplittableRandom random = new SplittableRandom(SEED);
    int sinceImprovement = 0;
    for (int round = 0; round < ROUNDS && sinceImprovement < STALL_ROUNDS; round++, sinceImprovement++) {
      if (!better(perfect, currentScore)) {
        break;
      }
      if ((round & 15) == 0) {
        context.checkCancelled();
        if ((System.nanoTime() - started) / 1e9 > TIME_CAP_SECONDS) {
          break;
        }
      }
      int[] trial = localSearch(perturb(current, random));
      double[] trialScore = score(instance, trial);
      if (better(trialScore, currentScore)) {
        current = trial;
        currentScore = trialScore;
        sinceImprovement = 0;
      }
    }
    return current;
  }

  private boolean better(double[] a, double[] b) {
    if (a[0] > b[0] + epsilon) {
      return true;
    }
    return a[0] >= b[0] - epsilon && a[1] > b[1] + epsilon;
  }

  private int[] perturb(int[] sites, SplittableRandom random) {
    int[] trial = sites.clone();
    boolean[] taken = new boolean[m];
    for (int c : trial) {
      taken[c] = true;
    }
    int kicks = Math.min(Math.min(trial.length, m - trial.length), 1 + random.nextInt(MAX_KICK));
    for (int k = 0; k < kicks; k++) {
      int position = random.nextInt(trial.length);
      int in;
      do {
        in = random.nextInt(m);
      } while (taken[in]);
      taken[trial[position]] = false;
      taken[in] = true;
      trial[position] = in;
    }
    return trial;
  }

  /** Best-improvement swaps until none improves; answers the sites. */
  private int[] localSearch(int[] sites) {
    int p = sites.length;
    boolean backup = instance.backup;
    int[] positionOf = new int[m];
    double[] gainP = new double[m];
    double[] gainB = new double[m];
    double[] lossP = new double[p];
    double[] lossB = new double[p];
    double[] extraP = new double[m * p];
    double[] extraB = backup ? new double[m * p] : null;
    int[] count = new int[instance.groupCount()];
    while (true) {
      Arrays.fill(positionOf, -1);
      for (int q = 0; q < p; q++) {
        positionOf[sites[q]] = q;
      }
      System.arraycopy(instance.baseCount, 0, count, 0, count.length);
      for (int c : sites) {
        for (int g : instance.covers[c]) {
          count[g]++;
        }
      }
      Arrays.fill(gainP, 0);
      Arrays.fill(gainB, 0);
      Arrays.fill(lossP, 0);
      Arrays.fill(lossB, 0);
      Arrays.fill(extraP, 0);
      if (backup) {
        Arrays.fill(extraB, 0);
      }
      for (int g = 0; g < count.length; g++) {
        int c = count[g];
        if (c > (backup ? 2 : 1)) {
          continue;
        }
        double w = instance.groupWeight[g];
        int[] by = instance.coveredBy[g];
        for (int i : by) {
          int q = positionOf[i];
          if (q < 0) {
            if (c == 0) {
              gainP[i] += w;
            } else if (c == 1) {
              gainB[i] += w;
            }
          } else if (c == 1) {
            lossP[q] += w;
          } else if (c == 2) {
            lossB[q] += w;
          }
        }
        if (c == 1 || c == 2) {
          for (int r : by) {
            int q = positionOf[r];
            if (q < 0) {
              continue;
            }
            for (int i : by) {
              if (positionOf[i] >= 0) {
                continue;
              }
              if (c == 1) {
                extraP[i * p + q] += w;
                if (backup) {
                  extraB[i * p + q] -= w;
                }
              } else if (backup) {
                extraB[i * p + q] += w;
              }
            }
          }
        }
      }
      double bestP = 0;
      double bestB = 0;
      int bestIn = -1;
      int bestOut = -1;
      for (int i = 0; i < m; i++) {
        if (positionOf[i] >= 0) {
          continue;
        }
        for (int q = 0; q < p; q++) {
          double deltaP = gainP[i] - lossP[q] + extraP[i * p + q];
          double deltaB = backup ? gainB[i] - lossB[q] + extraB[i * p + q] : 0;
          boolean improves = deltaP > epsilon || (deltaP >= -epsilon && deltaB > epsilon);
          if (improves && (bestIn < 0 || deltaP > bestP + epsilon
              || (deltaP >= bestP - epsilon && deltaB > bestB + epsilon))) {
            bestP = deltaP;
            bestB = deltaB;
            bestIn = i;
            bestOut = q;
          }
        }
      }
      if (bestIn < 0) {
        return sites;
      }
      sites[bestOut] = bestIn;
    }
  }
}
