package org.carecircle.accessibility;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.carecircle.io.geojson.Feature;

/**
 * The cells beyond an access threshold as a GeoJSON FeatureCollection, with foreign members (RFC
 * 7946 §6.1) saying what the features are.
 *
 * @param minutes the threshold
 * @param aggregated true when there were more gap cells than {@link GapLayerBuilder#MAX_FEATURES}
 *     and the features are squares summing them ({@code population}, {@code cells})
 * @param dissolved true when the features are the dissolved gap areas
 * @param gapCells how many cells lie beyond the threshold (or cannot reach a road)
 * @param gapPopulation their residents
 * @param features never more than {@link GapLayerBuilder#MAX_FEATURES}
 */
@JsonPropertyOrder({"type", "minutes", "aggregated", "dissolved", "gapCells", "gapPopulation", "features"})
public record GapCollection(double minutes, boolean aggregated, boolean dissolved, int gapCells, double gapPopulation,
    List<Feature> features) {
  @JsonProperty("type")
  public String type() {
    return "FeatureCollection";
  }
}
