package org.carecircle.job;

import java.time.Instant;

/**
 * A snapshot of a job, as {@code GET /api/jobs/{id}} answers it.
 *
 * @param id the job's id
 * @param kind what the job does, e.g. {@code network-import}
 * @param state queued, running, succeeded, failed or cancelled
 * @param progress share done, 0 to 1; 1 when succeeded
 * @param message what the job is doing or did, for the planner
 * @param result the work's result when succeeded, else null
 * @param error why it failed when failed, else null
 * @param submittedAt when it was submitted
 * @param startedAt when a worker started it, or null while queued (and when cancelled in the queue)
 * @param finishedAt when it reached its final state, or null
 */
public record JobStatus(
    String id,
    String kind,
    JobState state,
    double progress,
    String message,
    Object result,
    JobError error,
    Instant submittedAt,
    Instant startedAt,
    Instant finishedAt) {}
