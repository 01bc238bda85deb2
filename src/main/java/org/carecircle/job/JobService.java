package org.carecircle.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.system.CareCircleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs long operations in the background on a small, bounded pool per instance: {@code
 * carecircle.jobs.worker-threads} workers (default 2) and at most {@code
 * carecircle.jobs.queue-capacity} jobs waiting. Network imports and analyses are memory-hungry, so
 * running more of them at once would mostly compete for the heap.
 *
 * <p>Jobs are kept in the database (table {@code background_job}), so every instance on it sees
 * every job (state, progress, result, error) and a job outlives a restart; a finished job is
 * forgotten {@code carecircle.jobs.retention} (default 1 hour) after it finished. The instance
 * that accepted a job runs it, because the work is code in that instance's memory: db-scheduler
 * holds one execution per job in {@code job_execution} under a task name of its own instance and
 * runs it on the instance's worker threads.
 *
 * <p>Cancellation is cooperative: {@link #cancel}, on any instance, cancels a queued job at once
 * and asks a running one to stop, which it does at its next {@link JobContext#checkCancelled()}
 * after its instance has read the request (every {@code carecircle.job-store.heartbeat-interval}).
 * Threads are never interrupted, because libraries such as GraphHopper do not expect it mid-import.
 *
 * <p>IMPLEMENTATION NOTE: each instance writes a heartbeat on its unfinished jobs. A job whose
 * heartbeat is older than {@code carecircle.job-store.instance-timeout} lost its instance (killed,
 * crashed, stopped without finishing it) and is failed with the message {@value
 * #INTERRUPTED_MESSAGE} by whichever instance notices first, at its start-up or on a later
 * heartbeat; that instance also removes the files the job owned ({@link #submitOwning}, {@link
 * The instance id is new at every start, so a restarted instance never
 * mistakes its previous life's jobs for its own. Thread-safe.
 */
@Service
public class JobService {
  /** The message, and the start of the error detail, of a job whose instance died. */
  public static final String INTERRUPTED_MESSAGE = "interrupted by a restart";
  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  /** How long shutdown waits for running jobs to notice the cancel request before giving up. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
  private static final String TASK_NAME_PREFIX = "carecircle-job-";

  private final String instanceId = UUID.randomUUID().toString();
  private final Map<String, Job> local = new ConcurrentHashMap<>();
  private final JobRepository repository;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final OneTimeTask<Void> task;
  private final Scheduler scheduler;
  private final ScheduledExecutorService housekeeping;
  private final int workerThreads;
  private final int queueCapacity;
  /** The execution time of the last job scheduled here; guarded by {@link #local}. */
  private Instant lastExecutionTime;
  private final Duration retention;
  private final Duration instanceTimeout;
  private final Clock clock;
  private final AtomicBoolean stopped = new AtomicBoolean();

  @Autowired
  public JobService(CareCircleProperties properties, JobStoreProperties store, DataSource dataSource,
      ObjectMapper json) {
    this(properties.jobs().workerThreads(), properties.jobs().queueCapacity(), properties.jobs().retention(),
        Clock.systemUTC(), dataSource, json, store);
  }

  /**
   * Starts the pool: fails the orphans of dead instances, then starts db-scheduler and the
   * heartbeat.
   *
   * @param workerThreads jobs running at the same time on this instance, at least 1
   * @param queueCapacity jobs that may wait on this instance, at least 1
   * @param retention how long a finished job stays visible
   * @param clock the time source of the jobs' timestamps and heartbeats (tests move it forward)
   * @param dataSource the store, migrated (V11)
   * @param json turns results and errors into JSON and back, as the API writes them
   * @param store heartbeat, instance timeout and polling settings
   */
  public JobService(int workerThreads, int queueCapacity, Duration retention, Clock clock, DataSource dataSource,
      ObjectMapper json, JobStoreProperties store) {
    if (workerThreads < 1 || queueCapacity < 1 || retention.isNegative()) {
      throw new IllegalArgumentException("jobs need at least one worker, room for one waiting job and a"
          + " retention >= 0");
    }
    this.workerThreads = workerThreads;
    this.queueCapacity = queueCapacity;
    this.retention = retention;
    this.instanceTimeout = store.instanceTimeout();
    this.clock = clock;
    this.json = json;
    this.repository = new JobRepository(new JdbcTemplate(dataSource));
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.task = Tasks.oneTime(TASK_NAME_PREFIX + instanceId)
        // db-scheduler's own dead-execution detection only ever sees this instance's executions;
        // reviving one would run a job twice, so it is dropped and the job left to the heartbeat
        .onDeadExecution(new DeadExecutionHandler.CancelDeadExecution<>())
        .execute((instance, context) -> runLocal(instance.getId()));
    this.scheduler = Scheduler.create(dataSource, task)
        .tableName(JobRepository.EXECUTION_TABLE)
        .schedulerName(new SchedulerName.Fixed(instanceId))
        .threads(workerThreads)
        .pollingInterval(store.pollingInterval())
        .heartbeatInterval(store.heartbeatInterval())
        // db-scheduler's own judgement of a stalled execution agrees with ours (instance timeout)
        .missedHeartbeatsLimit((int) Math.max(4, store.instanceTimeout().toMillis()
            / store.heartbeatInterval().toMillis()))
        .enableImmediateExecution()
        .shutdownMaxWait(SHUTDOWN_GRACE)
        .build();
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "carecircle-job-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    interruptOrphans(clock.instant());
    scheduler.start();
    long heartbeatMillis = store.heartbeatInterval().toMillis();
    housekeeping.scheduleWithFixedDelay(this::keepHouse, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    log.info("job pool {} started: {} workers, {} places in the queue", instanceId, workerThreads, queueCapacity);
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
   * started, which the work itself cannot notice. The cleanup lives in this instance's memory: when
   * the instance dies it never runs; use {@link #submitOwning} for files.
   */
  public <T> JobStatus submit(String kind, JobWork<T> work, Runnable cleanup) {
    return submit(kind, work, cleanup, List.of());
  }

  /**
   * As {@link #submit(String, JobWork)} for work that owns files (e.g. an uploaded file copied for
   * the job): they are deleted (folders with their contents) when the job ends, however it ends,
   * and are recorded with the job so that they are also deleted when its instance dies first.
   *
   * @param tempFiles files or folders the job owns from now on, whether they exist yet or not
   *     (e.g. a staging folder the work will create)
   */
  public <T> JobStatus submitOwning(String kind, List<Path> tempFiles, JobWork<T> work) {
    List<Path> owned = tempFiles.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    return submit(kind, work, () -> owned.forEach(JobService::deleteQuietly), owned);
  }

  private <T> JobStatus submit(String kind, JobWork<T> work, Runnable cleanup, List<Path> tempFiles) {
    forgetOldLocalJobs();
    Instant now = clock.instant();
    Job job = new Job(UUID.randomUUID().toString(), kind, work, cleanup, now);
    Instant executionTime;
    synchronized (local) {
      long queued = local.values().stream().filter(Job::isQueued).count();
      long running = local.values().stream().filter(Job::isRunning).count();
      // jobs about to start on a free worker are not waiting (as with a thread pool's queue)
      long waiting = Math.max(0, queued - Math.max(0, workerThreads - running));
      if (waiting >= queueCapacity) {
        job.cleanUp();
        throw new JobQueueFullException(queueCapacity);
      }
      local.put(job.id, job);
      // db-scheduler starts due executions in the order of their time: strictly increasing
      // times (the stores keep microseconds) make the queue first in, first out
      Instant wallClock = Instant.now().truncatedTo(ChronoUnit.MICROS);
      executionTime = lastExecutionTime == null || wallClock.isAfter(lastExecutionTime) ? wallClock
          : lastExecutionTime.plusNanos(1000);
      lastExecutionTime = executionTime;
    }
    try {
      repository.insert(new JobRow(job.id, kind, instanceId, JobState.QUEUED, 0, job.message, null, null, false,
          false, tempFiles.stream().map(Path::toString).toList(), now, null, null, now));
      scheduler.schedule(task.instance(job.id), executionTime);
    } catch (RuntimeException e) {
      local.remove(job.id);
      job.cleanUp();
      throw e;
    }
    return job.status();
  }

  /** The job's current status, or empty when there is no such job (or it was forgotten). */
  public Optional<JobStatus> find(String id) {
    forgetOldLocalJobs();
    Job job = local.get(id);
    if (job != null) {
      return Optional.of(job.status());
    }
    return repository.find(id).filter(this::remembered).map(this::statusOf);
  }

  /** @throws NotFoundException when there is no such job (or it was forgotten) */
  public JobStatus status(String id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  /** Every job still remembered, of every instance on the database, newest first. */
  public List<JobStatus> list() {
    forgetOldLocalJobs();
    Map<String, JobStatus> byId = new LinkedHashMap<>();
    for (JobRow row : repository.listNewestFirst()) {
      if (remembered(row)) {
        Job job = local.get(row.id());
        byId.put(row.id(), job != null ? job.status() : statusOf(row));
      }
    }
    return byId.values().stream().sorted(Comparator.comparing(JobStatus::submittedAt).reversed()).toList();
  }

  /**
   * Cancels a job, whichever instance runs it: a queued job ends cancelled at once; a running one
   * is asked to stop and ends cancelled when its work next checks (its status says "cancelling"
   * until then); a finished job, or one that has passed its {@link JobContext#commit() commit
   * point}, is left as it is.
   *
   * @return the status right after the request
   * @throws NotFoundException when there is no such job
   */
  public JobStatus cancel(String id) {
    forgetOldLocalJobs();
    Job job = local.get(id);
    if (job != null) {
      return job.cancel();
    }
    JobRow row = repository.find(id).filter(this::remembered).orElseThrow(() -> notFound(id));
    if (row.state() == JobState.QUEUED
        && repository.cancelQueued(id, "cancelled before it started", clock.instant())) {
      // the instance that owns it drops it when it next reads its jobs; the files go now
      row.tempFiles().forEach(path -> deleteQuietly(Path.of(path)));
    } else if (row.state() == JobState.RUNNING || row.state() == JobState.QUEUED) {
      repository.requestCancel(id, "cancelling");
    }
    return repository.find(id).map(this::statusOf).orElseThrow(() -> notFound(id));
  }

  /** The id of this instance, as recorded with its jobs (new at every start). */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Stops the pool, as a restart does: queued jobs never start and running ones are asked to stop
   * and given a little time; both end failed "interrupted by a restart" (the planner did not cancel
   * them). Jobs still running after the grace period are failed so by the next instance to notice.
   */
  @PreDestroy
  public void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    housekeeping.shutdownNow();
    for (Job job : local.values()) {
      try {
        job.interrupt();
      } catch (RuntimeException e) {
        log.warn("could not stop job {} at shutdown: {}", job.id, e.getMessage());
      }
    }
    scheduler.stop();
  }

  // ---- running ----

  private void runLocal(String id) {
    Job job = local.get(id);
    if (job == null) {
      // only this instance schedules under its task name, and only jobs it holds
      log.warn("job {} is not known to this instance; skipped", id);
      return;
    }
    job.run();
  }

  /**
   * Every heartbeat: tells the others this instance is alive, exchanges state with the database
   * (progress out; cancel requests and jobs finished elsewhere in), fails orphans, forgets old jobs.
   */
  private void keepHouse() {
    try {
      Instant now = clock.instant();
      repository.heartbeat(instanceId, now);
      List<Job> unfinished = local.values().stream().filter(job -> !job.isFinished()).toList();
      if (!unfinished.isEmpty()) {
        Map<String, JobRow> rows = new LinkedHashMap<>();
        repository.findAll(unfinished.stream().map(job -> job.id).toList()).forEach(row -> rows.put(row.id(), row));
        for (Job job : unfinished) {
          JobRow row = rows.get(job.id);
          if (row != null) {
            job.exchange(row);
          }
        }
      }
      interruptOrphans(now);
      repository.deleteFinishedBefore(now.minus(retention));
      forgetOldLocalJobs();
    } catch (RuntimeException e) {
      // the database may be briefly unreachable; the next heartbeat tries again
      log.warn("job heartbeat failed: {}", e.getMessage());
    }
  }

  private void interruptOrphans(Instant now) {
    Instant staleBefore = now.minus(instanceTimeout);
    for (JobRow orphan : repository.findOrphans(instanceId, staleBefore)) {
      String error = toJson(JobError.interrupted());
      // one transaction: the files go before anyone sees the job failed, and only by the instance
      // whose update won (a job whose instance came back in time keeps them)
      transaction.executeWithoutResult(status -> {
        if (repository.interrupt(orphan.id(), staleBefore, INTERRUPTED_MESSAGE, error, now)) {
          orphan.tempFiles().forEach(path -> deleteQuietly(Path.of(path)));
          repository.deleteExecution(orphan.id());
          log.warn("job {} ({}) of instance {} had no heartbeat since {}: failed as {}", orphan.id(),
              orphan.kind(), orphan.instanceId(), orphan.heartbeatAt(), INTERRUPTED_MESSAGE);
        }
      });
    }
  }

  private boolean remembered(JobRow row) {
    return row.finishedAt() == null || !row.finishedAt().isBefore(clock.instant().minus(retention));
  }

  private void forgetOldLocalJobs() {
    Instant forgetBefore = clock.instant().minus(retention);
    local.values().removeIf(job -> job.finishedBefore(forgetBefore));
  }

  private JobStatus statusOf(JobRow row) {
    return new JobStatus(row.id(), row.kind(), row.state(), row.progress(), row.message(), fromJson(row.resultJson()),
        errorFromJson(row.errorJson()), row.submittedAt(), row.startedAt(), row.finishedAt());
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private Object fromJson(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored job result is not JSON", e);
    }
  }

  private JobError errorFromJson(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, JobError.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored job error is not JSON", e);
    }
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("there is no job with id " + id + " (finished jobs are forgotten after a while)");
  }

  private static void deleteQuietly(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(each);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not remove {}; remove it by hand: {}", path, e.getMessage());
    }
  }

  /**
   * One job this instance accepted: its work, and its state guarded by the job's own lock. State
   * changes are written to the database under that lock, through conditional updates that may
   * find the job changed by another instance (cancelled, or failed as an orphan); the database
   * then wins and the job takes its state from there.
   */
  private final class Job implements JobContext {
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
    /** The stop was asked by the shutdown, not by a planner: the job ends as interrupted. */
    private boolean interruptRequested;
    private boolean committed;
    /** What the database last got of progress and message, to write only changes. */
    private double writtenProgress;
    private String writtenMessage;

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

    void run() {
      synchronized (this) {
        if (state != JobState.QUEUED) {
          return;
        }
        Instant now = clock.instant();
        if (!repository.markRunning(id, now, "started")) {
          // cancelled through another instance (or failed as an orphan) before it started
          repository.find(id).ifPresent(this::adoptFinal);
          cleanUp();
          return;
        }
        state = JobState.RUNNING;
        startedAt = now;
        message = "started";
      }
      try {
        Object value = work.run(this);
        finish(JobState.SUCCEEDED, value, null, "done");
      } catch (JobCancelledException e) {
        if (interrupted()) {
          finish(JobState.FAILED, null, JobError.interrupted(), INTERRUPTED_MESSAGE);
        } else {
          finish(JobState.CANCELLED, null, null, "cancelled");
        }
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
      String resultJson = null;
      String errorJson = null;
      try {
        resultJson = value == null ? null : toJson(value);
        errorJson = failure == null ? null : toJson(failure);
      } catch (RuntimeException e) {
        log.error("job {} ({}): its result cannot be stored", id, kind, e);
        finalState = JobState.FAILED;
        value = null;
        failure = JobError.internal("the job's result could not be stored; the server log has the details");
        finalMessage = "failed";
        errorJson = toJson(failure);
      }
      synchronized (this) {
        state = finalState;
        result = value;
        error = failure;
        message = finalMessage;
        if (finalState == JobState.SUCCEEDED) {
          progress = 1;
        }
        finishedAt = clock.instant();
        try {
          if (!repository.finish(id, state, progress, message, resultJson, errorJson, finishedAt)) {
            log.warn("job {} ({}) finished {} but had already been ended elsewhere", id, kind, state.code());
            repository.find(id).ifPresent(this::adoptFinal);
          }
        } catch (RuntimeException e) {
          log.error("job {} ({}) finished {} but its state could not be stored", id, kind, state.code(), e);
        }
      }
    }

    /** Takes the final state another instance gave the job. */
    private synchronized void adoptFinal(JobRow row) {
      if (!row.state().isFinished()) {
        return;
      }
      state = row.state();
      message = row.message();
      progress = row.progress();
      result = fromJson(row.resultJson());
      error = errorFromJson(row.errorJson());
      startedAt = row.startedAt();
      finishedAt = row.finishedAt();
    }

    /**
     * The heartbeat's exchange with the job's row: a cancel requested elsewhere comes in, a job
     * cancelled elsewhere while queued ends here, progress goes out.
     */
    void exchange(JobRow row) {
      boolean endedElsewhere;
      synchronized (this) {
        endedElsewhere = state == JobState.QUEUED && row.state().isFinished();
        if (endedElsewhere) {
          adoptFinal(row);
        } else if (state == JobState.RUNNING && row.cancelRequested() && !committed) {
          cancelRequested = true;
          message = "cancelling";
        }
        if (state == JobState.RUNNING && (progress != writtenProgress || !message.equals(writtenMessage))) {
          repository.progress(id, progress, message);
          writtenProgress = progress;
          writtenMessage = message;
        }
      }
      if (endedElsewhere) {
        cleanUp();
      }
    }

    private synchronized boolean interrupted() {
      return interruptRequested;
    }

    /** The shutdown's stop: a queued job ends at once, a running one at its next check. */
    synchronized void interrupt() {
      if (state == JobState.QUEUED) {
        Instant now = clock.instant();
        JobError interruption = JobError.interrupted();
        if (repository.finish(id, JobState.FAILED, progress, INTERRUPTED_MESSAGE, null, toJson(interruption), now)) {
          state = JobState.FAILED;
          message = INTERRUPTED_MESSAGE;
          error = interruption;
          finishedAt = now;
          cleanUp();
        }
      } else if (state == JobState.RUNNING && !committed && !cancelRequested) {
        interruptRequested = true;
        cancelRequested = true;
      }
    }

    /** @return the status right after the request, taken under the lock */
    synchronized JobStatus cancel() {
      if (state == JobState.QUEUED) {
        Instant now = clock.instant();
        if (repository.cancelQueued(id, "cancelled before it started", now)) {
          state = JobState.CANCELLED;
          message = "cancelled before it started";
          finishedAt = now;
          // under the lock, so that nobody sees it cancelled before its cleanup is done
          cleanUp();
        }
        // else it is being started right now, or was ended elsewhere: run() or exchange() decide
      } else if (state == JobState.RUNNING && !committed) {
        repository.requestCancel(id, "cancelling");
        message = "cancelling";
        cancelRequested = true;
      }
      return status();
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
      // a cancel sent to another instance may be in the database and not yet read here
      if (!repository.commit(id)) {
        cancelRequested = true;
        throw new JobCancelledException();
      }
      committed = true;
    }

    synchronized boolean isQueued() {
      return state == JobState.QUEUED;
    }

    synchronized boolean isRunning() {
      return state == JobState.RUNNING;
    }

    synchronized boolean isFinished() {
      return state.isFinished();
    }

    synchronized boolean finishedBefore(Instant instant) {
      return finishedAt != null && finishedAt.isBefore(instant);
    }

    synchronized JobStatus status() {
      return new JobStatus(id, kind, state, progress, message, result, error, submittedAt, startedAt, finishedAt);
    }
  }
}
