package org.carecircle.scenario;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.facility.ExportFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Scenarios over HTTP. */
@RestController
public class ScenarioController {
  private final ScenarioService scenarios;

  public ScenarioController(ScenarioService scenarios) {
    this.scenarios = scenarios;
  }

  @Operation(summary = "Save a network siting result as a scenario of planned facilities",
      description = "Body: name (unique), resultId (from the siting answer), typeCode (default emergency_station).")
  @PostMapping("/api/scenarios")
  public ResponseEntity<Scenario> create(@RequestBody(required = false) ScenarioRequest request) {
    Scenario created = scenarios.create(request);
    return ResponseEntity.created(URI.create("/api/scenarios/" + created.id())).body(created);
  }

  @Operation(summary = "All scenarios with their sites and coverage before and after")
  @GetMapping("/api/scenarios")
  public List<Scenario> list() {
    return scenarios.list();
  }

  @Operation(summary = "One scenario")
  @GetMapping("/api/scenarios/{id}")
  public Scenario get(@PathVariable long id) {
    return scenarios.get(id);
  }

  @Operation(summary = "Delete a scenario and its planned facilities")
  @DeleteMapping("/api/scenarios/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id) {
    scenarios.delete(id);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Export a scenario's planned facilities (geojson, csv or gpkg)")
  @GetMapping("/api/scenarios/{id}/export")
  public ResponseEntity<StreamingResponseBody> export(@PathVariable long id,
      @RequestParam(defaultValue = "geojson") String format) {
    ExportFormat exportFormat = ExportFormat.parse(format).orElseThrow(() -> new InputRejectedException(
        InputProblem.ofField("format", "unknown export format '" + format + "'; expected geojson, csv or gpkg")));
    Scenario scenario = scenarios.get(id);
    var selected = scenarios.facilitiesOf(id);
    String fileName = "scenario-" + scenario.id() + "." + exportFormat.extension();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(exportFormat.mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
        .body(out -> scenarios.export(selected, exportFormat, out));
  }
}
