package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared real-data folder ({@code ../shared/geodata}), read where it lies: surefire
 * passes its location in {@code CARECIRCLE_SHARED_GEODATA}; an IDE run falls back to the path
 * relative to the project root.
 */
public final class SharedGeodata {
  private SharedGeodata() {}

  /** A file of the shared data, failing the test (not skipping it) when the file is not there. */
  public static Path file(String relativePath) {
    String configured = System.getenv("CARECIRCLE_SHARED_GEODATA");
    Path root = configured == null || configured.isBlank() ? Path.of("../shared/geodata") : Path.of(configured);
    Path file = root.resolve(relativePath).normalize();
    assertThat(Files.isRegularFile(file))
        .as("shared test data %s is missing (set CARECIRCLE_SHARED_GEODATA to the geodata folder)", file)
        .isTrue();
    return file;
  }
}
