package org.carecircle.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} page: an error the servlet container forwards here (one
 * that happened outside a controller) is answered as problem+json with its status and no server
 * details; a client asking for {@code /error} itself gets 404, as for any other unknown path.
 */
@RestController
class ProblemErrorController implements ErrorController {
  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(code instanceof Integer status)) {
      return ProblemAdvice.problem(HttpStatus.NOT_FOUND, "Not found", "there is nothing at /error");
    }
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null || status < 400) {
      known = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    return ProblemAdvice.problem(known, known.getReasonPhrase(), known.is4xxClientError()
        ? "the request could not be handled (HTTP " + known.value() + " " + known.getReasonPhrase() + ")"
        : "CareCircle failed unexpectedly; the server log has the details");
  }
}
