package org.carecircle.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.io.geojson.GeoJsonFormatException;
import org.carecircle.job.JobQueueFullException;
import org.carecircle.network.NetworkUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to an RFC 9457 problem+json answer a planner can act on. Input problems carry
 * {@code rejected: [{row, field, message}]} and {@code imported: 0}, since nothing was written.
 */
@RestControllerAdvice
public class ProblemAdvice {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  /** The upload limit, to say it in the message. */
  private final String maxUpload;

  /** Tomcat's limit on a multipart request's form fields, to say it in the message. */
  private final org.springframework.util.unit.DataSize maxFormField;

  public ProblemAdvice(org.carecircle.system.CareCircleProperties properties,
      @org.springframework.beans.factory.annotation.Value("${server.tomcat.max-http-form-post-size:2MB}")
      org.springframework.util.unit.DataSize maxFormField) {
    this.maxUpload = properties.importSettings().maxFileSize().toMegabytes() + " MB";
    this.maxFormField = maxFormField;
  }

  @ExceptionHandler(InputRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(InputRejectedException e) {
    return rejection(HttpStatus.UNPROCESSABLE_ENTITY, "The input was rejected; nothing was written", e.problems());
  }

  @ExceptionHandler(GeoJsonFormatException.class)
  ResponseEntity<ProblemDetail> badGeoJson(GeoJsonFormatException e) {
    return rejection(HttpStatus.BAD_REQUEST, "Invalid GeoJSON", List.of(InputProblem.ofField(e.path(), e.getMessage())));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(JobQueueFullException.class)
  ResponseEntity<ProblemDetail> busy(JobQueueFullException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many jobs", e.getMessage());
  }

  /** The network's files are gone or damaged: not the request's fault, but the planner can fix it. */
  @ExceptionHandler(NetworkUnavailableException.class)
  ResponseEntity<ProblemDetail> networkUnavailable(NetworkUnavailableException e) {
    log.error("road network unavailable", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Road network unavailable", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof GeoJsonFormatException geoJson) {
      return badGeoJson(geoJson);
    }
    String detail = "the request body is not valid JSON";
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = mismatch.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
      return rejection(HttpStatus.BAD_REQUEST, "Invalid request",
          List.of(InputProblem.ofField(field, "the value has the wrong type: " + mismatch.getOriginalMessage())));
    }
    if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
      detail += " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
          + "): " + json.getOriginalMessage();
    } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      detail = "the request body is empty";
    }
    return rejection(HttpStatus.BAD_REQUEST, "Invalid request body", List.of(InputProblem.ofField("body", detail)));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    InputProblem problem = UploadLimitProblem.of(e, maxUpload, maxFormField);
    return rejection(HttpStatus.PAYLOAD_TOO_LARGE, problem.field().equals("file") ? "File too large"
        : "Form field too large", List.of(problem));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
    return rejection(HttpStatus.BAD_REQUEST, "No file",
        List.of(InputProblem.ofField(e.getRequestPartName(), "no file was uploaded in the multipart field '"
            + e.getRequestPartName() + "'")));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> multipart(MultipartException e) {
    return rejection(HttpStatus.BAD_REQUEST, "Upload failed",
        List.of(InputProblem.ofField("file", "the upload must be multipart/form-data with the file in the field 'file'")));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return rejection(HttpStatus.BAD_REQUEST, "Missing parameter",
        List.of(InputProblem.ofField(e.getParameterName(), "the parameter " + e.getParameterName() + " is required")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    String expected = e.getRequiredType() == null ? "another value" : e.getRequiredType().getSimpleName().toLowerCase();
    return rejection(HttpStatus.BAD_REQUEST, "Invalid parameter",
        List.of(InputProblem.ofField(e.getName(), "'" + e.getValue() + "' is not a valid " + expected)));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type",
        "this endpoint accepts " + e.getSupportedMediaTypes() + ", not " + e.getContentType());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", "there is nothing at /" + e.getResourcePath());
  }

  /** A defect, not bad input: logged in full, answered without internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected failure", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "CareCircle failed unexpectedly; the server log has the details. Nothing was written.");
  }

  static ResponseEntity<ProblemDetail> rejection(HttpStatus status, String title, List<InputProblem> problems) {
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setTitle(title);
    body.setDetail(problems.size() == 1
        ? problems.get(0).describe()
        : problems.size() + " problems, first: " + problems.get(0).describe());
    body.setProperty("imported", 0);
    body.setProperty("rejected", problems.stream().map(ProblemAdvice::asMap).toList());
    return respond(status, body);
  }

  private static Map<String, Object> asMap(InputProblem problem) {
    var map = new java.util.LinkedHashMap<String, Object>();
    map.put("row", problem.row());
    map.put("field", problem.field());
    map.put("message", problem.message());
    return map;
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setTitle(title);
    return respond(status, body);
  }

  private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  // ---- bounds: concurrent changes ----

  /** A collision with a simultaneous change: nothing was written, and repeating is safe. */
  @ExceptionHandler(org.carecircle.error.ConcurrentChangeException.class)
  ResponseEntity<ProblemDetail> concurrentChange(org.carecircle.error.ConcurrentChangeException e) {
    return problem(HttpStatus.CONFLICT, "Concurrent change", e.getMessage());
  }

  /** A restore into a store that holds data or has another schema version: the store, not the file, is in the way. */
  @ExceptionHandler(org.carecircle.backup.RestoreRefusedException.class)
  ResponseEntity<ProblemDetail> restoreRefused(org.carecircle.backup.RestoreRefusedException e) {
    return problem(HttpStatus.CONFLICT, "Restore refused", e.getMessage());
  }

  /** A stale If-Match: someone saved in between. Both versions go back so the page can show them. */
  @ExceptionHandler(org.carecircle.history.VersionConflictException.class)
  ResponseEntity<ProblemDetail> versionConflict(org.carecircle.history.VersionConflictException e) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    body.setTitle("Changed by someone else; nothing was written");
    body.setProperty("storedVersion", e.storedVersion());
    body.setProperty("yourVersion", e.yourVersion());
    body.setProperty("stored", e.stored());
    return respond(HttpStatus.CONFLICT, body);
  }
}
