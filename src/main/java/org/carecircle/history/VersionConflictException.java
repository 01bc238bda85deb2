package org.carecircle.history;

/**
 * The client edited a version that is no longer the stored one: someone else saved in between.
 * Nothing was written; the answer (409) carries both versions so that the client can show the
 * planner their value next to the stored one.
 */
public class VersionConflictException extends RuntimeException {
  private final long storedVersion;
  private final long yourVersion;
  private final transient Object stored;

  /**
   * @param what the entity for the message, e.g. "facility 12"
   * @param storedVersion the version in the store now
   * @param yourVersion the version the client had (its If-Match)
   * @param stored the stored entity as the API shows it (a facility: its GeoJSON feature)
   */
  public VersionConflictException(String what, long storedVersion, long yourVersion, Object stored) {
    super(what + " was changed by someone else since you loaded it: you edited version " + yourVersion
        + ", the stored version is " + storedVersion + ". Nothing was written; reload it, redo your change and save"
        + " again.");
    this.storedVersion = storedVersion;
    this.yourVersion = yourVersion;
    this.stored = stored;
  }

  public long storedVersion() {
    return storedVersion;
  }

  public long yourVersion() {
    return yourVersion;
  }

  public Object stored() {
    return stored;
  }
}
