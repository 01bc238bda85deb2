package org.carecircle.io.geojson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.InputFiles;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads a GeoJSON file (a FeatureCollection, a single Feature, or a bare geometry) into
 * {@link SourceFeature}s. Row numbers are 1-based feature positions in the collection.
 *
 * <p>NaN and Infinity literals, which JSON forbids but some tools write, are read so that the row
 * at fault can be named instead of failing the whole file with a parse error.
 */
public final class GeoJsonReader {
  private static final ObjectMapper LENIENT_NUMBERS =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private GeoJsonReader() {}

  /**
   * @throws InputRejectedException when the file is empty, not JSON, or not GeoJSON at all
   */
  public static ReadResult read(InputStream in) {
    JsonNode root;
    try (JsonParser parser = LENIENT_NUMBERS.createParser(in)) {
      root = parser.readValueAsTree();
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InputRejectedException(
          InputProblem.ofField("file", "the file is not valid JSON" + where + ": " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InputRejectedException(InputProblem.ofField("file", "the file could not be read: " + InputFiles.reason(e)));
    }
    if (root == null || root.isMissingNode()) {
      throw new InputRejectedException(InputProblem.ofField("file", "the file is empty"));
    }
    if (!root.isObject()) {
      throw new InputRejectedException(
          InputProblem.ofField("file", "expected a GeoJSON object (FeatureCollection or Feature)"));
    }
    String type = root.path("type").asText("");
    List<SourceFeature> features = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    switch (type) {
      case "FeatureCollection" -> {
        JsonNode members = root.get("features");
        if (members == null || !members.isArray()) {
          throw new InputRejectedException(
              InputProblem.ofField("features", "a FeatureCollection needs a \"features\" array"));
        }
        if (members.isEmpty()) {
          throw new InputRejectedException(
              InputProblem.ofField("features", "the FeatureCollection has no features"));
        }
        for (int i = 0; i < members.size(); i++) {
          readFeature(members.get(i), i + 1, features, problems);
        }
      }
      case "Feature" -> readFeature(root, 1, features, problems);
      case "" -> throw new InputRejectedException(
          InputProblem.ofField("type", "the file has no GeoJSON \"type\"; expected FeatureCollection or Feature"));
      default -> {
        try {
          features.add(new SourceFeature(1, GeoJsonCodec.readGeometry(root, "geometry"), Map.of()));
        } catch (GeoJsonFormatException e) {
          problems.add(InputProblem.ofRow(1, e.path(), e.getMessage()));
        }
      }
    }
    return new ReadResult(features, problems);
  }

  /**
   * Reads one Feature object sent to the API (row = null in problems).
   *
   * @throws InputRejectedException naming the field at fault
   */
  public static SourceFeature readSingleFeature(JsonNode node) {
    List<SourceFeature> features = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new InputRejectedException(InputProblem.ofField("body", "expected a GeoJSON Feature, the request body is empty"));
    }
    readFeature(node, 0, features, problems);
    if (!problems.isEmpty()) {
      throw new InputRejectedException(
          problems.stream().map(p -> InputProblem.ofField(p.field(), p.message())).toList());
    }
    return features.get(0);
  }

  private static void readFeature(
      JsonNode node, int row, List<SourceFeature> features, List<InputProblem> problems) {
    if (!node.isObject() || !"Feature".equals(node.path("type").asText())) {
      problems.add(InputProblem.ofRow(row, "type", "expected a GeoJSON Feature object"));
      return;
    }
    Geometry geometry;
    try {
      geometry = GeoJsonCodec.readGeometry(node.get("geometry"), "geometry");
    } catch (GeoJsonFormatException e) {
      problems.add(InputProblem.ofRow(row, e.path(), e.getMessage()));
      return;
    }
    JsonNode propertiesNode = node.get("properties");
    Map<String, Object> properties = new LinkedHashMap<>();
    if (propertiesNode != null && propertiesNode.isObject()) {
      propertiesNode.fields().forEachRemaining(
          field -> {
            if (!field.getValue().isNull()) {
              properties.put(field.getKey(), LENIENT_NUMBERS.convertValue(field.getValue(), Object.class));
            }
          });
    } else if (propertiesNode != null && !propertiesNode.isNull()) {
      problems.add(InputProblem.ofRow(row, "properties", "properties must be an object or null"));
      return;
    }
    if (node.hasNonNull("id") && !properties.containsKey("id")) {
      properties.put("id", LENIENT_NUMBERS.convertValue(node.get("id"), Object.class));
    }
    features.add(new SourceFeature(row, geometry, properties));
  }
}
