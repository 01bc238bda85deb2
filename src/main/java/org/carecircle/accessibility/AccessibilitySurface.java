package org.carecircle.accessibility;

/**
 * Every cell of a result as parallel arrays, for a canvas layer: far smaller and faster to draw
 * than GeoJSON features for 100,000+ cells. {@code minutes[i]} is null when cell {@code i} cannot
 * reach a road or lies beyond the result's largest threshold.
 */
public record AccessibilitySurface(double[] lon, double[] lat, Float[] minutes, double[] population) {
  static AccessibilitySurface of(AccessibilityCells cells) {
    Float[] minutes = new Float[cells.size()];
    for (int i = 0; i < minutes.length; i++) {
      float m = cells.minutes()[i];
      minutes[i] = Float.isFinite(m) ? m : null;
    }
    return new AccessibilitySurface(cells.lon(), cells.lat(), minutes, cells.population());
  }
}
