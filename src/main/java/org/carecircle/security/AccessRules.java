package org.carecircle.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UrlPathHelper;

/**
 * The one place that says what a request needs: the security filter chain decides with it and the
 * 403 answer names its role. Every path has a rule; a path not named here is for signed-in users
 * (viewer and up).
 */
@Component
public class AccessRules {
  /** What a request needs. */
  public enum Requirement {
    /** Anybody, signed in or not: the sign-in page and what it loads. */
    PUBLIC,
    /** Any signed-in user, whatever the role: their own account. */
    SIGNED_IN,
    /** The viewer role or more. */
    VIEWER,
    /** The planner role or more. */
    PLANNER,
    /** The admin role. */
    ADMIN;

    /** The role this requirement names, or null for PUBLIC and SIGNED_IN. */
    public Role role() {
      return switch (this) {
        case VIEWER -> Role.VIEWER;
        case PLANNER -> Role.PLANNER;
        case ADMIN -> Role.ADMIN;
        default -> null;
      };
    }
  }

  /** The sign-in page and the files it loads; the rest of the page needs a signed-in user. */
  static final Set<String> PUBLIC_FILES = Set.of("/login.html", "/js/login.js", "/js/i18n.js", "/css/app.css",
      "/css/login.css", "/favicon.ico", "/login", "/error");
  private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final UrlPathHelper PATHS = new UrlPathHelper();

  /** The requirement of a request, by its path within the application and its method. */
  public Requirement requirementFor(HttpServletRequest request) {
    return requirementFor(request.getMethod(), PATHS.getPathWithinApplication(request));
  }

  /**
   * @param method HTTP method, upper case
   * @param path the path within the application, starting with /
   */
  public Requirement requirementFor(String method, String path) {
    if (PUBLIC_FILES.contains(path)) {
      return Requirement.PUBLIC;
    }
    if (isUnder(path, "/api/me")) {
      return Requirement.SIGNED_IN;
    }
    if (isUnder(path, "/api/admin")) {
      return Requirement.ADMIN;
    }
    if (isUnder(path, "/api")) {
      return READ_METHODS.contains(method) ? Requirement.VIEWER : Requirement.PLANNER;
    }
    return Requirement.VIEWER;
  }

  /** True for the API paths, which answer problem+json; the rest is the page. */
  public static boolean isApi(HttpServletRequest request) {
    return isUnder(PATHS.getPathWithinApplication(request), "/api");
  }

  private static boolean isUnder(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
