package org.carecircle.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's role. Roles are cumulative: each includes everything the ones before it may do (see
 * {@link SecurityConfiguration#roleHierarchy()}).
 */
public enum Role {
  /** Reads everything: the registry, analyses, results. */
  VIEWER,
  /** Also writes data (imports, facilities, districts, standards) and runs analyses. */
  PLANNER,
  /** Also manages users, settings and backups ({@code /api/admin/**}). */
  ADMIN;

  /** The name users and the API see and the store keeps: viewer, planner, admin. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Spring Security's authority for this role: ROLE_VIEWER… */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role with this code (case-insensitive), or empty. */
  public static Optional<Role> fromCode(String code) {
    return Arrays.stream(values()).filter(role -> role.code().equalsIgnoreCase(code == null ? "" : code.trim()))
        .findFirst();
  }

  /** True when this role may do what {@code needed} may do. */
  public boolean includes(Role needed) {
    return ordinal() >= needed.ordinal();
  }
}
