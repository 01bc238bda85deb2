package org.carecircle.siting;

import org.carecircle.job.JobContext;

/** Small things the siting solvers share. */
final class Solvers {
  private Solvers() {}

  /** The context of a run answered at once: nothing to report, nothing to cancel. */
  static final JobContext NO_JOB = JobContext.NONE;

  /**
   * A context that reports {@code context}'s progress mapped into [{@code from}, {@code to}], for a
   * step of a longer job; cancel is passed through.
   */
  static JobContext step(JobContext context, double from, double to) {
    return new JobContext() {
      @Override
      public void progress(double fraction0to1, String message) {
        context.progress(from + (to - from) * Math.max(0, Math.min(1, fraction0to1)), message);
      }

      @Override
      public void checkCancelled() {
        context.checkCancelled();
      }

      @Override
      public void commit() {
        context.commit();
      }
    };
  }

  /** A context that passes cancel through but keeps its progress to itself (a step of a loop). */
  static JobContext quiet(JobContext context) {
    return new JobContext() {
      @Override
      public void progress(double fraction0to1, String message) {}

      @Override
      public void checkCancelled() {
        context.checkCancelled();
      }

      @Override
      public void commit() {
        context.commit();
      }
    };
  }
}
