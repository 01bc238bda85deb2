package org.carecircle.population;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.carecircle.io.geojson.Feature;

/**
 * A GeoJSON FeatureCollection of population cells, or of squares summing them, with foreign
 * members (RFC 7946 §6.1) that say which.
 *
 * @param aggregated true when the box held more cells than the limit and the features are squares
 *     of a grid, each with the sum of its cells
 * @param cellsInBbox how many cells lie in the box
 * @param message for the planner, why the cells were summed and what to do; null when not
 * @param features cells ({@code id}, {@code population}) or squares ({@code population}, {@code
 *     cells}), never more than the limit
 */
@JsonPropertyOrder({"type", "aggregated", "cellsInBbox", "message", "features"})
public record PopulationCellCollection(boolean aggregated, long cellsInBbox, String message, List<Feature> features) {
  @JsonProperty("type")
  public String type() {
    return "FeatureCollection";
  }
}
