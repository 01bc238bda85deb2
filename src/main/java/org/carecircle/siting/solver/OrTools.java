package org.carecircle.siting.solver;

import com.google.ortools.Loader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.carecircle.job.JobContext;

/**
 * OR-Tools glue: loads the native library once, and runs a blocking solve so that a job can still
 * be cancelled.
 *
 * <p>IMPLEMENTATION NOTE. The OR-Tools solve call blocks its thread until the solver stops, and
 * {@link JobContext} may only be asked from the job's own thread. So the solve runs on a helper
 * thread while the job's thread waits in slices of {@link #POLL_MILLIS}, reporting progress and
 * checking for cancellation in between; on cancel it asks the solver to stop (MPSolver
 * {@code interruptSolve}, CP-SAT {@code stopSearch}), waits for it and rethrows.
 */
final class OrTools {
  /** How often a waiting job looks for a cancel request: often enough to feel immediate. */
  static final long POLL_MILLIS = 100;

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService SOLVE_THREADS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "carecircle-siting-solve-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });
  private static volatile boolean loaded;

  private OrTools() {}

  /** Loads the OR-Tools native library (from the ortools-linux-x86-64 jar) on first use. */
  static void load() {
    if (!loaded) {
      synchronized (OrTools.class) {
        if (!loaded) {
          Loader.loadNativeLibraries();
          loaded = true;
        }
      }
    }
  }

  /**
   * Runs {@code solve} on a helper thread; returns its result, or stops it with {@code interrupt}
   * and rethrows when the job is cancelled meanwhile.
   *
   * @param expectedSeconds the solver's time limit, to report progress as a share of it
   */
  static <T> T solveCancellably(Callable<T> solve, Runnable interrupt, JobContext context, String message,
      double expectedSeconds) {
    Future<T> future = SOLVE_THREADS.submit(solve);
    long started = System.nanoTime();
    while (true) {
      try {
        return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        context.progress(Math.min(0.99, elapsed / expectedSeconds), message);
        try {
          context.checkCancelled();
        } catch (RuntimeException cancelled) {
          interrupt.run();
          awaitQuietly(future);
          throw cancelled;
        }
      } catch (InterruptedException e) {
        interrupt.run();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while solving", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  private static void awaitQuietly(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the solve was stopped on purpose; its failure, if any, no longer matters
    }
  }
}
