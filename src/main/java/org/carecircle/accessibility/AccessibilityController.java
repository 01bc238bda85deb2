package org.carecircle.accessibility;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import io.swagger.v3.oas.annotations.Parameter;
import org.carecircle.job.JobAccepted;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Accessibility to the nearest facility: compute, as a job, read back. */
@RestController
public class AccessibilityController {
  private static final String GEO_JSON = "application/geo+json";
  private final AccessibilityService accessibility;

  public AccessibilityController(AccessibilityService accessibility) {
    this.accessibility = accessibility;
  }

  @Operation(summary = "Travel time from every population cell to the nearest selected facility, and the"
      + " population within each threshold; stored, answered as a summary")
  @PostMapping("/api/accessibility")
  public ResponseEntity<AccessibilitySummary> compute(@RequestBody(required = false) AccessibilityRequest request) {
    AccessibilitySummary summary = accessibility.compute(request);
    return ResponseEntity.created(URI.create("/api/accessibility/" + summary.resultId())).body(summary);
  }

  @Operation(summary = "The same as a background job; its result is {resultId}")
  @PostMapping("/api/accessibility/jobs")
  public ResponseEntity<JobAccepted> submit(@RequestBody(required = false) AccessibilityRequest request) {
    return JobAccepted.response(accessibility.submit(request));
  }

  @Operation(summary = "Cells beyond a threshold as GeoJSON (squares summing them beyond 10,000), or dissolved"
      + " into gap areas with their population")
  @GetMapping(path = "/api/accessibility/{id}/gaps", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<GapCollection> gaps(@PathVariable long id,
      @Parameter(description = "threshold, minutes; at most the result's largest") @RequestParam(required = false) Double minutes,
      @Parameter(description = "true: dissolved gap areas") @RequestParam(defaultValue = "false") boolean dissolve) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEO_JSON))
        .body(accessibility.gaps(id, minutes, dissolve));
  }

  @Operation(summary = "Download the gap layer as a GeoJSON file")
  @GetMapping("/api/accessibility/{id}/gaps/export")
  public ResponseEntity<GapCollection> exportGaps(@PathVariable long id,
      @RequestParam(required = false) Double minutes, @RequestParam(defaultValue = "false") boolean dissolve) {
    GapCollection gaps = accessibility.gaps(id, minutes, dissolve);
    String name = "accessibility-" + id + "-gaps-" + AccessibilityService.plain(gaps.minutes()) + "min"
        + (dissolve ? "-dissolved" : "") + ".geojson";
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEO_JSON))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .body(gaps);
  }

  @Operation(summary = "Every cell's minutes as compact arrays {lon, lat, minutes, population} for a canvas layer")
  @GetMapping("/api/accessibility/{id}/surface")
  public AccessibilitySurface surface(@PathVariable long id) {
    return accessibility.surface(id);
  }

  @Operation(summary = "A stored accessibility result's summary")
  @GetMapping("/api/accessibility/{id}")
  public AccessibilitySummary get(@PathVariable long id) {
    return accessibility.get(id);
  }
}
