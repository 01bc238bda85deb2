package org.carecircle.io.geojson;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A GeoJSON FeatureCollection as the API sends it. */
@JsonPropertyOrder({"type", "features"})
public record FeatureCollection(List<Feature> features) {
  @JsonProperty("type")
  public String type() {
    return "FeatureCollection";
  }
}
