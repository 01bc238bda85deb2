package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CareCircle's packaged jar ({@code target/carecircle.jar}) running in a child process, as an
 * administrator runs it, for tests that must kill the real thing: {@link #kill()} sends SIGKILL
 * ({@link Process#destroyForcibly()} on Linux), so nothing in the server gets to clean up.
 *
 * <p>The jar exists only after {@code mvn package}: tests using this class are integration tests
 * ({@code *IT}, run by failsafe in {@code mvn verify}).
 */
public final class ChildServer {
  /** Start-up on a busy 2-core machine takes 10-20 s; far beyond that something is wrong. */
  private static final Duration START_DEADLINE = Duration.ofSeconds(180);

  private final Process process;
  private final int port;
  private final Path log;

  private ChildServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The packaged jar; fails the test with the command that builds it when it is missing. */
  public static Path jar() {
    Path jar = Path.of("target", "carecircle.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      fail("target/carecircle.jar is missing: integration tests run after packaging (mvn verify, scripts/test.sh)");
    }
    return jar;
  }

  /**
   * Starts the jar with these {@code --name=value} settings and waits until it answers HTTP.
   *
   * @param workDir the child's working directory; its output goes to {@code server-<port>.log} there
   * @param settings application settings, e.g. {@code spring.datasource.url}
   */
  public static ChildServer start(Path workDir, Map<String, String> settings) {
    int port = freePort();
    Path log = workDir.resolve("server-" + port + ".log");
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1500m", "-XX:TieredStopAtLevel=1",
        "-Dfile.encoding=UTF-8", "-jar", jar().toString(), "--server.port=" + port));
    settings.forEach((name, value) -> command.add("--" + name + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // the first admin as in the test stores, so that ApiClient's default sign-in works in the child too
    builder.environment().put("CARECIRCLE_ADMIN_PASSWORD", TestUsers.ADMIN_PASSWORD);
    try {
      ChildServer server = new ChildServer(builder.start(), port, log);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public ApiClient api() {
    return new ApiClient(port);
  }

  /** SIGKILL, then waits until the process is gone (its file locks released). */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the child's output, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("CareCircle exited with " + process.exitValue() + " during start-up:\n" + logTail());
      }
      try {
        // any HTTP answer: Tomcat starts only after every bean (and Flyway) is ready
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/config"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    kill();
    fail("CareCircle did not answer within " + START_DEADLINE + ":\n" + logTail());
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
