package org.carecircle.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a job is in its life: queued, then running, then exactly one of the three final states. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** The lower-case name used in JSON: {@code queued}, {@code running}, ... */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for succeeded, failed and cancelled: the state will not change any more. */
  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
