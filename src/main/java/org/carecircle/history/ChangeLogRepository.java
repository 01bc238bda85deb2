package org.carecircle.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The change log store, append only: there is no update and no delete. One implementation serves
 * H2GIS and PostGIS; writes join the caller's transaction.
 */
public interface ChangeLogRepository {

  /**
   * Appends entries in batches, all with the same user and time.
   *
   * @param beforeJson and {@code afterJson} are parallel to {@code changes} (JSON text or null)
   */
  void appendAll(List<Change> changes, List<String> beforeJson, List<String> afterJson, String user,
      Instant changedAt);

  /** One entity's entries, newest (highest version) first. */
  List<ChangeEntry> forEntity(EntityType type, String entityId);

  /** The entry that made {@code version} of the entity, if recorded. */
  Optional<ChangeEntry> find(EntityType type, String entityId, long version);

  /** The highest version recorded for the entity, or 0 when there is none. */
  long latestVersion(EntityType type, String entityId);

  /** A page of entries, newest first. */
  List<ChangeEntry> page(HistoryQuery query);
}
