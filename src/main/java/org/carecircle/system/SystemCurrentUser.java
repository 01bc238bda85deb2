package org.carecircle.system;

import org.springframework.stereotype.Component;

/** Stand-in until users sign in: every change is made by {@link CurrentUser#SYSTEM}. */
@Component
class SystemCurrentUser implements CurrentUser {
  @Override
  public String name() {
    return SYSTEM;
  }
}
