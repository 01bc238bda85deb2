package org.carecircle.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The java binary and class path of this test run, for tests that start a child JVM. */
public final class ChildJvm {
  private ChildJvm() {}

  /** The {@code java} of the JVM running the tests. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * This run's class path entries, test classes included. Surefire may hand the forked JVM a jar
   * whose manifest holds the real class path; it is read from there.
   */
  public static List<String> classpathEntries() {
    List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    if (entries.size() != 1 || !entries.get(0).endsWith(".jar")) {
      return entries;
    }
    try (JarFile jar = new JarFile(entries.get(0))) {
      Manifest manifest = jar.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return entries;
      }
      return Arrays.stream(classPath.trim().split("\\s+"))
          .map(entry -> entry.startsWith("file:") ? Path.of(URI.create(entry)).toString() : entry).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #classpathEntries()} joined for {@code java -cp}. */
  public static String classpath() {
    return String.join(File.pathSeparator, classpathEntries());
  }

  /** The class path without the test classes: the product and its dependencies only. */
  public static String mainClasspath() {
    return String.join(File.pathSeparator, classpathEntries().stream()
        .filter(entry -> !Path.of(entry).endsWith("test-classes")).toList());
  }
}
