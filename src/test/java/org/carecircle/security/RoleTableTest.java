package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every mapped endpoint × anonymous, viewer, planner, admin, over real HTTP. The table below is the
 * expected rule per path pattern, written independently of {@link AccessRules}; an endpoint whose
 * path matches no row fails the test, so a new endpoint cannot ship without someone deciding who
 * may call it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoleTableTest {
  /** Who may call an endpoint. */
  enum Rule {
    /** Reads for viewers, writes (POST, PUT, PATCH, DELETE) for planners. */
    DATA,
    /** Any signed-in user, reads and writes: their own account. */
    OWN_ACCOUNT,
    /** Admins only. */
    ADMIN,
    /** Any signed-in user (API documentation). */
    SIGNED_IN,
    /** Not called: Spring Boot's error page, reached only by forwarding inside the server. */
    NOT_CALLED
  }

  private static final Map<String, Rule> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put("/api/me", Rule.OWN_ACCOUNT);
    TABLE.put("/api/me/**", Rule.OWN_ACCOUNT);
    TABLE.put("/api/admin/**", Rule.ADMIN);
    for (String feature : List.of("facilities", "facility-types", "config", "jobs", "accessibility", "siting",
        "networks", "population", "scenarios", "coverage-zones", "districts", "demo", "standards", "history")) {
      TABLE.put("/api/" + feature, Rule.DATA);
      TABLE.put("/api/" + feature + "/**", Rule.DATA);
    }
    TABLE.put("/v3/api-docs", Rule.SIGNED_IN);
    TABLE.put("/v3/api-docs/**", Rule.SIGNED_IN);
    TABLE.put("/v3/api-docs.yaml", Rule.SIGNED_IN);
    TABLE.put("/api-docs.html", Rule.SIGNED_IN);
    TABLE.put("/swagger-ui/**", Rule.SIGNED_IN);
    TABLE.put("/error", Rule.NOT_CALLED);
  }

  private static final AntPathMatcher PATHS = new AntPathMatcher();
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;

  /** One callable endpoint: a method and a path pattern, and what its body must be. */
  record Endpoint(String method, String pattern, boolean multipart) {
    String path() {
      return pattern.replaceAll("\\{[^}]+}", "1");
    }
  }

  private List<Endpoint> endpoints(List<String> unknown, Map<Endpoint, Rule> rules) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      Set<String> methods = new TreeSet<>();
      info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
      if (methods.isEmpty()) {
        methods.add(RequestMethod.GET.name());
        methods.add(RequestMethod.POST.name());
      }
      boolean multipart = info.getConsumesCondition().getConsumableMediaTypes().contains(MediaType.MULTIPART_FORM_DATA);
      for (String pattern : info.getPatternValues()) {
        Rule rule = TABLE.entrySet().stream().filter(row -> PATHS.match(row.getKey(), pattern))
            .map(Map.Entry::getValue).findFirst().orElse(null);
        if (rule == null) {
          unknown.add(methods + " " + pattern + " (" + info + ")");
          continue;
        }
        for (String method : methods) {
          Endpoint endpoint = new Endpoint(method, pattern, multipart);
          endpoints.add(endpoint);
          rules.put(endpoint, rule);
        }
      }
    }
    return endpoints;
  }

  private static Response call(ApiClient client, Endpoint endpoint) {
    return switch (endpoint.method()) {
      case "GET" -> client.get(endpoint.path());
      case "DELETE" -> client.delete(endpoint.path());
      case "PUT" -> client.putJson(endpoint.path(), "{}");
      case "POST" -> endpoint.multipart()
          ? client.upload(endpoint.path(), "empty.csv", new byte[0])
          : client.postJson(endpoint.path(), "{}");
      default -> throw new AssertionError("no call for " + endpoint);
    };
  }

  @Test
  void everyEndpointHasARuleAndEachRoleGetsExactlyWhatTheRuleSays() {
    List<String> unknown = new ArrayList<>();
    Map<Endpoint, Rule> rules = new LinkedHashMap<>();
    List<Endpoint> endpoints = endpoints(unknown, rules);
    assertThat(unknown).as("endpoints without a row in RoleTableTest.TABLE: decide who may call them").isEmpty();
    assertThat(endpoints).as("the API is there").hasSizeGreaterThan(40);

    ApiClient admin = new ApiClient(port);
    TestUser viewer = TestUsers.create(admin, "table-viewer", "viewer");
    TestUser planner = TestUsers.create(admin, "table-planner", "planner");
    Map<String, ApiClient> callers = new LinkedHashMap<>();
    callers.put("anonymous", admin.anonymous());
    callers.put("viewer", admin.as(viewer.name(), viewer.password()));
    callers.put("planner", admin.as(planner.name(), planner.password()));
    callers.put("admin", admin);

    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (Endpoint endpoint : endpoints) {
      Rule rule = rules.get(endpoint);
      if (rule == Rule.NOT_CALLED) {
        continue;
      }
      for (Map.Entry<String, ApiClient> caller : callers.entrySet()) {
        Response response = call(caller.getValue(), endpoint);
        calls++;
        String expected = expected(rule, endpoint, caller.getKey());
        int status = response.status();
        boolean ok = switch (expected) {
          case "401" -> status == 401;
          case "sign-in page" -> status == 302
              && response.headers().firstValue("Location").orElse("").endsWith("/login.html");
          case "403" -> status == 403;
          default -> status != 401 && status != 403;
        };
        if (!ok) {
          wrong.add(caller.getKey() + " " + endpoint.method() + " " + endpoint.path() + ": expected " + expected
              + ", got " + response);
        } else if ((status == 401 || status == 403)) {
          if (!response.contentType().startsWith("application/problem+json")) {
            wrong.add(caller.getKey() + " " + endpoint.method() + " " + endpoint.path() + ": not problem+json: " + response);
          } else if (status == 403 && !response.json().path("detail").asText().contains("needs the role")) {
            wrong.add(caller.getKey() + " " + endpoint.method() + " " + endpoint.path() + ": 403 without the role: " + response);
          }
        }
      }
    }
    assertThat(wrong).as("answers that break the role table").isEmpty();
    assertThat(calls).isGreaterThan(150);
  }

  /**
   * "401", "403", "sign-in page" (a redirect, for pages outside the API) or "allowed" (neither
   * 401 nor 403; a 4xx about the input is fine).
   */
  private static String expected(Rule rule, Endpoint endpoint, String caller) {
    if (caller.equals("anonymous")) {
      return endpoint.pattern().startsWith("/api/") ? "401" : "sign-in page";
    }
    boolean write = WRITES.contains(endpoint.method());
    return switch (rule) {
      case DATA -> write && caller.equals("viewer") ? "403" : "allowed";
      case ADMIN -> caller.equals("admin") ? "allowed" : "403";
      case OWN_ACCOUNT, SIGNED_IN -> "allowed";
      case NOT_CALLED -> throw new AssertionError("not called");
    };
  }
}
