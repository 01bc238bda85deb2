package org.carecircle.siting.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Measures a choice of new sites on the original problem: coverage, costs, marginal gains. */
final class SitingEvaluator {
  private SitingEvaluator() {}

  /** The figures of one choice; NaN where a figure does not apply. */
  record Measures(double coveredWeight, double coveredShare, int uncoveredDemandCount, double backupCoveredWeight,
      double meanCost, double maxCost, List<SiteGain> gains) {}

  /**
   * @param sites new sites as problem candidate indices (fixed sites are open anyway)
   * @return measures with the gains ordered largest first (NaN, "indispensable", before all)
   */
  static Measures measure(SitingProblem problem, SitingModel model, int[] sites) {
    int n = problem.demandCount();
    int m = problem.candidateCount();
    boolean[] open = new boolean[m];
    for (int c = 0; c < m; c++) {
      open[c] = problem.isFixed(c);
    }
    for (int c : sites) {
      open[c] = true;
    }
    int[] openList = java.util.stream.IntStream.range(0, m).filter(c -> open[c]).toArray();
    boolean cutoff = problem.hasCutoff();
    int[] coverCount = new int[n];
    int[] nearest = new int[n];
    double[] d1 = new double[n];
    double[] d2 = new double[n];
    for (int d = 0; d < n; d++) {
      double first = Double.POSITIVE_INFINITY;
      double second = Double.POSITIVE_INFINITY;
      int firstSite = -1;
      for (int c : openList) {
        double cost = problem.cost(c, d);
        if (cutoff && cost <= problem.cutoff()) {
          coverCount[d]++;
        }
        if (cost < first) {
          second = first;
          first = cost;
          firstSite = c;
        } else if (cost < second) {
          second = cost;
        }
      }
      nearest[d] = firstSite;
      d1[d] = first;
      d2[d] = second;
    }
    double total = problem.totalWeight();
    double covered = 0;
    double twice = 0;
    int uncovered = 0;
    double weightedCost = 0;
    double max = 0;
    for (int d = 0; d < n; d++) {
      double w = problem.weight(d);
      covered += coverCount[d] >= 1 ? w : 0;
      twice += coverCount[d] >= 2 ? w : 0;
      uncovered += cutoff && coverCount[d] == 0 ? 1 : 0;
      weightedCost += w * d1[d];
      max = Math.max(max, d1[d]);
    }
    double meanCost = total > 0 && weightedCost < Double.POSITIVE_INFINITY ? weightedCost / total : Double.NaN;
    double maxCost = max < Double.POSITIVE_INFINITY ? max : Double.NaN;

    List<SiteGain> gains = new ArrayList<>();
    for (int s : sites) {
      double gain;
      if (model.covering()) {
        gain = 0;
        for (int d = 0; d < n; d++) {
          if (coverCount[d] == 1 && problem.covers(s, d)) {
            gain += problem.weight(d);
          }
        }
      } else if (model == SitingModel.PMEDIAN) {
        double rise = 0;
        for (int d = 0; d < n; d++) {
          if (nearest[d] == s) {
            rise += problem.weight(d) * (d2[d] - d1[d]);
          }
        }
        gain = rise < Double.POSITIVE_INFINITY ? rise / total : Double.NaN;
      } else {
        double without = 0;
        for (int d = 0; d < n; d++) {
          without = Math.max(without, nearest[d] == s ? d2[d] : d1[d]);
        }
        gain = without < Double.POSITIVE_INFINITY ? without - max : Double.NaN;
      }
      gains.add(new SiteGain(problem.candidateId(s), gain));
    }
    // largest first; NaN (closing it leaves demand unserved) first of all; stable for ties
    gains.sort(Comparator.comparingDouble((SiteGain g) -> Double.isNaN(g.marginalGain())
        ? Double.NEGATIVE_INFINITY : -g.marginalGain()));
    return new Measures(cutoff ? covered : Double.NaN, cutoff && total > 0 ? covered / total : Double.NaN,
        uncovered, cutoff ? twice : Double.NaN, meanCost, maxCost, gains);
  }

  /** Sites in candidate order, so that ties in the gain order keep candidate order. */
  static int[] sorted(int[] sites) {
    int[] copy = sites.clone();
    Arrays.sort(copy);
    return copy;
  }
}
