package org.carecircle.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses sign-in attempts (the page's form: POST /login; scripts: HTTP Basic) for a user name or
 * from an address that {@link LoginAttemptLimiter} has locked, with 429 and the time to retry.
 */
final class LoginRateLimitFilter extends OncePerRequestFilter {
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private final LoginAttemptLimiter limiter;
  private final ProblemResponses problems;

  LoginRateLimitFilter(LoginAttemptLimiter limiter, ProblemResponses problems) {
    this.limiter = limiter;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> userName = signInName(request);
    if (userName.isPresent()) {
      Optional<Instant> until = limiter.lockedUntil(userName.get(), request.getRemoteAddr());
      if (until.isPresent()) {
        long seconds = Math.max(1, Duration.between(Instant.now(), until.get()).toSeconds() + 1);
        response.setHeader("Retry-After", String.valueOf(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
            "Too many wrong passwords for this user name or from this address. Try again after "
                + CLOCK_TIME.format(until.get()) + " (in " + seconds + " seconds).",
            Map.of("retryAfter", until.get().toString()));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** The user name of a sign-in attempt, or empty when the request is not one. */
  private static Optional<String> signInName(HttpServletRequest request) {
    if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
      return Optional.of(Optional.ofNullable(request.getParameter("username")).orElse(""));
    }
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return Optional.of(colon < 0 ? pair : pair.substring(0, colon));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
