package org.carecircle.coverage.isochrone;

import java.util.Arrays;
import java.util.List;

/**
 * Travel time at every point of an edge, for one search result: the minimum over the edge's two
 * ends, and over partial starts on the edge, of (time there + time to run to the point along the
 * edge in a direction the mode allows, proportionally to length). Fractions are by length from
 * node A. A mutable cursor: {@link #load} one edge, then ask; one instance per thread.
 *
 * <p>Every term is linear in the fraction on its own interval, so between the points where
 * terms meet ({@link #breakpoints}) the time is linear ({@link #linearPart}).
 */
final class EdgeTravelTime {
  private final ModeEdges modeEdges;
  private final NodeSeconds arrivalSeconds;
  /** Partial starts sorted by edge; the starts of one edge are a run found by binary search. */
  private final int[] startEdges;
  private final double[] startFraction;
  private final double[] startSeconds;

  private int firstStart;
  private int endStart;
  private double secondsAtA;
  private double secondsAtB;
  private double forwardSeconds;
  private double backwardSeconds;

  /**
   * The loaded edge's finite terms as lines seconds = intercept + slope &times; fraction, each
   * valid on [lineFrom, lineTo]; lineCount is -1 until {@link #lines} collects them.
   */
  private int lineCount;
  private double[] lineIntercept = new double[4];
  private double[] lineSlope = new double[4];
  private double[] lineFrom = new double[4];
  private double[] lineTo = new double[4];

  EdgeTravelTime(ModeEdges modeEdges, float[] arrivalSeconds, List<EdgeStart> starts) {
    this(modeEdges, node -> arrivalSeconds[node], starts);
  }

