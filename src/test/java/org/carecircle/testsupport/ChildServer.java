package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CareCircle in a child process, for tests that must kill the real thing: {@link #kill()} sends
 * SIGKILL ({@link Process#destroyForcibly()} on Linux), so nothing in the server gets to clean up.
 * It is started in one of two ways, and behaves the same once started:
 *
 * <ul>
 *   <li>{@link #startJar}: the packaged jar ({@code target/carecircle.jar}) with {@code java -jar},
 *       as an administrator runs it. The jar exists only after {@code mvn package}, so tests using
 *       it are integration tests ({@code *IT}, run by failsafe in {@code mvn verify}).
 *   <li>{@link #startClasses}: {@code target/classes} and the dependencies of this test run (never
 *       the test classes) with {@code java -cp}, for surefire tests, which run before packaging.
 * </ul>
 *
 * <p>Either way the child signs in its first admin from {@code CARECIRCLE_ADMIN_PASSWORD} (the test
 * stores' {@link TestUsers#ADMIN}, so that {@link #api()} works), writes everything it prints to
 * one log file, and counts as started when that admin can list the jobs: the store is migrated and
 * sign-in works.
 */
public final class ChildServer {
  /** Start-up on a busy 2-core machine takes 10-20 s; far beyond that something is wrong. */
  private static final Duration START_DEADLINE = Duration.ofSeconds(180);
  /** Lines of the log quoted in failure messages. */
  private static final int TAIL_LINES = 40;

  private final Process process;
  private final int port;
  private final Path log;
  private final ApiClient api;

  private ChildServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.api = new ApiClient(port);
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
   * Starts the packaged jar with these {@code --name=value} settings on a free port.
   *
   * @param workDir the child's working directory; its output goes to {@code server-<port>.log} there
   * @param settings application settings, e.g. {@code spring.datasource.url}
   */
  public static ChildServer startJar(Path workDir, Map<String, String> settings) {
    int port = freePort();
    List<String> jvm = List.of("-Xmx1500m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
        "-jar", jar().toString());
    List<String> arguments = new ArrayList<>();
    settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
    return launch(jvm, arguments, workDir, workDir.resolve("server-" + port + ".log"), port);
  }

  /** {@link #startClasses(List, Path, int)} on a free port. */
  public static ChildServer startClasses(List<String> arguments, Path log) {
    return startClasses(arguments, log, freePort());
  }

  /**
   * Starts {@code target/classes} with these command-line arguments, in this JVM's working
   * directory.
   *
   * @param arguments application arguments, e.g. {@code --spring.datasource.url=...}
   * @param log where the child's output goes
   * @param port the port to listen on; a restarted server keeps its address
   */
  public static ChildServer startClasses(List<String> arguments, Path log, int port) {
    List<String> jvm = List.of("-Xmx1g", "-cp", ChildJvm.mainClasspath(), "org.carecircle.CareCircleApplication");
    return launch(jvm, arguments, null, log, port);
  }

  private static ChildServer launch(List<String> jvm, List<String> arguments, Path workDir, Path log, int port) {
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.javaBinary());
    command.addAll(jvm);
    command.add("--server.port=" + port);
    command.add("--spring.main.banner-mode=off");
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
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

  /** A client signed in as the first admin. */
  public ApiClient api() {
    return api;
  }

  /** The file the child writes its output to. */
  public Path log() {
    return log;
  }

  /** SIGKILL (no shutdown hook, nothing flushed), then waits until the process is gone (its file locks released). */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** A clean stop (SIGTERM), waiting up to a minute for the JVM to end before killing it. */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the child's output, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("CareCircle exited with " + process.exitValue() + " during start-up:\n" + logTail());
      }
      try {
        if (api.get("/api/jobs").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // connection refused while it starts
      }
      if (!sleep(200)) {
        return;
      }
    }
    kill();
    fail("CareCircle did not answer within " + START_DEADLINE + ":\n" + logTail());
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** False when interrupted. */
  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
