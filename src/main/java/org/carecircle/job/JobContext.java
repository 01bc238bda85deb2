package org.carecircle.job;

/** What a running job's work sees of its job. Used only by the worker thread running the work. */
public interface JobContext {
  /** The context of work answered at once, outside a job: nothing to report, nothing to cancel. */
  JobContext NONE = new JobContext() {
    @Override
    public void progress(double fraction0to1, String message) {}

    @Override
    public void checkCancelled() {}

    @Override
    public void commit() {}
  };

  /**
   * Reports progress.
   *
   * @param fraction0to1 the share of the work done, 0 to 1 (values outside are clamped)
   * @param message what the job is doing now, for the planner ("reading the OSM file")
   */
  void progress(double fraction0to1, String message);

  /**
   * Returns normally unless a cancel was requested (or the server is shutting down).
   *
   * @throws JobCancelledException when the job should stop; let it propagate after cleaning up
   */
  void checkCancelled();

  /**
   * Checks for cancellation one last time and then makes the job uncancellable. Call it just before
   * the work makes its result permanent (writes to the database, moves files into place), so that a
   * cancel request either stops the work before that point or comes too late and is ignored: a
   * job is never reported cancelled after it has changed anything lasting.
   *
   * @throws JobCancelledException when a cancel was requested before this call
   */
  void commit();

  /**
   * A context that reports this context's progress mapped into [{@code from}, {@code to}] (both
   * 0 to 1), for one step of a longer job; cancel and commit pass through.
   */
  default JobContext step(double from, double to) {
    JobContext outer = this;
    return forwarding(this, (fraction0to1, message) ->
        outer.progress(from + (to - from) * Math.max(0, Math.min(1, fraction0to1)), message));
  }

  /** A context that passes cancel and commit through but keeps its progress to itself (a step of a loop). */
  default JobContext quiet() {
    return forwarding(this, (fraction0to1, message) -> {});
  }

  private static JobContext forwarding(JobContext outer, java.util.function.BiConsumer<Double, String> progress) {
    return new JobContext() {
      @Override
      public void progress(double fraction0to1, String message) {
        progress.accept(fraction0to1, message);
      }

      @Override
      public void checkCancelled() {
        outer.checkCancelled();
      }

      @Override
      public void commit() {
        outer.commit();
      }
    };
  }
}
