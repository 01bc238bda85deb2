package org.carecircle.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Runs a few independent tasks at once: all but one asynchronously, the last in the caller. */
final class Parallel {
  /**
   * Tasks per step of one zone build: the raster steps split well up to a few threads, and a
   * service builds several zones at once anyway.
   */
  static final int MAX_THREADS = 4;

  private Parallel() {}

  /** Threads worth using on this machine, 1 to {@link #MAX_THREADS}. */
  static int threads() {
    return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
  }

  static void run(List<Runnable> tasks) {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    //-- CompletableFuture's default executor is the common pool, or a thread per task where
    //-- that pool has a single thread (two processors): either way the caller does one share
    List<CompletableFuture<Void>> others = new ArrayList<>();
    for (int t = 0; t + 1 < tasks.size(); t++) {
      others.add(CompletableFuture.runAsync(tasks.get(t)));
    }
    tasks.get(tasks.size() - 1).run();
    try {
      CompletableFuture.allOf(others.toArray(new CompletableFuture[0])).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
