package org.carecircle.io;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for text a planner stores (names, addresses, codes, free attributes): no control
 * characters other than tab, line feed and carriage return. PostgreSQL refuses NUL in text while
 * H2 stores it, so without this rule the same file would be accepted on one store and fail on the
 * other; the other control characters are never meant and break CSV and GeoJSON exports.
 */
public final class TextValues {
  private TextValues() {}

  /**
   * The problem with {@code text}, for a message on its field: empty when it is acceptable (also
   * when null).
   */
  public static Optional<String> controlCharacterProblem(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return Optional.of("the text contains the control character U+" + String.format(Locale.ROOT, "%04X", (int) c)
            + " at position " + (i + 1) + "; remove it (only tabs and line breaks are allowed)");
      }
    }
    return Optional.empty();
  }

  /**
   * The first control-character problem in a value read from JSON or a file: a string, or the keys
   * and values of nested objects and lists; empty when there is none.
   */
  public static Optional<String> controlCharacterProblemIn(Object value) {
    if (value instanceof String text) {
      return controlCharacterProblem(text);
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Optional<String> problem = controlCharacterProblemIn(String.valueOf(entry.getKey()))
            .or(() -> controlCharacterProblemIn(entry.getValue()));
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        Optional<String> problem = controlCharacterProblemIn(item);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }
}
