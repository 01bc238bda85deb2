package org.carecircle.job;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Background jobs over HTTP: poll a job's progress and result, or cancel it. */
@RestController
public class JobController {
  private final JobService jobs;

  public JobController(JobService jobs) {
    this.jobs = jobs;
  }

  @Operation(summary = "A job's state, progress, result or error",
      description = "{id, kind, state (queued, running, succeeded, failed, cancelled), progress (0..1), message,"
          + " result, error: {title, detail, rejected: [{row, field, message}]}, submittedAt, startedAt, finishedAt}")
  @GetMapping("/api/jobs/{id}")
  public JobStatus get(@PathVariable String id) {
    return jobs.status(id);
  }

  @Operation(summary = "The jobs still remembered, of every instance on the database, newest first")
  @GetMapping("/api/jobs")
  public List<JobStatus> list() {
    return jobs.list();
  }

  @Operation(summary = "Cancel a job", description = "A queued job is cancelled at once, a running one stops at its"
      + " next step; a finished job stays as it is. Answers 204 in every case.")
  @DeleteMapping("/api/jobs/{id}")
  public ResponseEntity<Void> cancel(@PathVariable String id) {
    jobs.cancel(id);
    return ResponseEntity.noContent().build();
  }
}
