package org.carecircle.coverage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.geojson.Feature;

/**
 * A stored zone set as GeoJSON: a FeatureCollection whose foreign members (RFC 7946 §6.1) carry
 * the set's id, the request and the unreachable origins. Each feature's properties: facilityId,
 * facilityName, pointIndex, minutes, areaSquareMeters, mode, method.
 */
@JsonPropertyOrder({"type", "zoneSetId", "networkId", "createdAt", "parameters", "unreachable", "features"})
public record ZoneCollection(
    long zoneSetId, Long networkId, Instant createdAt, Map<String, Object> parameters,
    List<UnreachableOrigin> unreachable, List<Feature> features) {

  @JsonProperty("type")
  public String type() {
    return "FeatureCollection";
  }

  static ZoneCollection of(ZoneSet set) {
    Object mode = set.parameters().get("mode");
    Object method = set.parameters().getOrDefault("method", "network");
    List<Feature> features = set.zones().stream().map(zone -> {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("facilityId", zone.facilityId());
      properties.put("facilityName", zone.facilityName());
      properties.put("pointIndex", zone.pointIndex());
      properties.put("minutes", zone.minutes());
      properties.put("areaSquareMeters", Math.round(zone.areaSquareMeters() * 10) / 10.0);
      properties.put("mode", mode);
      properties.put("method", method);
      return new Feature(null, zone.geometry(), properties);
    }).toList();
    return new ZoneCollection(set.id(), set.networkId(), set.createdAt(), set.parameters(), set.unreachable(), features);
  }
}
