package org.carecircle.coverage.isochrone;

/**
 * How {@link IsochroneBuilder} treats the land beside the roads, and its resolution.
 *
 * @param offRoadSpeedMetersPerSecond walking speed from a place to its nearest road, &gt; 0
 *     (1.25 m/s = 4.5 km/h is a common planning value)
 * @param maxOffRoadMeters places farther than this from their nearest road are never covered,
 *     &gt; 0; a value under two cells is drawn coarsely (the roads themselves are up to one cell
 *     wide in the raster)
 * @param cellMeters raster cell size in metres, or 0 to choose it from the zone's extent
 *     ({@link IsochroneBuilder#autoCellMeters})
 */
public record IsochroneOptions(
    double offRoadSpeedMetersPerSecond, double maxOffRoadMeters, double cellMeters) {

  /** Automatic cell size. */
  public static final double AUTO_CELL = 0;

  public IsochroneOptions {
    if (!(offRoadSpeedMetersPerSecond > 0) || Double.isInfinite(offRoadSpeedMetersPerSecond)) {
      throw new IllegalArgumentException(
          "off-road speed must be a finite number > 0 m/s, was " + offRoadSpeedMetersPerSecond);
    }
    if (!(maxOffRoadMeters > 0) || Double.isInfinite(maxOffRoadMeters)) {
      throw new IllegalArgumentException(
          "maximum off-road distance must be a finite number > 0 m, was " + maxOffRoadMeters);
    }
    if (!(cellMeters >= 0) || Double.isInfinite(cellMeters)) {
      throw new IllegalArgumentException(
          "cell size must be 0 (automatic) or a finite number > 0 m, was " + cellMeters);
    }
  }

  /** Automatic cell size. */
  public static IsochroneOptions offRoad(
      double offRoadSpeedMetersPerSecond, double maxOffRoadMeters) {
    return new IsochroneOptions(offRoadSpeedMetersPerSecond, maxOffRoadMeters, AUTO_CELL);
  }

  public IsochroneOptions withCellMeters(double cellMeters) {
    return new IsochroneOptions(offRoadSpeedMetersPerSecond, maxOffRoadMeters, cellMeters);
  }
}
