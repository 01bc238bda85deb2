package org.carecircle.history;

/**
 * A change to record (who and when are added by {@link ChangeLog}).
 *
 * @param entityType what kind of entity changed
 * @param entityId its id as text (see {@link EntityType} for each kind)
 * @param version the entity's version after the change, {@code >= 1}
 * @param action what the change did
 * @param before the state before, serialisable to JSON (a facility: its GeoJSON feature), or null
 *     when the change created the entity
 * @param after the state after, or null when the change deleted the entity
 */
public record Change(EntityType entityType, String entityId, long version, ChangeAction action, Object before,
    Object after) {
  public Change {
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1, got " + version);
    }
  }
}
