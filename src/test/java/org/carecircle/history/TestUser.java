package org.carecircle.history;

import org.carecircle.system.CurrentUser;

/** Who the history tests expect to find in the entries they make. */
final class TestUser {
  /**
   * The user the test support acts as: {@link CurrentUser#SYSTEM} while nobody signs in. When the
   * test support signs in (security), this becomes the name of the user it signs in as.
   */
  static final String NAME = CurrentUser.SYSTEM;

  private TestUser() {}
}
