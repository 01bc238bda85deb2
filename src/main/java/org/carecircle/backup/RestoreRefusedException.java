package org.carecircle.backup;

/**
 * A restore that would damage the store it goes into and was therefore not started: the store
 * holds data, or the backup's schema version is not the store's. Nothing was written. Answered
 * with 409 Conflict: the file is fine, the store is not in a state to take it.
 */
public class RestoreRefusedException extends RuntimeException {
  public RestoreRefusedException(String message) {
    super(message);
  }
}
