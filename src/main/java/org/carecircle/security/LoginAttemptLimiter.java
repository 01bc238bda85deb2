package org.carecircle.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins (wrong password or unknown user, by the page's form or HTTP Basic) per
 * user name and per IP address. After {@link SecuritySettings.LoginLimit#maxFailuresPerName()}
 * failures of one name (or {@link SecuritySettings.LoginLimit#maxFailuresPerAddress()} from one
 * address) within the window, that name (address) is locked for the lockout time: sign-ins with
 * that name, or from that address, are refused before the password is even checked.
 *
 * <p>IMPLEMENTATION NOTE: the counts live in this instance's memory, so two instances on one store
 * each allow the limit, and a restart forgets them. Shared counts would need a table written on
 * every failure; the limit exists to slow password guessing down, which per-instance counts do.
 */
@Component
public class LoginAttemptLimiter {
  /** Above this many keys, stale ones are dropped, so that guessing random names cannot fill memory. */
  private static final int PRUNE_ABOVE_KEYS = 10_000;
  private static final String ADDRESS = "address:";

  private final SecuritySettings.LoginLimit limit;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();
  private final Map<String, Instant> lockedUntil = new HashMap<>();

  @Autowired
  public LoginAttemptLimiter(SecuritySettings settings) {
    this(settings.login(), Clock.systemUTC());
  }

  LoginAttemptLimiter(SecuritySettings.LoginLimit limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /**
   * When sign-ins for this name or from this address may be tried again, or empty when they may
   * be tried now.
   *
   * @param userName the name being signed in, or null when unknown
   * @param address the client's IP address, or null
   */
  public synchronized Optional<Instant> lockedUntil(String userName, String address) {
    Instant now = clock.instant();
    Instant until = null;
    for (String key : keys(userName, address)) {
      Instant keyUntil = lockedUntil.get(key);
      if (keyUntil != null && !keyUntil.isAfter(now)) {
        lockedUntil.remove(key);
      } else if (keyUntil != null && (until == null || keyUntil.isAfter(until))) {
        until = keyUntil;
      }
    }
    return Optional.ofNullable(until);
  }

  /** Notes one failed sign-in; locks the name and/or address when it reaches the limit. */
  public synchronized void recordFailure(String userName, String address) {
    Instant now = clock.instant();
    if (failures.size() > PRUNE_ABOVE_KEYS) {
      prune(now);
    }
    for (String key : keys(userName, address)) {
      Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      dropOlderThanWindow(times, now);
      times.addLast(now);
      int max = key.startsWith(ADDRESS) ? limit.maxFailuresPerAddress() : limit.maxFailuresPerName();
      if (times.size() >= max) {
        lockedUntil.put(key, now.plus(limit.lockout()));
        failures.remove(key);
      }
    }
  }

  /** A successful sign-in forgets the name's failures (not the address's). */
  public synchronized void recordSuccess(String userName) {
    if (userName != null) {
      failures.remove(nameKey(userName));
    }
  }

  @EventListener
  void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
    String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : null;
    recordFailure(event.getAuthentication().getName(), address);
  }

  @EventListener
  void onSuccess(AuthenticationSuccessEvent event) {
    recordSuccess(event.getAuthentication().getName());
  }

  private void dropOlderThanWindow(Deque<Instant> times, Instant now) {
    Instant oldest = now.minus(limit.window());
    while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
      times.removeFirst();
    }
  }

  private void prune(Instant now) {
    failures.values().forEach(times -> dropOlderThanWindow(times, now));
    failures.values().removeIf(Deque::isEmpty);
    lockedUntil.values().removeIf(until -> !until.isAfter(now));
  }

  private static String[] keys(String userName, String address) {
    if (userName != null && address != null) {
      return new String[] {nameKey(userName), ADDRESS + address};
    }
    if (userName != null) {
      return new String[] {nameKey(userName)};
    }
    return address != null ? new String[] {ADDRESS + address} : new String[0];
  }

  private static String nameKey(String userName) {
    return "name:" + userName;
  }
}
