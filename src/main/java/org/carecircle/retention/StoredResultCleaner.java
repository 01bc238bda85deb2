package org.carecircle.retention;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes stored results that nobody keeps (see the package description), every
 * {@code carecircle.retention.cleanup-interval}. Each kind is cleaned in its own statement, so a
 * failure on one leaves the others cleaned and is tried again at the next run.
 */
@Component
public class StoredResultCleaner {
  private static final Logger log = LoggerFactory.getLogger(StoredResultCleaner.class);

  private final List<RetainedResults> kinds;
  private final RetentionProperties settings;

  public StoredResultCleaner(List<RetainedResults> kinds, RetentionProperties settings) {
    this.kinds = List.copyOf(kinds);
    this.settings = settings;
  }

  /** The scheduled run; failures are logged, never thrown into the scheduler. */
  @Scheduled(initialDelayString = "${carecircle.retention.cleanup-interval:PT1H}",
      fixedDelayString = "${carecircle.retention.cleanup-interval:PT1H}")
  public void scheduledCleanUp() {
    cleanUp();
  }

  /** Cleans every kind now; answers how many rows each lost, by description. */
  public Map<String, Integer> cleanUp() {
    Instant createdBefore = Instant.now().minus(settings.maxAge());
    Map<String, Integer> removed = new LinkedHashMap<>();
    for (RetainedResults kind : kinds) {
      try {
        int count = kind.deleteExpired(createdBefore, settings.keepNewest(), settings.maxUnnamed());
        removed.put(kind.description(), count);
        if (count > 0) {
          log.info("retention: removed {} {} created before {}", count, kind.description(), createdBefore);
        }
      } catch (RuntimeException e) {
        log.error("retention: could not clean {}", kind.description(), e);
      }
    }
    return removed;
  }
}
