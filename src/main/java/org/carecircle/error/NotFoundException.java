package org.carecircle.error;

/** A thing the request names (a facility, a network, a result) does not exist. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
