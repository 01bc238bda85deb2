package org.carecircle.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes RFC 9457 problem+json answers from the security filters, which run before Spring MVC and
 * so before {@code ProblemAdvice}; the fields are the same (type, title, status, detail).
 */
final class ProblemResponses {
  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
    write(response, status, title, detail, Map.of());
  }

  void write(HttpServletResponse response, HttpStatus status, String title, String detail,
      Map<String, Object> extra) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status.value());
    body.put("detail", detail);
    body.putAll(extra);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), body);
  }
}
