package org.carecircle.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One field whose value a change altered, for "what changed" lists.
 *
 * @param field the property name (a GeoJSON feature's properties are compared one by one, its
 *     geometry as the field {@value #LOCATION})
 * @param before the value before (JSON null when absent)
 * @param after the value after (JSON null when absent)
 */
public record FieldChange(String field, JsonNode before, JsonNode after) {
  /** The field name under which a feature's geometry is compared. */
  public static final String LOCATION = "location";
  /** Bookkeeping fields that every change alters; listing them would say nothing. */
  private static final Set<String> BOOKKEEPING = Set.of("id", "version");

  /**
   * The fields that differ between two states, in the order they appear (before's fields first).
   * A created entity lists every field of {@code after}, a deleted one every field of {@code
   * before}. GeoJSON features are compared by their properties and geometry.
   *
   * @param before a JSON object or null
   * @param after a JSON object or null
   */
  public static List<FieldChange> between(JsonNode before, JsonNode after) {
    JsonNode from = fields(before);
    JsonNode to = fields(after);
    Set<String> names = new LinkedHashSet<>();
    from.fieldNames().forEachRemaining(names::add);
    to.fieldNames().forEachRemaining(names::add);
    List<FieldChange> changes = new ArrayList<>();
    for (String name : names) {
      JsonNode a = value(from, name);
      JsonNode b = value(to, name);
      if (!BOOKKEEPING.contains(name) && !a.equals(b)) {
        changes.add(new FieldChange(name, a, b));
      }
    }
    return changes;
  }

  private static JsonNode fields(JsonNode state) {
    if (state == null || !state.isObject()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!"Feature".equals(state.path("type").asText())) {
      return state;
    }
    var flat = JsonNodeFactory.instance.objectNode();
    JsonNode properties = state.path("properties");
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      flat.set(name, properties.get(name));
    }
    flat.set(LOCATION, state.path("geometry").path("coordinates"));
    return flat;
  }

  private static JsonNode value(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value == null || value.isMissingNode() ? NullNode.instance : value;
  }
}
