package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line tool (GDAL's {@code ogrinfo}, ...) so that a test can check our files with an
 * independent reader. A missing tool fails the test with the package to install: a check that is
 * silently skipped proves nothing.
 */
public final class ExternalTool {
  private static final long TIMEOUT_SECONDS = 60;

  private ExternalTool() {}

  /** What a finished run printed; stdout and stderr are kept apart so that warnings can be asserted. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code command} and returns its output, failing the test when the tool is not installed,
   * exits with a non-zero code, or takes longer than a minute.
   *
   * @param debianPackage the package that provides the tool, named in the failure message
   */
  public static Run run(String debianPackage, String... command) {
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("tool-out", ".txt");
      stderr = Files.createTempFile("tool-err", ".txt");
      Process process;
      try {
        process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
            .start();
      } catch (IOException e) {
        return fail(command[0] + " is not installed, but this test needs it as an independent check; install it"
            + " with: apt-get install -y " + debianPackage + " (" + e.getMessage() + ")");
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      Run run = new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
      if (run.exitCode() != 0) {
        return fail(String.join(" ", command) + " exited with " + run.exitCode() + ":\n" + run.stderr());
      }
      return run;
    } catch (IOException e) {
      return fail("could not run " + command[0] + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while running " + command[0]);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left in /tmp is harmless
      }
    }
  }
}
