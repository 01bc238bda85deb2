package org.carecircle.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What to do when an outside part (PostGIS, the browser) is missing: under CI or when the test
 * script asks for it, fail; on a developer's machine without it, skip with the reason.
 */
public final class Requirements {
  private Requirements() {}

  public static boolean required(String variable) {
    return "true".equals(System.getenv("CI")) || "1".equals(System.getenv(variable));
  }

  /** Fails or aborts the test, depending on {@link #required}. */
  public static void missing(String variable, String what) {
    if (required(variable)) {
      fail(what + " is required here (CI=true or " + variable + "=1) but not available; run scripts/test.sh");
    }
    Assumptions.abort(what + " is not available; run scripts/test.sh to set it up");
  }
}
