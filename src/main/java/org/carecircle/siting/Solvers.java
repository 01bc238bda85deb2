package org.carecircle.siting;

import org.carecircle.job.JobContext;

/** Small things the siting solvers share. */
final class Solvers {
  private Solvers() {}

  /** The context of a run answered at once: nothing to report, nothing to cancel. */
  static final JobContext NO_JOB = new JobContext() {
    @Override
    public void progress(double fraction0to1, String message) {}

    @Override
    public void checkCancelled() {}

    @Override
    public void commit() {}
  };
}
