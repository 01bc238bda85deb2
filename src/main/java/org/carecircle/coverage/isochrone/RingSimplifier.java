package org.carecircle.coverage.isochrone;

import java.util.Arrays;

/**
 * Douglas-Peucker simplification of a closed {@link ContourRing}: drops points while every
 * dropped point stays within {@code toleranceCells} of the chord that replaces it. Every point of
 * the new ring is then within the tolerance of the old one and the other way round, which is what
 * {@link ContourTracer}'s clearance argument needs. Rings that would keep fewer than four points
 * are returned unchanged.
 */
final class RingSimplifier {
  private RingSimplifier() {}

  static ContourRing simplify(ContourRing ring, double toleranceCells) {
    int n = ring.size;
    if (n < 8) {
      return ring;
    }
    double[] x = ring.x;
    double[] y = ring.y;
    //-- anchors: the first point and the point farthest from it split the ring into two chains
    int far = 0;
    double farthest = -1;
    for (int k = 1; k < n; k++) {
      double d2 = (x[k] - x[0]) * (x[k] - x[0]) + (y[k] - y[0]) * (y[k] - y[0]);
      if (d2 > farthest) {
        farthest = d2;
        far = k;
      }
    }
    boolean[] keep = new boolean[n];
    keep[0] = true;
    keep[far] = true;
    double tolerance2 = toleranceCells * toleranceCells;
    int[] stack = new int[64];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = far;
    stack[top++] = far;
    stack[top++] = n;
    while (top > 0) {
      int last = stack[--top];
      int first = stack[--top];
      if (last - first < 2) {
        continue;
      }
      int lastIndex = last == n ? 0 : last;
      double ax = x[first];
      double ay = y[first];
      double dx = x[lastIndex] - ax;
      double dy = y[lastIndex] - ay;
      double length2 = dx * dx + dy * dy;
      int worst = -1;
      double worstD2 = tolerance2;
      for (int k = first + 1; k < last; k++) {
        double d2 = segmentDistanceSquared(x[k] - ax, y[k] - ay, dx, dy, length2);
        if (d2 > worstD2) {
          worstD2 = d2;
          worst = k;
        }
      }
      if (worst >= 0) {
        keep[worst] = true;
        if (top + 4 > stack.length) {
          stack = Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top++] = first;
        stack[top++] = worst;
        stack[top++] = worst;
        stack[top++] = last;
      }
    }
    int kept = 0;
    for (boolean k : keep) {
      if (k) {
        kept++;
      }
    }
    if (kept < 4) {
      return ring;
    }
    double[] nx = new double[kept];
    double[] ny = new double[kept];
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (keep[k]) {
        nx[m] = x[k];
        ny[m] = y[k];
        m++;
      }
    }
    return new ContourRing(nx, ny, kept);
  }

  /** Squared distance from point p (relative to the segment's start) to segment (0,0)-(dx,dy). */
  private static double segmentDistanceSquared(double px, double py, double dx, double dy,
      double length2) {
    double w = length2 > 0 ? (px * dx + py * dy) / length2 : 0;
    w = w < 0 ? 0 : (w > 1 ? 1 : w);
    double ex = px - w * dx;
    double ey = py - w * dy;
    return ex * ex + ey * ey;
  }
}
