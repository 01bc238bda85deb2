package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The page's way in, played by hand over HTTP as a browser would: the sign-in form gives a session
 * cookie kept in the store, and cookie-session writes need the XSRF-TOKEN cookie's value echoed
 * in X-XSRF-TOKEN, which another web site cannot read. Subclasses choose the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SessionAndCsrfTest {
  private static final byte[] ONE_CLINIC = "name,type,lon,lat\nCSRF test clinic,community_health_centre,120.38,36.07\n"
      .getBytes(StandardCharsets.UTF_8);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  ApiClient admin;
  TestUser planner;

  @BeforeEach
  void planner() {
    admin = new ApiClient(port);
    TestStores.clear(jdbc.getDataSource());
    planner = TestUsers.create(admin, "page-planner", "planner");
  }

  /** Loads the sign-in page and signs in through its form, as login.js does. */
  private record Browser(ApiClient client, String xsrf) {}

  private Browser signIn() {
    ApiClient nobody = admin.anonymous();
    Response page = nobody.get("/login.html");
    assertThat(page.status()).isEqualTo(200);
    String xsrf = page.cookie("XSRF-TOKEN");
    assertThat(xsrf).as("the sign-in page sets the XSRF-TOKEN cookie").isNotBlank();

    Response refused = nobody.withHeader("Cookie", "XSRF-TOKEN=" + xsrf).withHeader("X-XSRF-TOKEN", xsrf)
        .postForm("/login", "username", planner.name(), "password", "not-the-password");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("password is wrong");

    Response login = nobody.withHeader("Cookie", "XSRF-TOKEN=" + xsrf).withHeader("X-XSRF-TOKEN", xsrf)
        .postForm("/login", "username", planner.name(), "password", planner.password());
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    assertThat(login.json().get("name").asText()).isEqualTo(planner.name());
    assertThat(login.json().get("role").asText()).isEqualTo("planner");
    String session = login.cookie("SESSION");
    assertThat(session).as("a session cookie").isNotBlank();
    // the token is renewed at sign-in
    String newXsrf = login.cookie("XSRF-TOKEN") == null ? xsrf : login.cookie("XSRF-TOKEN");
    return new Browser(nobody.withHeader("Cookie", "SESSION=" + session + "; XSRF-TOKEN=" + newXsrf), newXsrf);
  }

  @Test
  void aCrossOriginUploadWithTheSessionCookieButNoTokenIsRefusedAndWithTheTokenWorks() {
    Browser browser = signIn();
    assertThat(browser.client().get("/api/me").json().get("name").asText()).isEqualTo(planner.name());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?", Integer.class,
        planner.name())).as("the session is kept in the store").isEqualTo(1);

    // a form on another web site posts to CareCircle: the browser adds the cookies, nobody the header
    Response forged = browser.client().withHeader("Origin", "http://evil.example")
        .upload("/api/facilities/import", "clinics.csv", ONE_CLINIC);
    assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
    assertThat(forged.contentType()).startsWith("application/problem+json");
    assertThat(forged.json().get("detail").asText()).contains("security token").contains("X-XSRF-TOKEN");
    Response guessed = browser.client().withHeader("X-XSRF-TOKEN", "guessed-token")
        .upload("/api/facilities/import", "clinics.csv", ONE_CLINIC);
    assertThat(guessed.status()).isEqualTo(403);
    assertThat(admin.get("/api/facilities").json().get("features")).as("nothing was imported").isEmpty();

    Response page = browser.client().withHeader("X-XSRF-TOKEN", browser.xsrf())
        .upload("/api/facilities/import", "clinics.csv", ONE_CLINIC);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.json().get("imported").asInt()).isEqualTo(1);
    assertThat(admin.get("/api/facilities").json().get("features")).hasSize(1);
  }

  @Test
  void signingOutEndsTheSessionInTheStore() {
    Browser browser = signIn();
    assertThat(browser.client().get("/api/facilities").status()).isEqualTo(200);
    assertThat(browser.client().postForm("/logout").status()).as("sign-out needs the token too").isEqualTo(403);

    Response out = browser.client().withHeader("X-XSRF-TOKEN", browser.xsrf()).postForm("/logout");
    assertThat(out.status()).isEqualTo(204);
    Response after = browser.client().get("/api/facilities");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.contentType()).startsWith("application/problem+json");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?", Integer.class,
        planner.name())).isZero();
    // the page itself sends the browser to the sign-in page
    Response index = browser.client().get("/");
    assertThat(index.status()).isEqualTo(302);
    assertThat(index.headers().firstValue("Location").orElse("")).endsWith("/login.html");
  }
}
