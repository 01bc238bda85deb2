package org.carecircle.io.geojson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * A GeoJSON Feature as the API sends it (serialized through {@link GeoJsonModule}).
 *
 * @param id the feature id (RFC 7946 §3.2), or null
 * @param geometry WGS84 lon/lat
 * @param properties the feature's properties; nested maps and lists allowed
 */
@JsonPropertyOrder({"type", "id", "geometry", "properties"})
public record Feature(
    @JsonInclude(JsonInclude.Include.NON_NULL) Object id,
    Geometry geometry,
    Map<String, Object> properties) {

  @JsonProperty("type")
  public String type() {
    return "Feature";
  }
}
