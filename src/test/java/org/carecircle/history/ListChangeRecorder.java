package org.carecircle.history;

import java.util.ArrayList;
import java.util.List;

/** A {@link ChangeRecorder} in memory, for unit tests of services without a store. */
public final class ListChangeRecorder implements ChangeRecorder {
  public final List<Change> changes = new ArrayList<>();

  @Override
  public void record(Change change) {
    changes.add(change);
  }

  @Override
  public void recordAll(List<Change> all) {
    changes.addAll(all);
  }

  @Override
  public long nextVersion(EntityType type, String entityId) {
    return changes.stream().filter(c -> c.entityType() == type && c.entityId().equals(entityId))
        .mapToLong(Change::version).max().orElse(0) + 1;
  }
}
