package org.carecircle.job;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The answer to a request that started a background job: the job to poll.
 *
 * @param jobId the job's id
 * @param kind what the job does, e.g. {@code network-import}, {@code coverage-zones}
 * @param state the job's state right after submission (normally queued)
 * @param statusUrl where to poll: {@code /api/jobs/{jobId}}; its result is there when done
 */
public record JobAccepted(String jobId, String kind, JobState state, String statusUrl) {

  /** 202 Accepted with a Location header pointing at the job. */
  public static ResponseEntity<JobAccepted> response(JobStatus job) {
    String statusUrl = "/api/jobs/" + job.id();
    return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(statusUrl))
        .body(new JobAccepted(job.id(), job.kind(), job.state(), statusUrl));
  }
}
