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
 */
public record District(Long id, String name, String code, Double officialPopulation, MultiPolygon boundary) {
  public District withId(long newId) {
    return new District(newId, name, code, officialPopulation, boundary);
  }
}
