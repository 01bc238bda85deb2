package org.carecircle.history;

import java.util.Arrays;
import java.util.Optional;

/** What a change did; {@link #code()} is what the API and the store use. */
public enum ChangeAction {
  /** Made by hand (the page, the API) or by a scenario. */
  CREATE("create"),
  UPDATE("update"),
  DELETE("delete"),
  /** An earlier version brought back, also after a delete. */
  RESTORE("restore"),
  /** A row of an imported file created the entity (facilities, districts, a first population layer). */
  IMPORT("import"),
  /** A row of an imported file updated an existing facility (same externalId). */
  IMPORT_UPDATE("import_update"),
  /** An import replaced the population layer. */
  REPLACE("replace"),
  /** A planning target's value or minutes were changed. */
  SET_TARGET("set_target"),
  /** A planning target went back to the standards file's values. */
  RESET_TARGET("reset_target");

  private final String code;

  ChangeAction(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<ChangeAction> parse(String code) {
    return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
  }
}
