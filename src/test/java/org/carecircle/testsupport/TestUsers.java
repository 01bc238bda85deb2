package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/**
 * The users of API and page tests. Every test store's first admin is {@link #ADMIN} with {@link
 * #ADMIN_PASSWORD} (src/test/resources/config/application.yml); other users are made per test with
 * {@link #create}, under unique names because the PostGIS test database is shared between runs.
 */
public final class TestUsers {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "test-admin-password";

  private TestUsers() {}

  /** A user made through the admin API. */
  public record TestUser(String name, String password, String role) {}

  /**
   * Creates a user with the role (viewer, planner, admin) whose password needs no change.
   *
   * @param admin a client signed in as an admin
   * @param prefix the start of the user name; a random suffix makes it unique
   */
  public static TestUser create(ApiClient admin, String prefix, String role) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    ApiClient.Response created = admin.postJson("/api/admin/users", "{\"name\":\"" + name + "\",\"password\":\""
        + password + "\",\"role\":\"" + role + "\",\"mustChangePassword\":false}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new TestUser(name, password, role);
  }
}
