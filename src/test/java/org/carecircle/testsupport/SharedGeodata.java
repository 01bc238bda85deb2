package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data in ../shared/geodata, read where it is (never copied into the project). */
public final class SharedGeodata {
  private SharedGeodata() {}

  /** The folder: $CARECIRCLE_SHARED_GEODATA (set by the build) or ../shared/geodata. */
  public static Path root() {
    String configured = System.getenv("CARECIRCLE_SHARED_GEODATA");
    Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "geodata");
    assertThat(root).as("shared geodata folder (../shared/geodata)").isDirectory();
    return root.toAbsolutePath().normalize();
  }

  /** A file below the shared geodata folder, e.g. {@code "andorra/andorra-2021-04-14.osm.pbf"}. */
  public static Path file(String relative) {
    Path file = root().resolve(relative);
    assertThat(Files.isRegularFile(file)).as("shared geodata file " + file).isTrue();
    return file;
  }
}
