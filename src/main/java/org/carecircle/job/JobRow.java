package org.carecircle.job;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code background_job}: a job as every instance on the database sees it.
 *
 * @param id the job's id (a UUID)
 * @param kind what the job does, e.g. {@code network-import}
 * @param instanceId the instance that accepted and runs the job
 * @param state queued, running or one of the final states
 * @param progress share done, 0 to 1
 * @param message what the job is doing or did, for the planner; may be null
 * @param resultJson the work's result as JSON when succeeded, else null
 * @param errorJson the {@link JobError} as JSON when failed, else null
 * @param cancelRequested a cancel was requested while it ran
 * @param committed it passed its commit point; cancel requests are ignored
 * @param tempFiles absolute paths of the files and folders the job owns
 * @param submittedAt when it was submitted
 * @param startedAt when a worker started it, or null
 * @param finishedAt when it reached its final state, or null
 * @param heartbeatAt when its instance last said it is alive
 */
record JobRow(
    String id,
    String kind,
    String instanceId,
    JobState state,
    double progress,
    String message,
    String resultJson,
    String errorJson,
    boolean cancelRequested,
    boolean committed,
    List<String> tempFiles,
    Instant submittedAt,
    Instant startedAt,
    Instant finishedAt,
    Instant heartbeatAt) {
  JobRow {
    tempFiles = List.copyOf(tempFiles);
  }
}
