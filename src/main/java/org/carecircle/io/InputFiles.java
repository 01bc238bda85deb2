package org.carecircle.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/** Small helpers every importer needs around a planner's uploaded file. */
public final class InputFiles {
  /** Enough bytes to tell the formats apart ({@link ImportFormat#detect}). */
  private static final int HEAD_BYTES = 64;

  private InputFiles() {}

  /** The first bytes of the file; empty for an empty file. */
  public static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The file's size in bytes. */
  public static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** The rejection for a file that cannot be read at all, on field {@code file}. */
  public static InputRejectedException unreadable(IOException e) {
    return new InputRejectedException(InputProblem.ofField("file", "the file could not be read: " + reason(e)));
  }

  /**
   * What went wrong reading a file, for a planner's message: a file-system failure gives its
   * reason only, never the server path (a missing or forbidden file names itself in the message
   * of the JDK's exception); other failures (decoders) give their message.
   */
  public static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fileSystem) {
      String reason = fileSystem.getReason();
      return reason != null ? reason : fileSystem.getClass().getSimpleName();
    }
    if (e instanceof java.io.FileNotFoundException) {
      return "the file is not accessible";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * The {@code format} request parameter: null when blank (= detect), else the format.
   *
   * @param expected the formats this importer takes, for the message, e.g. "geojson, gpkg or pbf"
   * @throws InputRejectedException naming field {@code format} when unknown
   */
  public static ImportFormat formatParameter(String format, String expected) {
    if (format == null || format.isBlank()) {
      return null;
    }
    return ImportFormat.parse(format).orElseThrow(() -> new InputRejectedException(
        InputProblem.ofField("format", "unknown format '" + format + "'; expected " + expected)));
  }
}
