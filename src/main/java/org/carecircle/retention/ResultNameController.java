package org.carecircle.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.io.TextValues;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Naming a stored result keeps it from the clean-up: {@code PUT …/{id}/name} with
 * {@code {"name": "Baseline 2026"}}; {@code {"name": null}} clears the name, and the result then
 * ages like any other.
 */
@RestController
public class ResultNameController {
  static final int MAX_NAME_CHARS = 200;

  private final RetainedResults coverageZoneSets;
  private final RetainedResults accessibilityResults;
  private final RetainedResults sitingRuns;

  public ResultNameController(@Qualifier("coverageZoneSets") RetainedResults coverageZoneSets,
      @Qualifier("accessibilityResults") RetainedResults accessibilityResults,
      @Qualifier("sitingRuns") RetainedResults sitingRuns) {
    this.coverageZoneSets = coverageZoneSets;
    this.accessibilityResults = accessibilityResults;
    this.sitingRuns = sitingRuns;
  }

  @Operation(summary = "Name (keep) or un-name a stored coverage zone set")
  @PutMapping("/api/coverage-zones/{id}/name")
  public Map<String, Object> nameZoneSet(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return name(coverageZoneSets, id, body, "there are no coverage zones with id " + id);
  }

  @Operation(summary = "Name (keep) or un-name a stored accessibility result")
  @PutMapping("/api/accessibility/{id}/name")
  public Map<String, Object> nameAccessibility(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return name(accessibilityResults, id, body, "there is no accessibility result with id " + id);
  }

  @Operation(summary = "Name (keep) or un-name a stored siting run")
  @PutMapping("/api/siting/results/{id}/name")
  public Map<String, Object> nameSitingRun(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return name(sitingRuns, id, body, "there is no siting result with id " + id);
  }

  private static Map<String, Object> name(RetainedResults results, long id, JsonNode body, String notFound) {
    String name = parse(body);
    if (!results.name(id, name)) {
      throw new NotFoundException(notFound);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id);
    answer.put("name", name);
    answer.put("kept", name != null);
    return answer;
  }

  /** The name from {@code {"name": ...}}: trimmed, or null to clear it. */
  private static String parse(JsonNode body) {
    if (body == null || !body.isObject() || !body.has("name")) {
      throw problem("expected {\"name\": \"...\"} to keep the result, or {\"name\": null} to let it age");
    }
    JsonNode value = body.get("name");
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw problem("the name must be text");
    }
    String name = value.asText().strip();
    if (name.isEmpty()) {
      return null;
    }
    if (name.length() > MAX_NAME_CHARS) {
      throw problem("the name has " + name.length() + " characters; at most " + MAX_NAME_CHARS);
    }
    TextValues.controlCharacterProblem(name).ifPresent(message -> {
      throw problem(message);
    });
    return name;
  }

  private static InputRejectedException problem(String message) {
    return new InputRejectedException(InputProblem.ofField("name", message));
  }
}
