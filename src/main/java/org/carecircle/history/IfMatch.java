package org.carecircle.history;

import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/**
 * Reads the {@code If-Match} header the way CareCircle sends ETags: the entity's version in
 * quotes, {@code "3"}. A weak {@code W/"3"} and a bare {@code 3} are accepted as well; {@code *}
 * (any version) and an absent header mean "no check".
 */
public final class IfMatch {
  public static final String HEADER = "If-Match";

  private IfMatch() {}

  /**
   * @param header the header's value, or null
   * @return the version the client had, or null when the client asks for no check
   * @throws InputRejectedException on field If-Match when it is not a version
   */
  public static Long version(String header) {
    if (header == null || header.isBlank() || header.trim().equals("*")) {
      return null;
    }
    String text = header.trim();
    if (text.startsWith("W/")) {
      text = text.substring(2);
    }
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    try {
      long version = Long.parseLong(text);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InputRejectedException(InputProblem.ofField(HEADER, "If-Match must be the ETag of the version you"
        + " edited, e.g. \"3\" (from the ETag header of the GET); got " + header));
  }

  /** The ETag for a version: {@code "3"}. */
  public static String etag(long version) {
    return "\"" + version + "\"";
  }
}
