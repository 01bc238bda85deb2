package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sign-in rate limit over real HTTP with the production numbers (5 failures in 15 minutes lock
 * for 5 minutes). Its own context, thrown away after: the lock is on 127.0.0.1, which every test
 * signs in from.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "carecircle.security.login.max-failures-per-name=5", "carecircle.security.login.max-failures-per-address=5"})
@DirtiesContext
class LoginRateLimitTest {
  @LocalServerPort int port;

  @Test
  void afterFiveWrongPasswordsEvenTheRightOneIsRefusedWith429SayingWhenToRetry() {
    ApiClient admin = new ApiClient(port);
    TestUser planner = TestUsers.create(admin, "guessed", "planner");
    for (int attempt = 1; attempt <= 5; attempt++) {
      Response wrong = admin.as(planner.name(), "guess-" + attempt).get("/api/facilities");
      assertThat(wrong.status()).as("attempt " + attempt).isEqualTo(401);
    }
    Instant locked = Instant.now();

    Response refused = admin.as(planner.name(), planner.password()).get("/api/facilities");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("Try again after").contains("UTC");
    Instant retryAfter = Instant.parse(refused.json().get("retryAfter").asText());
    assertThat(Duration.between(locked, retryAfter)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
    long seconds = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(seconds).isBetween(240L, 301L);

    // the page's form is refused the same way
    String xsrf = admin.anonymous().get("/login.html").cookie("XSRF-TOKEN");
    Response form = admin.anonymous().withHeader("Cookie", "XSRF-TOKEN=" + xsrf).withHeader("X-XSRF-TOKEN", xsrf)
        .postForm("/login", "username", planner.name(), "password", planner.password());
    assertThat(form.status()).as(form.toString()).isEqualTo(429);
    assertThat(form.json().get("title").asText()).isEqualTo("Too many failed sign-ins");
    // the address is locked too (five failures from 127.0.0.1): the admin waits like everybody else
    assertThat(admin.get("/api/facilities").status()).isEqualTo(429);
  }
}
