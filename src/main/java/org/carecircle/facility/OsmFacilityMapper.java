package org.carecircle.facility;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.carecircle.io.SourceFeature;

/**
 * Turns an OSM element's tags into facility properties: the catalogue's {@code osmTags} choose the
 * type, {@code addr:*} make the address, {@code beds} the beds; every tag is kept as an attribute.
 *
 * <p>OSM health features often have no name (a pharmacy mapped as a bare point); rather than
 * rejecting the whole file for that, the name falls back to {@code name:zh}, {@code name:en}, the
 * operator, and finally to the type and OSM id, so that the planner sees it and can rename it.
 */
final class OsmFacilityMapper {
  private final FacilityTypeCatalogue catalogue;

  OsmFacilityMapper(FacilityTypeCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** True when the tags describe a health facility the catalogue has a type for. */
  boolean isHealthFacility(Map<String, String> tags) {
    return catalogue.forOsmTags(tags).isPresent();
  }

  /** Properties ready for {@link FacilityFeatureMapper}, or empty when no type matches. */
  Optional<SourceFeature> toFacilityFeature(SourceFeature element) {
    Map<String, String> tags = new LinkedHashMap<>();
    element.properties().forEach((k, v) -> {
      if (!k.equals("osm_type") && !k.equals("osm_id")) {
        tags.put(k, String.valueOf(v));
      }
    });
    Optional<FacilityType> type = catalogue.forOsmTags(tags);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String osmRef = element.properties().get("osm_type") + "/" + element.properties().get("osm_id");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", firstNonBlank(tags.get("name"), tags.get("name:zh"), tags.get("name:en"),
        tags.get("operator"), type.get().nameEn() + " (OSM " + osmRef + ")"));
    properties.put("type", type.get().code());
    properties.put("externalId", "osm:" + osmRef);
    String address = address(tags);
    if (address != null) {
      properties.put("address", address);
    }
    String beds = tags.get("beds");
    if (beds != null && beds.matches("\\d{1,6}")) {
      properties.put("beds", beds);
    }
    properties.put("attributes", new LinkedHashMap<String, Object>(tags));
    return Optional.of(new SourceFeature(element.row(), element.geometry(), properties));
  }

  private static String address(Map<String, String> tags) {
    if (tags.containsKey("addr:full")) {
      return tags.get("addr:full");
    }
    StringBuilder text = new StringBuilder();
    for (String key : new String[] {"addr:street", "addr:housenumber", "addr:postcode", "addr:city"}) {
      String part = tags.get(key);
      if (part != null && !part.isBlank()) {
        text.append(text.isEmpty() ? "" : key.equals("addr:housenumber") ? " " : ", ").append(part.trim());
      }
    }
    return text.isEmpty() ? null : text.toString();
  }

  private static String firstNonBlank(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.trim();
      }
    }
    throw new IllegalStateException("the last candidate is never blank");
  }
}
