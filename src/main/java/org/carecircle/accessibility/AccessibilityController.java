package org.carecircle.accessibility;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.carecircle.job.JobAccepted;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Accessibility to the nearest facility: compute, as a job, read back. */
@RestController
public class AccessibilityController {
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

  @Operation(summary = "A stored accessibility result's summary")
  @GetMapping("/api/accessibility/{id}")
  public AccessibilitySummary get(@PathVariable long id) {
    return accessibility.get(id);
  }
}
