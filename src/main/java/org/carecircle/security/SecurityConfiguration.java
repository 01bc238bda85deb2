package org.carecircle.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.carecircle.system.CareCircleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The locked door: who is signed in (session cookie from the page's form, HTTP Basic, API token),
 * what each request needs ({@link AccessRules}), CSRF protection for the page's cookie-session
 * writes (cookie-to-header: the XSRF-TOKEN cookie echoed in X-XSRF-TOKEN), security headers, and
 * problem+json answers for 401, 403 and 429 instead of HTML or redirects on the API.
 */
@Configuration
public class SecurityConfiguration {
  /** The page's sign-in page; anything on the page side redirects here when nobody is signed in. */
  public static final String LOGIN_PAGE = "/login.html";

  /** admin ⊇ planner ⊇ viewer. */
  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(Role.ADMIN.name()).implies(Role.PLANNER.name())
        .role(Role.PLANNER.name()).implies(Role.VIEWER.name())
        .build();
  }

  /** bcrypt for new hashes, stored with their {id} prefix so that the algorithm can change later. */
  @Bean
  PasswordEncoder passwordEncoder(SecuritySettings settings) {
    return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(settings.bcryptStrength())));
  }

  @Bean
  UserDetailsService userDetailsService(UserRepository users) {
    return name -> users.findByName(name)
        .map(account -> User.withUsername(account.name()).password(account.passwordHash())
            .authorities(account.role().authority()).disabled(!account.enabled()).build())
        .orElseThrow(() -> new UsernameNotFoundException("no user " + name));
  }

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, AccessRules rules, RoleHierarchy hierarchy,
      AccountService accounts, UserRepository users, LoginAttemptLimiter limiter, ObjectMapper json,
      CareCircleProperties properties) throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    var csrfHandler = new CsrfTokenRequestAttributeHandler();
    // null: load the token on every request, so that the XSRF-TOKEN cookie is set before the first write
    csrfHandler.setCsrfRequestAttributeName(null);
    var entryPoint = new SignInRequired(problems);

    http
        .authorizeHttpRequests(authorize -> authorize
            .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
            .anyRequest().access(new RoleAuthorizationManager(rules, hierarchy)))
        .csrf(csrf -> csrf
            .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
            .csrfTokenRequestHandler(csrfHandler)
            // scripts: the browser never adds these headers by itself (no Basic challenge is ever sent)
            .ignoringRequestMatchers(BearerTokenFilter::carriesCredentials))
        .formLogin(form -> form
            .loginPage(LOGIN_PAGE)
            .loginProcessingUrl("/login")
            .successHandler(signedIn(json, users))
            .failureHandler(signInFailed(problems)))
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
        .logout(logout -> logout
            .logoutUrl("/logout")
            .deleteCookies("SESSION")
            .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(denied(rules, problems, entryPoint)))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(
                ContentSecurityPolicy.forTileUrl(properties.map() == null ? "" : properties.map().tileUrl())))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
            .frameOptions(frame -> frame.deny()))
        .addFilterBefore(new LoginRateLimitFilter(limiter, problems), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(new BearerTokenFilter(accounts, users, problems), BasicAuthenticationFilter.class)
        .addFilterAfter(new AccountStateFilter(users, problems), AnonymousAuthenticationFilter.class);
    return http.build();
  }

  /** Answers a sign-in through the page's form with the user, as GET /api/me does. */
  private static AuthenticationSuccessHandler signedIn(ObjectMapper json, UserRepository users) {
    return (request, response, authentication) -> {
      UserAccount account = users.findByName(authentication.getName()).orElseThrow();
      response.setStatus(HttpStatus.OK.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      json.writeValue(response.getOutputStream(), MeController.describe(account));
    };
  }

  private static AuthenticationFailureHandler signInFailed(ProblemResponses problems) {
    return (request, response, exception) -> problems.write(response, HttpStatus.UNAUTHORIZED, "Sign-in failed",
        exception instanceof DisabledException
            ? "This user is disabled; ask an admin to enable it."
            : "The user name or the password is wrong.");
  }

  private static AccessDeniedHandler denied(AccessRules rules, ProblemResponses problems, SignInRequired entryPoint) {
    return (request, response, exception) -> {
      Authentication user = SecurityContextHolder.getContext().getAuthentication();
      boolean signedIn = user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
      if (exception instanceof CsrfException) {
        if (!signedIn && AccessRules.isApi(request)) {
          // nobody is signed in: the missing sign-in is the news, not the missing token
          entryPoint.commence(request, response, null);
          return;
        }
        problems.write(response, HttpStatus.FORBIDDEN, "Security token missing",
            "The request came without the page's security token (header X-XSRF-TOKEN matching the XSRF-TOKEN"
                + " cookie), so it may have been sent by another web site, and was refused. Reload the page and"
                + " try again. Scripts sign in with -u name:password or an API token and need no security token.");
        return;
      }
      Role needed = rules.requirementFor(request).role();
      String has = user == null ? "none" : user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
          .map(a -> a.replaceFirst("^ROLE_", "").toLowerCase(Locale.ROOT)).findFirst().orElse("none");
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("requiredRole", needed == null ? null : needed.code());
      problems.write(response, HttpStatus.FORBIDDEN, "Not allowed",
          "This needs the role " + (needed == null ? "of a signed-in user" : needed.code()) + "; '"
              + (user == null ? "" : user.getName()) + "' has the role " + has + ". An admin can change roles.",
          extra);
    };
  }

  /**
   * Nobody is signed in, or the sign-in failed: the API answers 401 problem+json (a Bearer challenge,
   * never Basic, so that browsers show no password dialog and never send Basic by themselves); the
   * page's own files redirect to the sign-in page.
   */
  static final class SignInRequired implements AuthenticationEntryPoint {
    private final ProblemResponses problems;

    SignInRequired(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
        throws IOException {
      boolean triedCredentials = BearerTokenFilter.carriesCredentials(request);
      if (!AccessRules.isApi(request) && !triedCredentials) {
        response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
        return;
      }
      response.setHeader("WWW-Authenticate", "Bearer realm=\"CareCircle\"");
      if (triedCredentials) {
        problems.write(response, HttpStatus.UNAUTHORIZED, "Sign-in failed", failure instanceof DisabledException
            ? "This user is disabled; ask an admin to enable it."
            : "The user name or the password is wrong.");
      } else {
        problems.write(response, HttpStatus.UNAUTHORIZED, "Sign-in required",
            "Sign in first: on the page, or from a script with -u name:password or -H 'Authorization: Bearer cc_…'"
                + " (an API token from the page or POST /api/me/tokens).");
      }
    }
  }
}
