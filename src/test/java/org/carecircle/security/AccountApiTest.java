package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scripts' ways in (HTTP Basic, personal API tokens; neither needs a CSRF token) and what admins
 * do to accounts, over real HTTP on the default store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountApiTest {
  private static final byte[] ONE_CLINIC = "name,type,lon,lat\nToken clinic,community_health_centre,120.38,36.07\n"
      .getBytes(StandardCharsets.UTF_8);

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void admin() {
    admin = new ApiClient(port);
  }

  private static void assertProblem(Response response, int status, String detailPart) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asText()).as(response.toString()).contains(detailPart);
  }

  @Test
  void aBearerTokenWritesWithoutCsrfUntilRevoked() {
    TestUser planner = TestUsers.create(admin, "token-planner", "planner");
    ApiClient plannerBasic = admin.as(planner.name(), planner.password());
    Response created = plannerBasic.postJson("/api/me/tokens", "{\"name\":\"nightly import\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String token = created.json().get("token").asText();
    long id = created.json().get("id").asLong();
    assertThat(token).startsWith("cc_").hasSizeGreaterThan(40);

    ApiClient script = admin.anonymous().withToken(token);
    Response imported = script.upload("/api/facilities/import", "clinics.csv", ONE_CLINIC);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(imported.headers().allValues("Set-Cookie")).as("no session for scripts")
        .noneMatch(cookie -> cookie.startsWith("SESSION="));
    assertThat(script.get("/api/me").json().get("name").asText()).isEqualTo(planner.name());

    JsonNode listed = plannerBasic.get("/api/me/tokens").json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("name").asText()).isEqualTo("nightly import");
    assertThat(listed.get(0).has("token")).as("the token is shown once only").isFalse();
    assertThat(listed.get(0).get("lastUsedAt").isNull()).isFalse();
    // another user cannot see or revoke it
    assertThat(admin.get("/api/me/tokens").json()).noneMatch(t -> t.get("id").asLong() == id);
    assertThat(admin.delete("/api/me/tokens/" + id).status()).isEqualTo(404);

    assertThat(plannerBasic.delete("/api/me/tokens/" + id).status()).isEqualTo(204);
    assertProblem(script.get("/api/facilities"), 401, "revoked");
    assertProblem(admin.anonymous().withToken("cc_made-up").get("/api/facilities"), 401, "unknown");
  }

  @Test
  void basicSignInWritesWithoutCsrfAndAWrongPasswordIs401() {
    TestUser planner = TestUsers.create(admin, "basic-planner", "planner");
    Response imported = admin.as(planner.name(), planner.password())
        .upload("/api/facilities/import", "clinics.csv", ONE_CLINIC);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(imported.headers().allValues("Set-Cookie")).as("no session for scripts")
        .noneMatch(cookie -> cookie.startsWith("SESSION="));
    Response wrong = admin.as(planner.name(), "wrong-password").get("/api/facilities");
    assertProblem(wrong, 401, "password is wrong");
    assertThat(wrong.headers().firstValue("WWW-Authenticate").orElse(""))
        .as("no Basic challenge: browsers must never show their password dialog").doesNotContainIgnoringCase("basic");
    assertProblem(admin.anonymous().get("/api/facilities"), 401, "Sign in first");
  }

  @Test
  void aViewersTokenCanReadButNotWrite() {
    TestUser viewer = TestUsers.create(admin, "token-viewer", "viewer");
    String token = admin.as(viewer.name(), viewer.password()).postJson("/api/me/tokens", "{\"name\":\"report\"}")
        .json().get("token").asText();
    ApiClient script = admin.anonymous().withToken(token);
    assertThat(script.get("/api/facilities").status()).isEqualTo(200);
    Response refused = script.upload("/api/facilities/import", "clinics.csv", ONE_CLINIC);
    assertProblem(refused, 403, "needs the role planner");
    assertThat(refused.json().get("requiredRole").asText()).isEqualTo("planner");
  }

  @Test
  void anAdminManagesUsersAndChangesTakeEffectAtOnce() {
    Response created = admin.postJson("/api/admin/users",
        "{\"name\":\"mei.chen\",\"password\":\"first-password-1\",\"role\":\"viewer\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("mustChangePassword").asBoolean()).as("the default for new users").isTrue();
    assertThat(created.json().has("passwordHash")).isFalse();
    ApiClient mei = admin.as("mei.chen", "first-password-1");
    assertProblem(mei.get("/api/facilities"), 403, "choose your own password");
    assertThat(mei.get("/api/me").json().get("mustChangePassword").asBoolean()).isTrue();
    assertThat(mei.postJson("/api/me/password", "{\"currentPassword\":\"nope\",\"newPassword\":\"second-password-2\"}")
        .status()).isEqualTo(422);
    assertThat(mei.postJson("/api/me/password",
        "{\"currentPassword\":\"first-password-1\",\"newPassword\":\"second-password-2\"}").status()).isEqualTo(204);
    mei = admin.as("mei.chen", "second-password-2");
    assertThat(mei.get("/api/facilities").status()).isEqualTo(200);
    assertThat(mei.get("/api/me").json().get("roles")).extracting(JsonNode::asText).containsExactly("viewer");

    // bad input: which field, what was expected
    Response bad = admin.postJson("/api/admin/users", "{\"name\":\"mei chen\",\"password\":\"short\",\"role\":\"boss\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("rejected")).extracting(p -> p.get("field").asText())
        .containsExactlyInAnyOrder("name", "password", "role");
    assertThat(admin.postJson("/api/admin/users",
        "{\"name\":\"mei.chen\",\"password\":\"another-password\",\"role\":\"viewer\"}").json()
        .get("rejected").get(0).get("message").asText()).contains("already exists");

    // role change: planner now, including viewer
    Response promoted = admin.putJson("/api/admin/users/mei.chen/role", "{\"role\":\"planner\"}");
    assertThat(promoted.json().get("roles")).extracting(JsonNode::asText).containsExactly("viewer", "planner");
    assertThat(mei.upload("/api/facilities/import", "clinics.csv", ONE_CLINIC).status()).isEqualTo(200);

    // disabled: refused at once
    assertThat(admin.putJson("/api/admin/users/mei.chen/enabled", "{\"enabled\":false}").status()).isEqualTo(200);
    assertProblem(mei.get("/api/facilities"), 401, "disabled");
    assertThat(admin.get("/api/admin/users").json()).anySatisfy(user -> {
      assertThat(user.get("name").asText()).isEqualTo("mei.chen");
      assertThat(user.get("enabled").asBoolean()).isFalse();
    });

    // reset: a temporary password that must be changed
    admin.putJson("/api/admin/users/mei.chen/enabled", "{\"enabled\":true}");
    Response reset = admin.putJson("/api/admin/users/mei.chen/password", "{\"password\":\"temporary-pass-3\"}");
    assertThat(reset.json().get("mustChangePassword").asBoolean()).isTrue();
    assertThat(admin.as("mei.chen", "second-password-2").get("/api/me").status()).isEqualTo(401);
    assertProblem(admin.as("mei.chen", "temporary-pass-3").get("/api/facilities"), 403, "choose your own password");

    // the last admin cannot lock everybody out
    assertProblem(admin.putJson("/api/admin/users/admin/enabled", "{\"enabled\":false}"), 422, "only enabled admin");
    assertProblem(admin.putJson("/api/admin/users/admin/role", "{\"role\":\"viewer\"}"), 422, "only enabled admin");
    assertProblem(admin.get("/api/admin/users/nobody/role"), 405, "");
    assertProblem(admin.putJson("/api/admin/users/nobody/role", "{\"role\":\"viewer\"}"), 404, "no user named 'nobody'");
  }
}
