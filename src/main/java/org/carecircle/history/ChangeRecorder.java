package org.carecircle.history;

import java.util.List;

/**
 * The writing side of the change history, for services that record their changes. {@link
 * ChangeLog} is the implementation; calls must run inside the transaction of the change.
 */
public interface ChangeRecorder {
  /** Records one change, by the current user, now. */
  void record(Change change);

  /** Records many changes in batches, all by the current user at the same time. */
  void recordAll(List<Change> changes);

  /**
   * The version a change to an entity without a version of its own (population layer, planning
   * target, scenario) gets: one more than the last recorded, 1 for the first.
   */
  long nextVersion(EntityType type, String entityId);
}
