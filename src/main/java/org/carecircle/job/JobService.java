package org.carecircle.job;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.system.CareCircleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Runs long operations in the background on a small, bounded pool: {@code
 * carecircle.jobs.worker-threads} workers (default 2) and at most {@code
 * carecircle.jobs.queue-capacity} jobs waiting. Network imports and analyses are memory-hungry, so
 * running more of them at once would mostly compete for the heap.
 *
 * <p>Cancellation is cooperative: {@link #cancel} removes a queued job at once and asks a running
 * one to stop, which it does at its next {@link JobContext#checkCancelled()}. Threads are never
 * interrupted, because libraries such as GraphHopper do not expect it mid-import.
 *
 * <p>Jobs are kept in memory; a finished job is forgotten {@code carecircle.jobs.retention}
 * (default 1 hour) after it finished. Thread-safe.
 */
@Service
public class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  /** How long shutdown waits for running jobs to notice the cancel request before giving up. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor executor;
  private final int queueCapacity;
  private final Duration retention;
  private final Clock clock;

  @Autowired
  public JobService(CareCircleProperties properties) {
    this(properties.jobs().workerThreads(), properties.jobs().queueCapacity(), properties.jobs().retention(),
        Clock.systemUTC());
  }

  /**
   * @param workerThreads jobs running at the same time, at least 1
   * @param queueCapacity jobs that may wait, at least 1
   * @param retention how long a finished job stays visible
   * @param clock the time source (tests move it forward)
   */
  public JobService(int workerThreads, int queueCapacity, Duration retention, Clock clock) {
    if (workerThreads < 1 || queueCapacity < 1 || retention.isNegative()) {
      throw new IllegalArgumentException("jobs need at least one worker, room for one waiting job and a"
          + " retention >= 0");
    }
    this.queueCapacity = queueCapacity;
    this.retention = retention;
    this.clock = clock;
    this.executor = new ThreadPoolExecutor(workerThreads, workerThreads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity), workerThreadFactory());
  }

  private static ThreadFactory workerThreadFactory() {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "carecircle-job-" + counter.incrementAndGet());
      // shutdown() below stops the workers; daemon threads never hold the JVM open on their own
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Queues {@code work} and returns at once.
   *
   * @param kind what the job does, shown in its status (e.g. {@code network-import})
   * @throws JobQueueFullException when {@code carecircle.jobs.queue-capacity} jobs are waiting
   */
  public <T> JobStatus submit(String kind, JobWork<T> work) {
    return submit(kind, work, () -> {});
  }

  /**
   * As {@link #submit(String, JobWork)}, with {@code cleanup} run exactly once when the job has
   * reached its final state, however it got there: also when it is cancelled before it ever
   * started, which the work itself cannot notice (e.g. to delete an uploaded file the work owns).
   */
  public <T> JobStatus submit(String kind, JobWork<T> work, Runnable cleanup) {
    forgetOldJobs();
    Job job = new Job(UUID.randomUUID().toString(), kind, work, cleanup, clock.instant());
    jobs.put(job.id, job);
    try {
      executor.execute(job);
    } catch (RejectedExecutionException e) {
      jobs.remove(job.id);
      job.cleanUp();
      throw new JobQueueFullException(queueCapacity);
    }
    return job.status();
  }

  /** The job's current status, or empty when there is no such job (or it was forgotten). */
  public Optional<JobStatus> find(String id) {
    forgetOldJobs();
    Job job = jobs.get(id);
    return job == null ? Optional.empty() : Optional.of(job.status());
  }

  /** @throws NotFoundException when there is no such job (or it was forgotten) */
  public JobStatus status(String id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  /** Every job still remembered, newest first. */
  public List<JobStatus> list() {
    forgetOldJobs();
    return jobs.values().stream().map(Job::status)
        .sorted(Comparator.comparing(JobStatus::submittedAt).reversed()).toList();
  }

  /**
   * Cancels a job: a queued job ends cancelled at once; a running one is asked to stop and ends
   * cancelled when its work next checks (its status says "cancelling" until then); a finished job,
   * or one that has passed its {@link JobContext#commit() commit point}, is left as it is.
   *
   * @return the status right after the request
   * @throws NotFoundException when there is no such job
   */
  public JobStatus cancel(String id) {
    forgetOldJobs();
    Job job = jobs.get(id);
    if (job == null) {
      throw notFound(id);
    }
    if (job.cancel()) {
      // a job cancelled while queued leaves the queue, so that it no longer takes a place there
      executor.remove(job);
    }
    return job.status();
  }

  /** Asks running jobs to stop and waits a little for them; queued jobs never start. */
  @PreDestroy
  public void shutdown() {
    jobs.values().forEach(Job::cancel);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("jobs still running {} s after shutdown was requested", SHUTDOWN_GRACE.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forgetOldJobs() {
    Instant forgetBefore = clock.instant().minus(retention);
    jobs.values().removeIf(job -> job.finishedBefore(forgetBefore));
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("there is no job with id " + id + " (finished jobs are forgotten after a while)");
  }

  /** One job: its work, and its state guarded by the job's own lock. */
  private final class Job implements Runnable, JobContext {
    final String id;
    final String kind;
    final JobWork<?> work;
    private final Runnable cleanup;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    final Instant submittedAt;
    private JobState state = JobState.QUEUED;
    private double progress;
    private String message = "waiting for a free worker";
    private Object result;
    private JobError error;
    private Instant startedAt;
    private Instant finishedAt;
    private volatile boolean cancelRequested;
    private boolean committed;

    Job(String id, String kind, JobWork<?> work, Runnable cleanup, Instant submittedAt) {
      this.id = id;
      this.kind = kind;
      this.work = work;
      this.cleanup = cleanup;
      this.submittedAt = submittedAt;
    }

    /** Runs the cleanup, once; its failure is logged, never allowed to change the job's outcome. */
    void cleanUp() {
      if (cleanedUp.compareAndSet(false, true)) {
        try {
          cleanup.run();
        } catch (RuntimeException e) {
          log.warn("cleanup of job {} ({}) failed", id, kind, e);
        }
      }
    }

    @Override
    public void run() {
      synchronized (this) {
        if (state != JobState.QUEUED) {
          return;
        }
        state = JobState.RUNNING;
        startedAt = clock.instant();
        message = "started";
      }
      try {
        Object value = work.run(this);
        finish(JobState.SUCCEEDED, value, null, "done");
      } catch (JobCancelledException e) {
        finish(JobState.CANCELLED, null, null, "cancelled");
      } catch (InputRejectedException e) {
        finish(JobState.FAILED, null, JobError.rejected(e.problems()), "failed: " + e.getMessage());
      } catch (Exception e) {
        log.error("job {} ({}) failed", id, kind, e);
        finish(JobState.FAILED, null, JobError.internal("the job failed unexpectedly; the server log has the"
            + " details. Nothing was written."), "failed");
      } catch (OutOfMemoryError e) {
        log.error("job {} ({}) ran out of memory", id, kind, e);
        finish(JobState.FAILED, null, JobError.internal("the server ran out of memory; give it more (java"
            + " -Xmx) or use a smaller input. Nothing was written."), "failed: out of memory");
      }
    }

    /** Cleans up first, so that whoever sees the final state also sees the cleanup done. */
    private void finish(JobState finalState, Object value, JobError failure, String finalMessage) {
      cleanUp();
      setFinal(finalState, value, failure, finalMessage);
    }

    private synchronized void setFinal(JobState finalState, Object value, JobError failure, String finalMessage) {
      state = finalState;
      result = value;
      error = failure;
      message = finalMessage;
      if (finalState == JobState.SUCCEEDED) {
        progress = 1;
      }
      finishedAt = clock.instant();
    }

    /**
     * @return true when the job was still queued and is now cancelled (and cleaned up: under the
     *     lock, so that nobody sees it cancelled before its cleanup is done)
     */
    synchronized boolean cancel() {
      if (state == JobState.QUEUED) {
        state = JobState.CANCELLED;
        message = "cancelled before it started";
        finishedAt = clock.instant();
        cleanUp();
        return true;
      }
      if (state == JobState.RUNNING && !committed) {
        cancelRequested = true;
        message = "cancelling";
      }
      return false;
    }

    @Override
    public void progress(double fraction0to1, String text) {
      double clamped = Double.isNaN(fraction0to1) ? 0 : Math.max(0, Math.min(1, fraction0to1));
      synchronized (this) {
        progress = clamped;
        if (!cancelRequested) {
          message = text;
        }
      }
    }

    @Override
    public void checkCancelled() {
      if (cancelRequested) {
        throw new JobCancelledException();
      }
    }

    @Override
    public synchronized void commit() {
      checkCancelled();
      committed = true;
    }

    synchronized boolean finishedBefore(Instant instant) {
      return finishedAt != null && finishedAt.isBefore(instant);
    }

    synchronized JobStatus status() {
      return new JobStatus(id, kind, state, progress, message, result, error, submittedAt, startedAt, finishedAt);
    }
  }
}
