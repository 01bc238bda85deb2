package org.carecircle.error;

/**
 * Another change made at the same moment collided with this one (for instance another CareCircle
 * on the same database imported the same external ids); nothing of this request was written and
 * repeating it is safe. Answered with 409 Conflict.
 */
public class ConcurrentChangeException extends RuntimeException {
  public ConcurrentChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
