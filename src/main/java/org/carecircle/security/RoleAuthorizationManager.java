package org.carecircle.security;

import java.util.function.Supplier;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Grants a request when the signed-in user's role, with the roles it includes, meets {@link AccessRules}. */
final class RoleAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {
  private final AccessRules rules;
  private final RoleHierarchy hierarchy;

  RoleAuthorizationManager(AccessRules rules, RoleHierarchy hierarchy) {
    this.rules = rules;
    this.hierarchy = hierarchy;
  }

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    AccessRules.Requirement requirement = rules.requirementFor(context.getRequest());
    if (requirement == AccessRules.Requirement.PUBLIC) {
      return new AuthorizationDecision(true);
    }
    Authentication user = authentication.get();
    if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
      return new AuthorizationDecision(false);
    }
    if (requirement == AccessRules.Requirement.SIGNED_IN) {
      return new AuthorizationDecision(true);
    }
    String needed = requirement.role().authority();
    return new AuthorizationDecision(hierarchy.getReachableGrantedAuthorities(user.getAuthorities()).stream()
        .map(GrantedAuthority::getAuthority).anyMatch(needed::equals));
  }
}
