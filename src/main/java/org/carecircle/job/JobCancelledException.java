package org.carecircle.job;

/** Thrown by {@link JobContext#checkCancelled()}: the planner cancelled the job, it should stop. */
public class JobCancelledException extends RuntimeException {
  public JobCancelledException() {
    super("the job was cancelled", null, false, false);
  }
}
