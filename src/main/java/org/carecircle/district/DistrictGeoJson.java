package org.carecircle.district;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.carecircle.io.geojson.Feature;
import org.carecircle.io.geojson.FeatureCollection;

/**
 * The shapes of a district in the API and in exports: a GeoJSON Feature, and a row of the district
 * table (CSV) with the same properties.
 */
final class DistrictGeoJson {
  /** The columns of the district table, in order; CSV adds lon and lat of a point inside. */
  static final List<FieldSpec> TABLE_FIELDS = List.of(
      FieldSpec.integer("id"), FieldSpec.text("name"), FieldSpec.text("code"), FieldSpec.real("population"),
      FieldSpec.real("officialPopulation"), FieldSpec.real("cellPopulation"), FieldSpec.text("populationSource"));

  private DistrictGeoJson() {}

  static Feature toFeature(DistrictPopulation entry) {
    return new Feature(entry.district().id(), entry.district().boundary(), properties(entry));
  }

  static FeatureCollection toCollection(List<DistrictPopulation> entries) {
    return new FeatureCollection(entries.stream().map(DistrictGeoJson::toFeature).toList());
  }

  static List<OutputFeature> toTable(List<DistrictPopulation> entries) {
    List<OutputFeature> rows = new ArrayList<>(entries.size());
    entries.forEach(entry -> rows.add(new OutputFeature(entry.district().boundary(), properties(entry))));
    return rows;
  }

  private static Map<String, Object> properties(DistrictPopulation entry) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", entry.district().id());
    properties.put("name", entry.district().name());
    properties.put("code", entry.district().code());
    properties.put("population", entry.population());
    properties.put("officialPopulation", entry.district().officialPopulation());
    properties.put("cellPopulation", entry.cellPopulation());
    properties.put("populationSource", entry.source().code());
    properties.put("version", entry.district().version());
    return properties;
  }
}
