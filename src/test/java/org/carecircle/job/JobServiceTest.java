package org.carecircle.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.testsupport.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job pool with real threads on a fresh H2GIS store per test; works coordinate with the test
 * through latches, not sleeps.
 */
class JobServiceTest {
  private final MovableClock clock = new MovableClock();
  private final JobService jobs = new JobService(1, 2, Duration.ofHours(1), clock, JobTestStores.freshH2gis(),
      JobTestStores.json(), JobStoreProperties.defaults());

  @AfterEach
  void stop() {
    jobs.shutdown();
  }

  @Test
  void progressIsVisibleWhileRunningAndResultWhenDone() throws InterruptedException {
    CountDownLatch halfWay = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    JobStatus submitted = jobs.submit("count", context -> {
      context.progress(0.5, "half way");
      halfWay.countDown();
      goOn.await();
      return 42;
    });
    assertThat(submitted.kind()).isEqualTo("count");
    assertThat(halfWay.await(10, TimeUnit.SECONDS)).isTrue();

    JobStatus running = jobs.status(submitted.id());
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.progress()).isEqualTo(0.5);
    assertThat(running.message()).isEqualTo("half way");
    assertThat(running.startedAt()).isNotNull();
    assertThat(running.finishedAt()).isNull();

    goOn.countDown();
    JobStatus done = Jobs.awaitFinished(jobs, submitted.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo(42);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.error()).isNull();
  }

  @Test
  void cancelStopsRunningWorkAtItsNextCheck() throws InterruptedException {
    AtomicInteger steps = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    JobStatus submitted = jobs.submit("endless", context -> {
      started.countDown();
      while (true) {
        context.checkCancelled();
        steps.incrementAndGet();
        Thread.sleep(1);
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    JobStatus cancelling = jobs.cancel(submitted.id());
    assertThat(cancelling.message()).isEqualTo("cancelling");
    JobStatus cancelled = Jobs.awaitFinished(jobs, submitted.id());
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    int stepsAtEnd = steps.get();
    Thread.sleep(50);
    assertThat(steps.get()).as("no work after the job ended").isEqualTo(stepsAtEnd);
    // cancelling a finished job changes nothing
    assertThat(jobs.cancel(submitted.id()).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void queuedJobIsCancelledAtOnceAndNeverRuns() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    JobStatus blocker = jobs.submit("blocker", context -> {
      release.await();
      return null;
    });
    AtomicInteger ran = new AtomicInteger();
    JobStatus queued = jobs.submit("queued", context -> ran.incrementAndGet());
    assertThat(queued.state()).isEqualTo(JobState.QUEUED);

    AtomicInteger cleanedUp = new AtomicInteger();
    JobStatus alsoQueued = jobs.submit("queued with cleanup", context -> ran.incrementAndGet(),
        cleanedUp::incrementAndGet);
    JobStatus cancelled = jobs.cancel(queued.id());
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.cancel(alsoQueued.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(cleanedUp.get()).as("cleanup runs although the work never did").isEqualTo(1);
    assertThat(cancelled.startedAt()).isNull();
    release.countDown();
    Jobs.awaitFinished(jobs, blocker.id());
    assertThat(ran.get()).isZero();
  }

  @Test
  void cleanupRunsOnceHoweverTheJobEnds() {
    AtomicInteger cleanups = new AtomicInteger();
    JobStatus succeeded = jobs.submit("ok", context -> "fine", cleanups::incrementAndGet);
    JobStatus failed = jobs.submit("bad", context -> {
      throw new IllegalArgumentException("broken");
    }, cleanups::incrementAndGet);
    Jobs.awaitFinished(jobs, succeeded.id());
    Jobs.awaitFinished(jobs, failed.id());
    assertThat(cleanups.get()).isEqualTo(2);
  }

  @Test
  void cancelAfterTheCommitPointIsIgnored() throws InterruptedException {
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    JobStatus submitted = jobs.submit("store", context -> {
      context.commit();
      committed.countDown();
      goOn.await();
      context.checkCancelled();
      return "stored";
    });
    assertThat(committed.await(10, TimeUnit.SECONDS)).isTrue();
    jobs.cancel(submitted.id());
    goOn.countDown();
    JobStatus done = Jobs.awaitFinished(jobs, submitted.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("stored");
  }

  @Test
  void rejectedInputIsReportedWithEveryProblem() {
    JobStatus submitted = jobs.submit("import", context -> {
      throw new InputRejectedException(java.util.List.of(
          InputProblem.ofField("file", "the OSM file is damaged"), InputProblem.ofRow(3, "lon", "out of range")));
    });
    JobStatus failed = Jobs.awaitFinished(jobs, submitted.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.result()).isNull();
    assertThat(failed.error().title()).isEqualTo("The input was rejected; nothing was written");
    assertThat(failed.error().detail()).isEqualTo("2 problems, first: field file: the OSM file is damaged");
    assertThat(failed.error().rejected()).containsExactly(
        InputProblem.ofField("file", "the OSM file is damaged"), InputProblem.ofRow(3, "lon", "out of range"));
  }

  @Test
  void unexpectedFailureIsReportedWithoutInternals() {
    JobStatus submitted = jobs.submit("broken", context -> {
      throw new IllegalStateException("secret internal detail");
    });
    JobStatus failed = Jobs.awaitFinished(jobs, submitted.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error().title()).isEqualTo("Internal error");
    assertThat(failed.error().detail()).doesNotContain("secret").contains("server log");
    assertThat(failed.error().rejected()).isEmpty();
  }

  @Test
  void finishedJobsAreForgottenAfterTheRetention() {
    JobStatus submitted = jobs.submit("quick", context -> "done");
    Jobs.awaitFinished(jobs, submitted.id());
    clock.advance(Duration.ofMinutes(59));
    assertThat(jobs.find(submitted.id())).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(jobs.find(submitted.id())).isEmpty();
    assertThatThrownBy(() -> jobs.status(submitted.id())).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no job with id");
  }

  @Test
  void fullQueueRefusesNewJobs() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    jobs.submit("running", context -> {
      started.countDown();
      release.await();
      return null;
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    jobs.submit("waiting 1", context -> null);
    jobs.submit("waiting 2", context -> null);
    assertThatThrownBy(() -> jobs.submit("one too many", context -> null))
        .isInstanceOf(JobQueueFullException.class).hasMessageContaining("2 jobs are already waiting");
    assertThat(jobs.list()).hasSize(3);
    release.countDown();
  }

  /** A clock the test moves forward. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2025-06-01T08:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