  EdgeTravelTime(ModeEdges modeEdges, NodeSeconds arrivalSeconds, List<EdgeStart> starts) {
    this.modeEdges = modeEdges;
    this.arrivalSeconds = arrivalSeconds;
    EdgeStart[] sorted = starts.toArray(new EdgeStart[0]);
    Arrays.sort(sorted, (a, b) -> Integer.compare(a.edge(), b.edge()));
    startEdges = new int[sorted.length];
    startFraction = new double[sorted.length];
    startSeconds = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      startEdges[i] = sorted[i].edge();
      startFraction[i] = sorted[i].fraction();
      startSeconds[i] = sorted[i].initialSeconds();
    }
  }

  void load(int edge) {
    secondsAtA = arrivalSeconds.at(modeEdges.network.edgeNodeA[edge]);
    secondsAtB = arrivalSeconds.at(modeEdges.network.edgeNodeB[edge]);
    forwardSeconds = modeEdges.forwardSeconds[edge];
    backwardSeconds = modeEdges.backwardSeconds[edge];
    findStarts(edge);
  }

  /**
   * {@link #load} for entry k of {@link ModeEdges#usableEdges}, from the copies kept in that
   * order (faster where edges come in that order).
   */
  void loadUsable(int k) {
    secondsAtA = arrivalSeconds.at(modeEdges.usableNodeA[k]);
    secondsAtB = arrivalSeconds.at(modeEdges.usableNodeB[k]);
    forwardSeconds = modeEdges.usableForwardSeconds[k];
    backwardSeconds = modeEdges.usableBackwardSeconds[k];
    findStarts(modeEdges.usableEdges[k]);
  }

  private void findStarts(int edge) {
    firstStart = 0;
    endStart = 0;
    int lo = startEdges.length == 0 ? -1 : Arrays.binarySearch(startEdges, edge);
    if (lo >= 0) {
      while (lo > 0 && startEdges[lo - 1] == edge) {
        lo--;
      }
      int hi = lo;
      while (hi < startEdges.length && startEdges[hi] == edge) {
        hi++;
      }
      firstStart = lo;
      endStart = hi;
    }
    lineCount = -1;
  }

  /**
   * The least time of any point of the loaded edge: that of an end or of a partial start, as
   * running along the edge only adds time; +inf if unreached.
   */
  double leastSeconds() {
    double least = Math.min(secondsAtA, secondsAtB);
    for (int s = firstStart; s < endStart; s++) {
      least = Math.min(least, startSeconds[s]);
    }
    return least;
  }

  /** Whether any point of the loaded edge has a finite time. */
  boolean anyFinite() {
    return secondsAtA < Double.POSITIVE_INFINITY || secondsAtB < Double.POSITIVE_INFINITY
        || endStart > firstStart;
  }

  /** Seconds at {@code fraction} of the loaded edge; +inf if unreached. */
  double secondsAt(double fraction) {
    double best = Math.min(
        run(secondsAtA, fraction, forwardSeconds), run(secondsAtB, 1 - fraction, backwardSeconds));
    for (int s = firstStart; s < endStart; s++) {
      double f0 = startFraction[s];
      best = Math.min(best, fraction >= f0
          ? run(startSeconds[s], fraction - f0, forwardSeconds)
          : run(startSeconds[s], f0 - fraction, backwardSeconds));
    }
    return best;
  }

  /**
   * The fractions of the loaded edge reachable within {@code cutoffSeconds}, as intervals
   * {@code [out[2k], out[2k+1]]}; returns the number of intervals (they may overlap).
   * {@code out} must hold 4 + 4 &times; (starts on this edge) values.
   */
  int reachableIntervals(double cutoffSeconds, double[] out) {
    int n = 0;
    if (secondsAtA <= cutoffSeconds) {
      out[n++] = 0;
      out[n++] = reach(cutoffSeconds - secondsAtA, forwardSeconds);
    }
    if (secondsAtB <= cutoffSeconds) {
      out[n++] = 1 - reach(cutoffSeconds - secondsAtB, backwardSeconds);
      out[n++] = 1;
    }
    for (int s = firstStart; s < endStart; s++) {
      if (startSeconds[s] <= cutoffSeconds) {
        double slack = cutoffSeconds - startSeconds[s];
        out[n++] = Math.max(0, startFraction[s] - reach(slack, backwardSeconds));
        out[n++] = Math.min(1, startFraction[s] + reach(slack, forwardSeconds));
      }
    }
    return n / 2;
  }

  /**
   * The fractions in (0, 1) where the loaded edge's time may switch from one linear term to
   * another (pairwise meeting points of the terms, and the partial starts), ascending, into
   * {@code out} (at least {@link #maxBreakpoints} long); returns how many. Between two
   * consecutive breakpoints the time is linear in the fraction.
   */
  int breakpoints(double[] out) {
    int terms = lines();
    int n = 0;
    for (int i = 0; i < terms; i++) {
      for (int j = i + 1; j < terms; j++) {
        double slopeDifference = lineSlope[i] - lineSlope[j];
        if (slopeDifference != 0) {
          double f = (lineIntercept[j] - lineIntercept[i]) / slopeDifference;
          if (f > 0 && f < 1) {
            out[n++] = f;
          }
        }
      }
    }
    for (int s = firstStart; s < endStart; s++) {
      if (startFraction[s] > 0 && startFraction[s] < 1) {
        out[n++] = startFraction[s];
      }
    }
    Arrays.sort(out, 0, n);
    return n;
  }

  int maxBreakpoints() {
    int terms = 2 + 2 * (endStart - firstStart);
    return terms * (terms - 1) / 2 + (endStart - firstStart);
  }

  /**
   * For the part [from, to] of the loaded edge, which lies between two consecutive
   * {@link #breakpoints}: the seconds at its ends of the linear term that rules its interior,
   * into out[0], out[1] (+inf if no term reaches the interior). Unlike {@link #secondsAt} this
   * ignores the edge's end nodes and start points as isolated points: at a node that the mode
   * may not leave along this edge, the node is reached earlier than the edge next to it.
   */
  void linearPart(double from, double to, double[] out) {
    int terms = lines();
    double middle = (from + to) / 2;
    double best = Double.POSITIVE_INFINITY;
    int rule = -1;
    for (int i = 0; i < terms; i++) {
      if (middle < lineFrom[i] || middle > lineTo[i]) {
        continue;
      }
      double seconds = lineIntercept[i] + lineSlope[i] * middle;
      if (seconds < best) {
        best = seconds;
        rule = i;
      }
    }
    if (rule < 0) {
      out[0] = Double.POSITIVE_INFINITY;
      out[1] = Double.POSITIVE_INFINITY;
      return;
    }
    out[0] = lineIntercept[rule] + lineSlope[rule] * from;
    out[1] = lineIntercept[rule] + lineSlope[rule] * to;
  }

  private int lines() {
    if (lineCount < 0) {
      lineCount = collectLines();
    }
    return lineCount;
  }

  /** Collects the loaded edge's lines; returns how many. */
  private int collectLines() {
    int needed = 2 + 2 * (endStart - firstStart);
    if (lineIntercept.length < needed) {
      lineIntercept = new double[needed];
      lineSlope = new double[needed];
      lineFrom = new double[needed];
      lineTo = new double[needed];
    }
    int n = 0;
    if (secondsAtA < Double.POSITIVE_INFINITY && forwardSeconds < Double.POSITIVE_INFINITY) {
      n = line(n, secondsAtA, forwardSeconds, 0, 1);
    }
    if (secondsAtB < Double.POSITIVE_INFINITY && backwardSeconds < Double.POSITIVE_INFINITY) {
      n = line(n, secondsAtB + backwardSeconds, -backwardSeconds, 0, 1);
    }
    for (int s = firstStart; s < endStart; s++) {
      double f0 = startFraction[s];
      if (forwardSeconds < Double.POSITIVE_INFINITY) {
        n = line(n, startSeconds[s] - f0 * forwardSeconds, forwardSeconds, f0, 1);
      }
      if (backwardSeconds < Double.POSITIVE_INFINITY) {
        n = line(n, startSeconds[s] + f0 * backwardSeconds, -backwardSeconds, 0, f0);
      }
    }
    return n;
  }

  private int line(int n, double intercept, double slope, double from, double to) {
    lineIntercept[n] = intercept;
    lineSlope[n] = slope;
    lineFrom[n] = from;
    lineTo[n] = to;
    return n + 1;
  }

  int startsOnLoadedEdge() {
    return endStart - firstStart;
  }

  /** Time after running {@code fraction} of an edge that takes {@code edgeSeconds} in full. */
  private static double run(double startSeconds, double fraction, double edgeSeconds) {
    //-- the end point itself is reached even where the mode may not leave it along this edge
    //-- (0 * inf would be NaN)
    return fraction <= 0 ? startSeconds : startSeconds + fraction * edgeSeconds;
  }

  /** Fraction of an edge of {@code edgeSeconds} covered in {@code slackSeconds}, at most 1. */
  private static double reach(double slackSeconds, double edgeSeconds) {
    return edgeSeconds == Double.POSITIVE_INFINITY ? 0 : Math.min(1, slackSeconds / edgeSeconds);
  }
}
