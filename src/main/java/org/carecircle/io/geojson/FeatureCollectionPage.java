package org.carecircle.io.geojson;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One page of a GeoJSON FeatureCollection, with the paging members of OGC API - Features:
 * {@code numberMatched} (features in all pages), {@code numberReturned} (on this page) and
 * {@code links}, where {@code rel: "next"} is the address of the next page (absent on the last).
 */
@JsonPropertyOrder({"type", "numberMatched", "numberReturned", "links", "features"})
public record FeatureCollectionPage(List<Feature> features, long numberMatched, List<Link> links) {

  /** A link to a related resource, e.g. {@code {"rel": "next", "href": "/api/facilities?offset=1000&limit=1000"}}. */
  public record Link(String rel, String href, String type) {}

  @JsonProperty("type")
  public String type() {
    return "FeatureCollection";
  }

  @JsonProperty("numberReturned")
  public int numberReturned() {
    return features.size();
  }
}
