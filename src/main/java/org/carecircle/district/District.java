package org.carecircle.district;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * One administrative district.
 *
 * @param id the store's key, or null before it is stored
 * @param name the district's name as the file gives it (e.g. 市南区, Andorra la Vella); not blank
 * @param code its official code (adcode 370202, ISO 3166-2 AD-07...), or null; unique when given
 * @param officialPopulation residents by an official count the planner entered, {@code >= 0}, or
 *     null
 * @param boundary WGS84 longitude/latitude, SRID 4326, valid
 * @param version the stored version: 1 when imported, +1 with every change; null before it is stored
 */
public record District(Long id, String name, String code, Double officialPopulation, MultiPolygon boundary,
    Long version) {
  /** A district not stored yet. */
  public District(Long id, String name, String code, Double officialPopulation, MultiPolygon boundary) {
    this(id, name, code, officialPopulation, boundary, null);
  }

  /** The stored district with its assigned id, at version 1. */
  public District withId(long newId) {
    return new District(newId, name, code, officialPopulation, boundary, 1L);
  }

  /**
   * The district as the change history keeps it: name, code, official population and version;
   * the boundary is left out (it never changes, and a country's outline runs to megabytes).
   */
  public java.util.Map<String, Object> historyState() {
    var state = new java.util.LinkedHashMap<String, Object>();
    state.put("id", id);
    state.put("name", name);
    state.put("code", code);
    state.put("officialPopulation", officialPopulation);
    state.put("version", version);
    return state;
  }
}
