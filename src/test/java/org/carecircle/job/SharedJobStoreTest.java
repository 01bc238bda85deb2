package org.carecircle.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.carecircle.testsupport.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two job services on one store, as two instances on one database: what one does, the other
 * sees. Real threads and a real H2GIS file; quick heartbeats, so that the exchange takes
 * fractions of a second.
 */
class SharedJobStoreTest {
  private static final JobStoreProperties QUICK =
      new JobStoreProperties(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMillis(100));

  private final DataSource store = JobTestStores.freshH2gis();
  private final JobService a = service();
  private final JobService b = service();

  private JobService service() {
    return new JobService(1, 2, Duration.ofHours(1), Clock.systemUTC(), store, JobTestStores.json(), QUICK);
  }

  @AfterEach
  void stop() {
    a.shutdown();
    b.shutdown();
  }

  @Test
  void progressAndResultOfAJobOnAAreSeenFromB() throws InterruptedException {
    CountDownLatch halfWay = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    JobStatus submitted = a.submit("count", context -> {
      context.progress(0.5, "half way");
      halfWay.countDown();
      goOn.await();
      return java.util.Map.of("networkId", 7);
    });
    assertThat(halfWay.await(10, TimeUnit.SECONDS)).isTrue();
    // B reads what A's heartbeat wrote
    JobStatus seen = awaitStatus(b, submitted.id(), status -> status.progress() == 0.5);
    assertThat(seen.state()).isEqualTo(JobState.RUNNING);
    assertThat(seen.message()).isEqualTo("half way");
    goOn.countDown();

    JobStatus done = Jobs.awaitFinished(b, submitted.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo(java.util.Map.of("networkId", 7));
    assertThat(b.list()).extracting(JobStatus::id).contains(submitted.id());
  }

  @Test
  void cancelThroughBStopsARunningJobOnA() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    JobStatus submitted = a.submit("endless", context -> {
      started.countDown();
      while (true) {
        context.checkCancelled();
        Thread.sleep(1);
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitStatus(b, submitted.id(), status -> status.state() == JobState.RUNNING);

    assertThat(b.cancel(submitted.id()).message()).isEqualTo("cancelling");
    assertThat(Jobs.awaitFinished(a, submitted.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(b.status(submitted.id()).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void cancelThroughBAfterTheCommitPointOnAIsIgnored() throws InterruptedException {
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    JobStatus submitted = a.submit("store", context -> {
      context.commit();
      committed.countDown();
      goOn.await();
      context.checkCancelled();
      return "stored";
    });
    assertThat(committed.await(10, TimeUnit.SECONDS)).isTrue();
    b.cancel(submitted.id());
    Thread.sleep(500);
    goOn.countDown();
    assertThat(Jobs.awaitFinished(b, submitted.id()).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void jobOfAnInstanceWithoutHeartbeatIsFailedAsInterruptedAndItsFilesRemoved() throws Exception {
    Path upload = Files.createTempFile("carecircle-upload", ".osm.pbf");
    Path staging = Files.createDirectories(Files.createTempDirectory("carecircle-staging").resolve("graphhopper"))
        .getParent();
    Files.writeString(staging.resolve("graphhopper").resolve("nodes"), "half written");
    // the row a killed instance left: running, its last heartbeat a minute ago (timeout 5 s)
    Instant lastHeard = Instant.now().minusSeconds(60);
    new JdbcTemplate(store).update("INSERT INTO background_job (id, kind, instance_id, state, progress, message,"
        + " temp_files, submitted_at, started_at, heartbeat_at) VALUES ('dead-1', 'network-import', 'gone',"
        + " 'running', 0.4, 'reading the OSM file', ?, ?, ?, ?)", upload + "\n" + staging,
        utc(lastHeard), utc(lastHeard), utc(lastHeard));

    JobStatus failed = Jobs.awaitFinished(b, "dead-1");
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.message()).isEqualTo(JobService.INTERRUPTED_MESSAGE);
    assertThat(failed.error().title()).isEqualTo("Interrupted by a restart");
    assertThat(failed.error().detail()).startsWith("interrupted by a restart");
    assertThat(failed.finishedAt()).isNotNull();
    assertThat(upload).doesNotExist();
    assertThat(staging).doesNotExist();
  }

  @Test
  void shutdownEndsRunningAndWaitingJobsAsInterruptedNotCancelled() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    JobStatus running = a.submit("endless", context -> {
      started.countDown();
      while (true) {
        context.checkCancelled();
        Thread.sleep(1);
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    JobStatus waiting = a.submit("waiting", context -> "never");

    a.shutdown();
    for (JobStatus job : java.util.List.of(running, waiting)) {
      JobStatus seen = b.status(job.id());
      assertThat(seen.state()).as(seen.toString()).isEqualTo(JobState.FAILED);
      assertThat(seen.message()).isEqualTo(JobService.INTERRUPTED_MESSAGE);
      assertThat(seen.error().title()).isEqualTo("Interrupted by a restart");
    }
    assertThat(b.status(waiting.id()).startedAt()).isNull();
  }

  @Test
  void liveInstancesJobsAreNeverTakenForOrphans() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    JobStatus submitted = a.submit("long", context -> {
      release.await();
      return "fine";
    });
    // well beyond the 5 s timeout: A's heartbeat keeps the job alive in B's eyes
    Thread.sleep(7000);
    assertThat(b.status(submitted.id()).state()).isEqualTo(JobState.RUNNING);
    release.countDown();
    assertThat(Jobs.awaitFinished(b, submitted.id()).state()).isEqualTo(JobState.SUCCEEDED);
  }

  /** Polls {@code jobs} until the job's status satisfies {@code condition}. */
  private static JobStatus awaitStatus(JobService jobs, String id, Predicate<JobStatus> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Jobs.DEADLINE.toNanos();
    while (true) {
      JobStatus status = jobs.status(id);
      if (condition.test(status)) {
        return status;
      }
      assertThat(System.nanoTime()).as("job " + id + " never got there: " + status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
