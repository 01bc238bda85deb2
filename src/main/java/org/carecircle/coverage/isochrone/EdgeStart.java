package org.carecircle.coverage.isochrone;

/**
 * A search that starts in the middle of a road edge rather than at a junction: the start point
 * lies at {@code fraction} of the edge's length from its node A, and travel from there begins
 * with {@code initialSeconds} already spent (for example the walk from the facility's door to
 * the road). Travel from the start point follows the edge in whichever directions the mode
 * allows, at the edge's own speed.
 *
 * @param edge a {@link org.carecircle.network.RoadNetwork} edge the mode may use
 * @param fraction in [0, 1], by length from node A along the edge's geometry
 * @param initialSeconds finite, &ge; 0
 */
public record EdgeStart(int edge, double fraction, double initialSeconds) {
  public EdgeStart {
    if (edge < 0) {
      throw new IllegalArgumentException("edge must be >= 0, was " + edge);
    }
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], was " + fraction);
    }
    if (!(initialSeconds >= 0) || Double.isInfinite(initialSeconds)) {
      throw new IllegalArgumentException(
          "initialSeconds must be finite and >= 0, was " + initialSeconds);
    }
  }
}
