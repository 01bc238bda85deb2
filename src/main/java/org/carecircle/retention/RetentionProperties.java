package org.carecircle.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code carecircle.retention.*} settings.
 *
 * @param maxAge unnamed results older than this may be removed (default 7 days)
 * @param keepNewest the newest this many results of each kind are kept whatever their age
 *     (default 100), so that a planner returning after a holiday still finds the last analyses
 * @param maxUnnamed most unnamed results of each kind kept whatever their age (default 10,000):
 *     under heavy load (thousands of coverage requests an hour) the age alone would not bound the
 *     store, so beyond this many the oldest unnamed ones go at the next clean-up
 * @param cleanupInterval time between two clean-ups (default 1 hour); the first runs one interval
 *     after start-up
 */
@ConfigurationProperties("carecircle.retention")
public record RetentionProperties(Duration maxAge, Integer keepNewest, Integer maxUnnamed, Duration cleanupInterval) {
  public RetentionProperties {
    maxAge = maxAge == null ? Duration.ofDays(7) : maxAge;
    keepNewest = keepNewest == null ? 100 : keepNewest;
    maxUnnamed = maxUnnamed == null ? 10_000 : maxUnnamed;
    cleanupInterval = cleanupInterval == null ? Duration.ofHours(1) : cleanupInterval;
    if (maxAge.isNegative() || keepNewest < 0 || maxUnnamed < keepNewest || cleanupInterval.isNegative()
        || cleanupInterval.isZero()) {
      throw new IllegalArgumentException("carecircle.retention: max-age and keep-newest must be 0 or more,"
          + " max-unnamed at least keep-newest, and cleanup-interval more than 0");
    }
  }
}
