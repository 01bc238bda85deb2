package org.carecircle.history;


/** Who the history tests expect to find in the entries they make. */
final class TestUser {
  /** The user the test support signs in as (ApiClient's HTTP Basic, PageTest's sign-in). */
  static final String NAME = org.carecircle.testsupport.TestUsers.ADMIN;

  private TestUser() {}
}
