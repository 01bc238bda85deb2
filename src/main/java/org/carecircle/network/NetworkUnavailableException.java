package org.carecircle.network;

/**
 * A stored network's files are missing or damaged (deleted by hand, disk trouble, a file written by
 * another CareCircle version): the planner has to delete the network and import it again.
 */
public class NetworkUnavailableException extends RuntimeException {
  public NetworkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
