package org.carecircle.facility;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a facility stands in planning: in service, planned (decided, not built), a candidate site
 * under consideration, or closed (kept for history, excluded from coverage).
 */
public enum FacilityStatus {
  EXISTING("existing", "现有", "现状", "在用"),
  PLANNED("planned", "规划", "拟建", "在建"),
  CANDIDATE("candidate", "候选", "备选"),
  CLOSED("closed", "关闭", "停业", "撤销");

  private final String code;
  private final String[] aliases;

  FacilityStatus(String code, String... aliases) {
    this.code = code;
    this.aliases = aliases;
  }

  /** The lower-case code used in the API and the store. */
  public String code() {
    return code;
  }

  /** Parses a code or a Chinese alias, case-insensitively; empty when unknown. */
  public static Optional<FacilityStatus> parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (FacilityStatus status : values()) {
      if (status.code.equals(wanted)) {
        return Optional.of(status);
      }
      for (String alias : status.aliases) {
        if (alias.equals(wanted)) {
          return Optional.of(status);
        }
      }
    }
    return Optional.empty();
  }
}
