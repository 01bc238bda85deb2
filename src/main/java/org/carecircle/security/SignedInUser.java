package org.carecircle.security;

import org.carecircle.system.CurrentUser;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The {@link CurrentUser} of a request: the signed-in user's name (page session, HTTP Basic or API
 * token). Work outside a request (start-up, scheduled work, background job threads) has no
 * signed-in user and is {@link CurrentUser#SYSTEM}.
 */
@Component
class SignedInUser implements CurrentUser {
  @Override
  public String name() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken
        || authentication.getName() == null || authentication.getName().isBlank()) {
      return SYSTEM;
    }
    return authentication.getName();
  }
}
