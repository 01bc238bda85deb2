package org.carecircle.job;

/** Too many jobs are waiting already; the planner should try again once some have finished. */
public class JobQueueFullException extends RuntimeException {
  public JobQueueFullException(int queued) {
    super(queued + " jobs are already waiting; try again when some have finished");
  }
}
