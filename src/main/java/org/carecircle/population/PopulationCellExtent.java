package org.carecircle.population;

/**
 * A population cell without its geometry: its count, its location and the envelope of its polygon,
 * all WGS84 degrees (x = longitude). What an analysis needs to place most cells; the polygon itself
 * is read only for the cells whose envelope straddles a border ({@link
 * PopulationRepository#cellPolygons}).
 *
 * @param id the store's key
 * @param population residents, finite and {@code >= 0}
 * @param lon longitude of the cell's location
 * @param lat latitude of the cell's location
 * @param minLon west edge of the polygon's envelope; the location's when the cell has no polygon
 * @param minLat south edge, likewise
 * @param maxLon east edge, likewise
 * @param maxLat north edge, likewise
 */
public record PopulationCellExtent(long id, double population, double lon, double lat, double minLon, double minLat,
    double maxLon, double maxLat) {

  /**
   * Whether the cell is a point for areal weighting: it has no polygon, or its polygon's envelope
   * is a single point. A cell whose envelope has area may still have a polygon of zero area
   * (degenerate); the polygon decides then.
   */
  public boolean isPoint() {
    return minLon == maxLon && minLat == maxLat;
  }
}
