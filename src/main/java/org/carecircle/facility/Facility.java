package org.carecircle.facility;

import java.util.Map;
import org.locationtech.jts.geom.Point;

/**
 * A health facility in the registry.
 *
 * @param id store key, null before the facility is stored
 * @param name display name, never blank
 * @param typeCode a code of the {@link FacilityTypeCatalogue}
 * @param status planning status
 * @param beds approved beds (编制床位), null when unknown; never negative
 * @param physicians practising physicians (执业(助理)医师), null when unknown
 * @param nurses registered nurses, null when unknown
 * @param ambulances ambulances based here, null when unknown
 * @param address postal address or null
 * @param externalId the identifier in the planner's source list (unique in the registry), or null
 * @param attributes free key/value attributes (JSON-compatible values), never null
 * @param location WGS84 lon/lat point, SRID 4326
 * @param version the stored version: 1 when created, +1 with every change; null before the
 *     facility is stored (and for values that only describe a facility, e.g. from a file)
 */
public record Facility(
    Long id,
    String name,
    String typeCode,
    FacilityStatus status,
    Integer beds,
    Integer physicians,
    Integer nurses,
    Integer ambulances,
    String address,
    String externalId,
    Map<String, Object> attributes,
    Point location,
    Long version) {

  /** A facility without a stored version (not stored yet, or the version does not matter). */
  public Facility(Long id, String name, String typeCode, FacilityStatus status, Integer beds, Integer physicians,
      Integer nurses, Integer ambulances, String address, String externalId, Map<String, Object> attributes,
      Point location) {
    this(id, name, typeCode, status, beds, physicians, nurses, ambulances, address, externalId, attributes, location,
        null);
  }

  public Facility {
    attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
  }

  /** The same facility with the given store key. */
  public Facility withId(Long newId) {
    return new Facility(
        newId, name, typeCode, status, beds, physicians, nurses, ambulances, address, externalId,
        attributes, location, version);
  }

  /** The same facility at the given stored version. */
  public Facility withVersion(Long newVersion) {
    return new Facility(
        id, name, typeCode, status, beds, physicians, nurses, ambulances, address, externalId,
        attributes, location, newVersion);
  }

  public double longitude() {
    return location.getX();
  }

  public double latitude() {
    return location.getY();
  }
}
