package org.carecircle.job;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.carecircle.testsupport.ApiClient;

/**
 * CareCircle in a child JVM: {@code target/classes} and the dependencies of this test run
 * (never the test classes), started with {@code java -cp}, so that it can be killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) like a crashed server.
 */
final class ChildInstance {
  private static final long START_DEADLINE_MILLIS = 180_000;

  final Process process;
  final ApiClient api;
  final int port;
  final Path log;

  private ChildInstance(Process process, int port, Path log) {
    this.process = process;
    this.api = new ApiClient(port);
    this.port = port;
    this.log = log;
  }

  /** Starts the child on a free port with these arguments and waits until it answers HTTP. */
  static ChildInstance start(List<String> arguments, Path log) throws IOException {
    return start(arguments, log, freePort());
  }

  /** As {@link #start(List, Path)} on a given port (a restarted server keeps its address). */
  static ChildInstance start(List<String> arguments, Path log, int port) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", classpath(), "org.carecircle.CareCircleApplication", "--server.port=" + port,
        "--spring.main.banner-mode=off"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // the first admin as in the test stores, so that ApiClient's default sign-in works in the child
    builder.environment().put("CARECIRCLE_ADMIN_PASSWORD", org.carecircle.testsupport.TestUsers.ADMIN_PASSWORD);
    Process process = builder.start();
    ChildInstance child = new ChildInstance(process, port, log);
    child.awaitReady();
    return child;
  }

  private void awaitReady() throws IOException {
    long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        fail("CareCircle did not start (exit " + process.exitValue() + "):\n" + tail());
      }
      try {
        if (api.get("/api/jobs").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // connection refused while it starts
      }
      AppInstance.sleep(200);
    }
    process.destroyForcibly();
    fail("CareCircle did not answer within " + START_DEADLINE_MILLIS / 1000 + " s:\n" + tail());
  }

  /** SIGKILL: no shutdown hook, no @PreDestroy, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** A clean stop (SIGTERM), waiting for the JVM to end. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * This run's class path without the test classes. Surefire hands the forked JVM a jar whose
   * manifest holds the real class path; it is read from there.
   */
  private static String classpath() throws IOException {
    List<String> entries = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
    if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
      try (JarFile jar = new JarFile(entries.get(0))) {
        Manifest manifest = jar.getManifest();
        String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        if (classPath != null) {
          entries = Arrays.stream(classPath.trim().split("\\s+"))
              .map(entry -> entry.startsWith("file:") ? Path.of(URI.create(entry)).toString() : entry).toList();
        }
      }
    }
    return String.join(File.pathSeparator, entries.stream()
        .filter(entry -> !Path.of(entry).endsWith("test-classes")).toList());
  }
}
