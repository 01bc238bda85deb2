package org.carecircle.facility;

import java.util.LinkedHashMap;
import java.util.Map;
import org.carecircle.io.geojson.Feature;

/**
 * The GeoJSON shape of a facility in the API: the properties the page and exports rely on. The
 * change history stores facilities in this shape too, and restores them from it.
 */
final class FacilityGeoJson {
  private FacilityGeoJson() {}

  static Feature toFeature(Facility facility) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", facility.id());
    properties.put("name", facility.name());
    properties.put("type", facility.typeCode());
    properties.put("status", facility.status().code());
    properties.put("beds", facility.beds());
    properties.put("physicians", facility.physicians());
    properties.put("nurses", facility.nurses());
    properties.put("ambulances", facility.ambulances());
    properties.put("address", facility.address());
    properties.put("externalId", facility.externalId());
    properties.put("attributes", facility.attributes());
    properties.put("version", facility.version());
    return new Feature(facility.id(), facility.location(), properties);
  }
}
