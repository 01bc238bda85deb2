package org.carecircle.coverage.isochrone;

import java.util.List;

/**
 * The coverage model evaluated by brute force, for tests: the nearest road point of a place is
 * found by trying every segment of every usable edge. Works in the test builder's metres.
 */
final class ModelOracle {
  private final double[][] xs;
  private final double[][] ys;
  private final double[][] fractions;
  private final double[] secondsAtA;
  private final double[] secondsAtB;
  private final double[] forwardSeconds;
  private final double[] backwardSeconds;
  private final List<double[]> starts; // {edge, fraction, seconds}
  private final double walkMetersPerSecond;
  private final double maxOffRoadMeters;

  /**
   * @param polylines per edge, its points {x, y} in metres; null for edges the mode cannot use
   * @param forwardSeconds per edge, +inf where the mode may not go A to B
   */
  ModelOracle(double[][][] polylines, double[] secondsAtA, double[] secondsAtB,
      double[] forwardSeconds, double[] backwardSeconds, List<double[]> starts,
      double walkMetersPerSecond, double maxOffRoadMeters) {
    int edges = polylines.length;
    xs = new double[edges][];
    ys = new double[edges][];
    fractions = new double[edges][];
    for (int e = 0; e < edges; e++) {
      if (polylines[e] == null) {
        continue;
      }
      int n = polylines[e].length;
      xs[e] = new double[n];
      ys[e] = new double[n];
      fractions[e] = new double[n];
      double length = 0;
      for (int p = 0; p < n; p++) {
        xs[e][p] = polylines[e][p][0];
        ys[e][p] = polylines[e][p][1];
        if (p > 0) {
          length += Math.hypot(xs[e][p] - xs[e][p - 1], ys[e][p] - ys[e][p - 1]);
        }
        fractions[e][p] = length;
      }
      for (int p = 0; p < n; p++) {
        fractions[e][p] /= length;
      }
    }
    this.secondsAtA = secondsAtA;
    this.secondsAtB = secondsAtB;
    this.forwardSeconds = forwardSeconds;
    this.backwardSeconds = backwardSeconds;
    this.starts = starts;
    this.walkMetersPerSecond = walkMetersPerSecond;
    this.maxOffRoadMeters = maxOffRoadMeters;
  }

  /** Travel time at fraction f of edge e. */
  double roadSeconds(int e, double f) {
    double best = Math.min(run(secondsAtA[e], f, forwardSeconds[e]),
        run(secondsAtB[e], 1 - f, backwardSeconds[e]));
    for (double[] start : starts) {
      if ((int) start[0] == e) {
        double f0 = start[1];
        best = Math.min(best, f >= f0
            ? run(start[2], f - f0, forwardSeconds[e])
            : run(start[2], f0 - f, backwardSeconds[e]));
      }
    }
    return best;
  }

  private static double run(double seconds, double fraction, double edgeSeconds) {
    return fraction <= 0 ? seconds : seconds + fraction * edgeSeconds;
  }

  /** The point at fraction f of edge e, {x, y}. */
  double[] pointAt(int e, double f) {
    double[] fr = fractions[e];
    for (int p = 0; p + 1 < fr.length; p++) {
      if (f <= fr[p + 1] || p + 2 == fr.length) {
        double w = fr[p + 1] > fr[p] ? (f - fr[p]) / (fr[p + 1] - fr[p]) : 0;
        return new double[] {xs[e][p] + w * (xs[e][p + 1] - xs[e][p]),
            ys[e][p] + w * (ys[e][p + 1] - ys[e][p])};
      }
    }
    throw new IllegalStateException();
  }

  boolean isRoad(int e) {
    return xs[e] != null;
  }

