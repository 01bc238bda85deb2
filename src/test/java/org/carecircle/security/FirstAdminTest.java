package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carecircle.CareCircleApplication;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The first start on an empty store, as an operator does it: CareCircle started with the
 * production application.yml only (not the tests' configuration, which sets a password) and an
 * environment with or without CARECIRCLE_ADMIN_PASSWORD.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {
  private static final Pattern ONE_TIME = Pattern.compile("One-time password:\\s+(\\S+)");

  /** Starts CareCircle on the H2 file database at url, with these environment variables added. */
  private static ConfigurableApplicationContext start(String url, Map<String, String> variables) throws IOException {
    Map<String, Object> environment = new HashMap<>(System.getenv());
    environment.putAll(variables);
    var spring = new StandardEnvironment();
    spring.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    return new SpringApplicationBuilder(CareCircleApplication.class).environment(spring).run(
        "--spring.config.location=classpath:/application.yml", "--server.port=0", "--spring.datasource.url=" + url,
        "--carecircle.network.directory=" + Files.createTempDirectory("carecircle-first-admin-networks"));
  }

  private static ApiClient client(ConfigurableApplicationContext context) {
    return new ApiClient(((ServletWebServerApplicationContext) context).getWebServer().getPort());
  }

  @Test
  void theAdminPasswordFromTheEnvironmentSignsInWithoutChange(CapturedOutput output) throws IOException {
    try (var context = start(TestStores.h2Url(), Map.of("CARECIRCLE_ADMIN_PASSWORD", "chosen-by-the-operator"))) {
      ApiClient admin = client(context).as("admin", "chosen-by-the-operator");
      Response me = admin.get("/api/me");
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.json().get("role").asText()).isEqualTo("admin");
      assertThat(me.json().get("mustChangePassword").asBoolean()).isFalse();
      assertThat(admin.get("/api/facilities").status()).isEqualTo(200);
    }
    assertThat(output.getOut()).contains("Created the first user 'admin' with the password from")
        .doesNotContain("One-time password").doesNotContain("chosen-by-the-operator");
  }

  @Test
  void withoutAPasswordAOneTimePasswordIsPrintedOnceAndMustBeChanged(CapturedOutput output) throws IOException {
    String url = TestStores.h2Url();
    String oneTime;
    try (var context = start(url, Map.of())) {
      Matcher printed = ONE_TIME.matcher(output.getOut());
      assertThat(printed.find()).as("the one-time password is in the log").isTrue();
      oneTime = printed.group(1);
      assertThat(printed.find()).as("printed once").isFalse();

      ApiClient admin = client(context).as("admin", oneTime);
      Response blocked = admin.get("/api/facilities");
      assertThat(blocked.status()).as(blocked.toString()).isEqualTo(403);
      assertThat(blocked.contentType()).startsWith("application/problem+json");
      assertThat(blocked.json().get("title").asText()).isEqualTo("Password change required");
      assertThat(blocked.json().get("detail").asText()).contains("POST /api/me/password");
      assertThat(admin.postJson("/api/admin/users", "{}").status()).isEqualTo(403);
      assertThat(admin.get("/api/me").json().get("mustChangePassword").asBoolean()).isTrue();

      Response changed = admin.postJson("/api/me/password",
          "{\"currentPassword\":\"" + oneTime + "\",\"newPassword\":\"my-own-password\"}");
      assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
      assertThat(admin.get("/api/facilities").status()).as("the old password is gone").isEqualTo(401);
      assertThat(client(context).as("admin", "my-own-password").get("/api/facilities").status()).isEqualTo(200);
    }
    int printedBefore = countOf(output.getOut(), "One-time password");
    // a restart on the same store: the user exists, nothing is printed again
    try (var context = start(url, Map.of())) {
      assertThat(client(context).as("admin", "my-own-password").get("/api/me").status()).isEqualTo(200);
    }
    assertThat(countOf(output.getOut(), "One-time password")).isEqualTo(printedBefore);
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
