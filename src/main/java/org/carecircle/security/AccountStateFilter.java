package org.carecircle.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the stored account to every signed-in request, so that an admin's change takes effect
 * at once, also for sessions signed in before it: a disabled (or deleted) user is signed out
 * (401), a changed role replaces the one of the session, and a user who must change their password
 * may only read {@code /api/me} and change it (403 for the rest of the API; the page itself loads
 * and asks for the new password).
 */
final class AccountStateFilter extends OncePerRequestFilter {
  private final UserRepository users;
  private final ProblemResponses problems;

  AccountStateFilter(UserRepository users, ProblemResponses problems) {
    this.users = users;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      chain.doFilter(request, response);
      return;
    }
    Optional<UserAccount> account = users.findByName(authentication.getName());
    if (account.isEmpty() || !account.get().enabled()) {
      SecurityContextHolder.clearContext();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      problems.write(response, HttpStatus.UNAUTHORIZED, "Signed out",
          "The user '" + authentication.getName() + "' was disabled by an admin; ask an admin to enable it again.");
      return;
    }
    String authority = account.get().role().authority();
    boolean sameRole = authentication.getAuthorities().size() == 1
        && authentication.getAuthorities().iterator().next().getAuthority().equals(authority);
    if (!sameRole) {
      var current = UsernamePasswordAuthenticationToken.authenticated(authentication.getPrincipal(), null,
          List.of(new SimpleGrantedAuthority(authority)));
      current.setDetails(authentication.getDetails());
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(current);
      SecurityContextHolder.setContext(context);
    }
    if (account.get().mustChangePassword() && AccessRules.isApi(request) && !mayUseBeforePasswordChange(request)) {
      problems.write(response, HttpStatus.FORBIDDEN, "Password change required",
          "'" + account.get().name() + "' signed in with a one-time or reset password: choose your own password"
              + " first, on the sign-in page or with POST /api/me/password {\"currentPassword\", \"newPassword\"}.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean mayUseBeforePasswordChange(HttpServletRequest request) {
    String path = request.getServletPath();
    return ("GET".equals(request.getMethod()) && "/api/me".equals(path))
        || ("POST".equals(request.getMethod()) && "/api/me/password".equals(path));
  }
}
