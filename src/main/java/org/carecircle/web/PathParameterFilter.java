package org.carecircle.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses path parameters ({@code /api/facilities/1;x}) with 400 before any controller runs: the
 * servlet stack drops everything after {@code ;} when matching, so {@code DELETE
 * /api/facilities/1;x} would otherwise delete facility 1. CareCircle's API has no path parameters,
 * and it keeps no session ({@code ;jsessionid=}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PathParameterFilter extends OncePerRequestFilter {
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String uri = request.getRequestURI();
    if (uri != null && uri.indexOf(';') >= 0) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
          + "\"detail\":\"the address contains ';' (a path parameter); CareCircle's addresses have none: remove"
          + " the ';' and what follows it in that segment\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
