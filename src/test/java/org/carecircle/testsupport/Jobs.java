package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Supplier;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;

/** Waiting for background jobs in tests, with a deadline instead of a fixed sleep. */
public final class Jobs {
  /** Far beyond any job the tests run (the Porto Alegre import takes seconds). */
  public static final Duration DEADLINE = Duration.ofMinutes(2);

  private Jobs() {}

  /** Polls the service until the job has finished, failing the test after {@link #DEADLINE}. */
  public static JobStatus awaitFinished(JobService jobs, String id) {
    return await(() -> jobs.status(id));
  }

  /** Polls {@code status} until it reports a finished job. */
  public static JobStatus await(Supplier<JobStatus> status) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      JobStatus current = status.get();
      if (current.state().isFinished()) {
        return current;
      }
      if (System.nanoTime() > deadline) {
        return fail("job " + current.id() + " did not finish within " + DEADLINE + ": " + current);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted while waiting for job " + current.id());
      }
    }
  }
}
