package org.carecircle.population;

import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.locationtech.jts.geom.Envelope;

/** Reads a {@code bbox=minLon,minLat,maxLon,maxLat} query parameter (WGS84 degrees). */
final class BoundingBoxParameter {
  private static final String FORMAT =
      "expected bbox=minLon,minLat,maxLon,maxLat in degrees (WGS84), e.g. 6.9,50.4,7.2,50.6";

  private BoundingBoxParameter() {}

  /**
   * @return the box, or null when {@code text} is null or blank (= everything)
   * @throws InputRejectedException on field {@code bbox} when the text is not such a box
   */
  static Envelope parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw problem(FORMAT);
    }
    double[] corner = new double[4];
    for (int i = 0; i < corner.length; i++) {
      try {
        corner[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw problem("'" + parts[i].trim() + "' is not a number; " + FORMAT);
      }
    }
    boolean inRange = Math.abs(corner[0]) <= 180 && Math.abs(corner[2]) <= 180
        && Math.abs(corner[1]) <= 90 && Math.abs(corner[3]) <= 90;
    if (!inRange) {
      throw problem("longitudes must lie in [-180, 180] and latitudes in [-90, 90]; " + FORMAT);
    }
    if (corner[0] > corner[2] || corner[1] > corner[3]) {
      throw problem("the west or south edge lies beyond the east or north edge; " + FORMAT);
    }
    return new Envelope(corner[0], corner[2], corner[1], corner[3]);
  }

  private static InputRejectedException problem(String message) {
    return new InputRejectedException(InputProblem.ofField("bbox", message));
  }
}
