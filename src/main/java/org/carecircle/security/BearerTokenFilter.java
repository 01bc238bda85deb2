package org.carecircle.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in requests that carry {@code Authorization: Bearer cc_…} with a personal API token. The
 * sign-in lasts for the request only (no session, no cookie). An unknown or revoked token is
 * answered 401 at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  private static final String BEARER = "bearer ";
  private final AccountService accounts;
  private final UserRepository users;
  private final ProblemResponses problems;

  BearerTokenFilter(AccountService accounts, UserRepository users, ProblemResponses problems) {
    this.accounts = accounts;
    this.users = users;
    this.problems = problems;
  }

  /** True for requests that sign in with a token or Basic: scripts, which need no CSRF token. */
  static boolean carriesCredentials(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null) {
      return false;
    }
    String lower = header.toLowerCase(Locale.ROOT);
    return lower.startsWith(BEARER) || lower.startsWith("basic ");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      chain.doFilter(request, response);
      return;
    }
    String token = header.substring(BEARER.length()).trim();
    Optional<UserAccount> owner = accounts.tokenOwner(token).flatMap(users::findByName).filter(UserAccount::enabled);
    if (owner.isEmpty()) {
      problems.write(response, HttpStatus.UNAUTHORIZED, "Unknown API token",
          "The API token is unknown, was revoked, or its user is disabled. Create a new one with"
              + " POST /api/me/tokens (signed in with -u name:password).");
      return;
    }
    var authentication = UsernamePasswordAuthenticationToken.authenticated(owner.get().name(), null,
        List.of(new SimpleGrantedAuthority(owner.get().role().authority())));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }
}
