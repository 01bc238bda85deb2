package org.carecircle.web;

import org.carecircle.error.InputProblem;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Says which limit a too-large multipart request broke. Tomcat reports all of them as the same
 * Spring exception; the cause tells them apart: the file (or the whole request) is larger than
 * {@code carecircle.import.max-file-size}, or a form field, a short value such as {@code name} or
 * {@code crs}, is larger than Tomcat's form limit ({@code server.tomcat.max-http-form-post-size}).
 */
final class UploadLimitProblem {
  private UploadLimitProblem() {}

  static InputProblem of(MaxUploadSizeExceededException e, String maxUpload, DataSize maxFormField) {
    if (isFormFieldLimit(e)) {
      return InputProblem.ofField("form", "a form field (a short value such as name, crs or layer, not the file) is"
          + " larger than the limit of " + maxFormField.toKilobytes() / 1024.0 + " MB for form fields; send the"
          + " file in the field 'file' and keep the other fields short");
    }
    return InputProblem.ofField("file", "the file is larger than the upload limit of " + maxUpload
        + " (setting carecircle.import.max-file-size)");
  }

  /** Tomcat's "parameter data (excluding uploaded files) ... exceeded the limit for maxPostSize". */
  private static boolean isFormFieldLimit(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.contains("maxPostSize")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
