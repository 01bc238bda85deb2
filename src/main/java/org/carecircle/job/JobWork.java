package org.carecircle.job;

/**
 * The work of a job, run on a worker thread.
 *
 * @param <T> the result, serialised as JSON in the job's status; may be null
 */
@FunctionalInterface
public interface JobWork<T> {
  /**
   * Does the work, reporting progress through {@code context} and calling {@link
   * JobContext#checkCancelled()} between steps.
   *
   * @throws org.carecircle.error.InputRejectedException when the input turns out to be unusable;
   *     the job then fails with those problems
   * @throws JobCancelledException (from {@code checkCancelled}) to stop after a cancel request
   */
  T run(JobContext context) throws Exception;
}
