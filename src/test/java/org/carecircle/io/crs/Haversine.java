package org.carecircle.io.crs;

/** Great-circle distance for test assertions; accurate to about 0.5 % (spherical Earth). */
final class Haversine {
  /** Mean Earth radius (IUGG), the usual choice for a spherical approximation. */
  private static final double EARTH_RADIUS_METERS = 6_371_008.8;

  private Haversine() {}

  static double distanceMeters(double lon1, double lat1, double lon2, double lat2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double halfDeltaPhi = (phi2 - phi1) / 2;
    double halfDeltaLambda = Math.toRadians(lon2 - lon1) / 2;
    double sinHalfPhi = Math.sin(halfDeltaPhi);
    double sinHalfLambda = Math.sin(halfDeltaLambda);
    double h =
        sinHalfPhi * sinHalfPhi + Math.cos(phi1) * Math.cos(phi2) * sinHalfLambda * sinHalfLambda;
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(h));
  }
}
