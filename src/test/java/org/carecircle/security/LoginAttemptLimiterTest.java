package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The counting behind the sign-in rate limit, on a clock the test moves. */
class LoginAttemptLimiterTest {
  private static final Instant START = Instant.parse("2026-12-03T09:00:00Z");

  /** A clock that stays put until moved. */
  private static final class ManualClock extends Clock {
    private Instant now = START;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final LoginAttemptLimiter limiter = new LoginAttemptLimiter(
      new SecuritySettings.LoginLimit(5, 5, Duration.ofMinutes(15), Duration.ofMinutes(5)), clock);

  @Test
  void theFifthFailureWithinFifteenMinutesLocksTheNameForFiveMinutes() {
    for (int failure = 1; failure <= 4; failure++) {
      limiter.recordFailure("li.wei", "10.0.0." + failure);
      clock.advance(Duration.ofMinutes(3));
      assertThat(limiter.lockedUntil("li.wei", "10.0.0.99")).as("after failure " + failure).isEmpty();
    }
    // 12 minutes after the first failure: still inside the window
    limiter.recordFailure("li.wei", "10.0.0.5");
    Instant fifth = clock.instant();
    assertThat(limiter.lockedUntil("li.wei", "10.0.0.99")).contains(fifth.plus(Duration.ofMinutes(5)));
    assertThat(limiter.lockedUntil("wang.fang", "10.0.0.99")).as("other names from other addresses").isEmpty();

    clock.advance(Duration.ofMinutes(5));
    assertThat(limiter.lockedUntil("li.wei", "10.0.0.99")).as("the lockout is over").isEmpty();
    limiter.recordFailure("li.wei", "10.0.0.6");
    assertThat(limiter.lockedUntil("li.wei", "10.0.0.99")).as("counting starts again").isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    for (int failure = 1; failure <= 4; failure++) {
      limiter.recordFailure("li.wei", null);
    }
    clock.advance(Duration.ofMinutes(16));
    limiter.recordFailure("li.wei", null);
    assertThat(limiter.lockedUntil("li.wei", null)).isEmpty();
  }

  @Test
  void fiveFailuresFromOneAddressLockItForEveryName() {
    for (String name : new String[] {"a", "b", "c", "d", "e"}) {
      limiter.recordFailure(name, "192.0.2.7");
    }
    assertThat(limiter.lockedUntil("somebody-else", "192.0.2.7")).isPresent();
    assertThat(limiter.lockedUntil("somebody-else", "192.0.2.8")).isEmpty();
  }

  @Test
  void aSuccessfulSignInForgetsTheNamesFailures() {
    for (int failure = 1; failure <= 4; failure++) {
      limiter.recordFailure("li.wei", null);
    }
    limiter.recordSuccess("li.wei");
    limiter.recordFailure("li.wei", null);
    assertThat(limiter.lockedUntil("li.wei", null)).isEmpty();
  }
}
