package org.carecircle.system;

/**
 * Who is making the current request, for the change history. The security package supplies the
 * implementation from the signed-in user; without it every change is recorded as made by
 * {@link #SYSTEM}.
 */
public interface CurrentUser {
  /** The name recorded when no user is signed in: start-up, scheduled work, tests without security. */
  String SYSTEM = "system";

  /** The signed-in user's name, or {@link #SYSTEM}; never null or blank. */
  String name();
}
