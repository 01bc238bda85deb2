package org.carecircle.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.carecircle.CareCircleApplication;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.Jobs;
import org.carecircle.testsupport.TestStores;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One CareCircle instance started in this JVM (an application context with its own web server
 * on a free port), on a given store and networks folder; closing it is a clean shutdown.
 */
final class AppInstance implements AutoCloseable {
  /** Heartbeats short enough for a test to see a dead instance's jobs failed within seconds. */
  /** The tests import the shared geodata files by their server path: that folder is allowed. */
  static final String SHARED_GEODATA_FOLDER = "--carecircle.import.server-folders="
      + org.carecircle.testsupport.SharedGeodata.root();

  static final List<String> QUICK_HEARTBEAT = List.of("--carecircle.job-store.heartbeat-interval=200ms",
      "--carecircle.job-store.instance-timeout=10s", "--carecircle.job-store.polling-interval=200ms");

  final ConfigurableApplicationContext context;
  final ApiClient api;
  final int port;

  private AppInstance(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    this.api = new ApiClient(port);
  }

  /** Starts an instance on {@code store} (see {@link #storeArguments}) and {@code networks}. */
  static AppInstance start(List<String> store, Path networks) {
    List<String> arguments = new ArrayList<>(store);
    arguments.add("--server.port=0");
    arguments.add("--spring.main.banner-mode=off");
    arguments.add("--carecircle.network.directory=" + networks);
    arguments.add(SHARED_GEODATA_FOLDER);
    arguments.addAll(QUICK_HEARTBEAT);
    return new AppInstance(new SpringApplicationBuilder(CareCircleApplication.class)
        .run(arguments.toArray(String[]::new)));
  }

  /** Command-line arguments pointing an instance at the store ({@code h2Url} only for H2GIS). */
  static List<String> storeArguments(TestStores.Store store, String h2Url) {
    return switch (store) {
      case H2GIS -> List.of("--spring.datasource.url=" + h2Url, "--spring.datasource.username=sa",
          "--spring.datasource.password=");
      case POSTGIS -> List.of("--spring.datasource.url=" + TestStores.postgisUrl(),
          "--spring.datasource.username=" + postgisUser(), "--spring.datasource.password=");
    };
  }

  private static String postgisUser() {
    String user = System.getenv("CARECIRCLE_TEST_PG_USER");
    return user == null ? "postgres" : user;
  }

  /** Starts importing a file already on the server; answers the job id. */
  static String importServerFile(ApiClient api, Path file, String name) {
    Response accepted = api.postJson("/api/networks/import",
        "{\"path\": \"" + file.toAbsolutePath() + "\", \"name\": \"" + name + "\"}");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    return accepted.json().get("jobId").asText();
  }

  /** Polls {@code /api/jobs/{id}} on {@code api} until the job satisfies {@code until}. */
  static JsonNode pollJob(ApiClient api, String jobId, Predicate<JsonNode> until) {
    long deadline = System.nanoTime() + Jobs.DEADLINE.toNanos();
    while (true) {
      Response response = api.get("/api/jobs/" + jobId);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      JsonNode job = response.json();
      if (until.test(job)) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        return fail("job " + jobId + " did not get there within " + Jobs.DEADLINE + ": " + job);
      }
      sleep(20);
    }
  }

  static boolean finished(JsonNode job) {
    return List.of("succeeded", "failed", "cancelled").contains(job.get("state").asText());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The names of the entries of a folder starting with a dot: uploads, staging folders. */
  static List<String> hiddenEntries(Path folder) {
    try (var entries = Files.list(folder)) {
      return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".")).sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