  /**
   * Distance (m) from place (x, y) to the nearest road point reached within
   * {@code cutoffSeconds}; such points are inside the zone under the model.
   */
  double distanceToReachedRoad(double x, double y, double cutoffSeconds) {
    double best = Double.POSITIVE_INFINITY;
    for (int e = 0; e < xs.length; e++) {
      if (xs[e] == null) {
        continue;
      }
      List<double[]> intervals = new java.util.ArrayList<>();
      if (secondsAtA[e] <= cutoffSeconds) {
        intervals.add(new double[] {0, reach(cutoffSeconds - secondsAtA[e], forwardSeconds[e])});
      }
      if (secondsAtB[e] <= cutoffSeconds) {
        intervals.add(
            new double[] {1 - reach(cutoffSeconds - secondsAtB[e], backwardSeconds[e]), 1});
      }
      for (double[] start : starts) {
        if ((int) start[0] == e && start[2] <= cutoffSeconds) {
          double slack = cutoffSeconds - start[2];
          intervals.add(new double[] {start[1] - reach(slack, backwardSeconds[e]),
              start[1] + reach(slack, forwardSeconds[e])});
        }
      }
      for (double[] interval : intervals) {
        for (int p = 0; p + 1 < xs[e].length; p++) {
          double f0 = fractions[e][p];
          double f1 = fractions[e][p + 1];
          double from = Math.max(f0, interval[0]);
          double to = Math.min(f1, interval[1]);
          if (from > to || f1 <= f0) {
            continue;
          }
          double ax = xs[e][p] + (from - f0) / (f1 - f0) * (xs[e][p + 1] - xs[e][p]);
          double ay = ys[e][p] + (from - f0) / (f1 - f0) * (ys[e][p + 1] - ys[e][p]);
          double bx = xs[e][p] + (to - f0) / (f1 - f0) * (xs[e][p + 1] - xs[e][p]);
          double by = ys[e][p] + (to - f0) / (f1 - f0) * (ys[e][p + 1] - ys[e][p]);
          double dx = bx - ax;
          double dy = by - ay;
          double l2 = dx * dx + dy * dy;
          double w = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
          best = Math.min(best, Math.hypot(ax + w * dx - x, ay + w * dy - y));
        }
      }
    }
    return best;
  }

  private static double reach(double slackSeconds, double edgeSeconds) {
    return edgeSeconds == Double.POSITIVE_INFINITY ? 0 : slackSeconds / edgeSeconds;
  }

  /** Seconds to reach place (x, y) under the model; +inf if it is never covered. */
  double placeSeconds(double x, double y) {
    return nearestRoad(x, y)[4];
  }

  /**
   * The nearest road point of place (x, y): {x, y, distance, road seconds, place seconds}
   * (place seconds +inf beyond the maximum off-road distance).
   */
  double[] nearestRoad(double x, double y) {
    double bestD2 = Double.POSITIVE_INFINITY;
    int bestEdge = -1;
    double bestFraction = 0;
    for (int e = 0; e < xs.length; e++) {
      if (xs[e] == null) {
        continue;
      }
      for (int p = 0; p + 1 < xs[e].length; p++) {
        double ax = xs[e][p];
        double ay = ys[e][p];
        double dx = xs[e][p + 1] - ax;
        double dy = ys[e][p + 1] - ay;
        double l2 = dx * dx + dy * dy;
        double w = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
        double ex = ax + w * dx - x;
        double ey = ay + w * dy - y;
        double d2 = ex * ex + ey * ey;
        if (d2 < bestD2) {
          bestD2 = d2;
          bestEdge = e;
          bestFraction = fractions[e][p] + w * (fractions[e][p + 1] - fractions[e][p]);
        }
      }
    }
    double distance = Math.sqrt(bestD2);
    if (bestEdge < 0) {
      return new double[] {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    double roadSeconds = roadSeconds(bestEdge, bestFraction);
    double[] point = pointAt(bestEdge, bestFraction);
    return new double[] {point[0], point[1], distance, roadSeconds,
        distance > maxOffRoadMeters ? Double.POSITIVE_INFINITY
            : roadSeconds + distance / walkMetersPerSecond};
  }
}
