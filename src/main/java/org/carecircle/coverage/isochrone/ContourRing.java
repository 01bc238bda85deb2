package org.carecircle.coverage.isochrone;

/**
 * A closed contour ring in lattice units, first point not repeated. Traced with the zone on its
 * left: a positive signed area (counter-clockwise) makes it a shell, a negative one a hole.
 */
final class ContourRing {
  final double[] x;
  final double[] y;
  final int size;
  final double signedArea;

  ContourRing(double[] x, double[] y, int size) {
    this.x = x;
    this.y = y;
    this.size = size;
    double twice = 0;
    for (int k = 0; k < size; k++) {
      int next = k + 1 == size ? 0 : k + 1;
      //-- relative to the first point: lattice coordinates reach thousands, ring extents may be
      //-- a fraction of a cell
      twice += (x[k] - x[0]) * (y[next] - y[0]) - (x[next] - x[0]) * (y[k] - y[0]);
    }
    this.signedArea = twice / 2;
  }

  boolean isShell() {
    return signedArea > 0;
  }
}
