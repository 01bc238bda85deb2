package org.carecircle.coverage.isochrone;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs the steps of one zone build on a few threads: all tasks but one on a shared pool, the
 * last in the caller.
 *
 * <p>IMPLEMENTATION NOTE. Callers often build zones of several facilities at once (a parallel
 * stream over facilities). Had each build also split its own steps, every core would run
 * several threads that evict each other's lattices from the cache, and the whole ran slower
 * than one build after another. So the threads of a build are its share of the processors
 * among the builds running when it starts ({@link #share}): one build alone uses up to
 * {@link #MAX_THREADS}, builds started beside others mostly use one each.
 */
final class Parallel {
  /**
   * Tasks per step of one zone build: the raster steps split well up to a few threads, and a
   * service builds several zones at once anyway.
   */
  static final int MAX_THREADS = 4;

  /** Builds running now, in this JVM. */
  private static final AtomicInteger RUNNING = new AtomicInteger();

  /**
   * Threads that are reused between builds (a thread per task costs about a tenth of a
   * millisecond to start); daemons, so that they never keep the JVM alive.
   */
  private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "coverage-zone-step");
    thread.setDaemon(true);
    return thread;
  });

  private Parallel() {}

  /** Threads worth using on this machine, 1 to {@link #MAX_THREADS}. */
  static int threads() {
    return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Runs {@code build} with its share of {@link #threads()}: all of them when no other build
   * runs, else the processors divided among the builds running (at least one).
   */
  static <T> T share(IntFunction<T> build) {
    int running = RUNNING.incrementAndGet();
    try {
      return build.apply(Math.max(1, threads() / running));
    } finally {
      RUNNING.decrementAndGet();
    }
  }

  static void run(List<Runnable> tasks) {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    List<Future<?>> others = new ArrayList<>();
    for (int t = 0; t + 1 < tasks.size(); t++) {
      others.add(POOL.submit(tasks.get(t)));
    }
    RuntimeException failure = null;
    try {
      tasks.get(tasks.size() - 1).run();
    } catch (RuntimeException e) {
      failure = e;
    }
    //-- wait for every task, even after a failure: they write into arrays the caller owns
    for (Future<?> other : others) {
      try {
        other.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException runtime
              ? runtime : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while building a zone", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
