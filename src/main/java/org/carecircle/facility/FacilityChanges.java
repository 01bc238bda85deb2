package org.carecircle.facility;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.EntityType;
import org.springframework.stereotype.Component;

/**
 * Records facility changes in the change history, each facility as its API GeoJSON feature.
 * Every writer of the registry (the editor, imports, scenarios, restores) records through here,
 * inside its own transaction.
 */
@Component
public class FacilityChanges {
  private final ChangeLog log;

  public FacilityChanges(ChangeLog log) {
    this.log = log;
  }

  /** @param created the stored facility, with its id and version */
  public void created(Facility created, ChangeAction action) {
    log.record(change(action, null, created));
  }

  /**
   * @param before the stored facility before the change
   * @param after the stored facility after it (version = before's + 1)
   */
  public void updated(Facility before, Facility after, ChangeAction action) {
    log.record(change(action, before, after));
  }

  /** @param before the stored facility just deleted; the entry gets its version + 1 */
  public void deleted(Facility before) {
    log.record(new Change(EntityType.FACILITY, String.valueOf(before.id()), before.version() + 1,
        ChangeAction.DELETE, FacilityGeoJson.toFeature(before), null));
  }

  /** An import's rows in one batch: created facilities and (before, after) pairs of updated ones. */
  void imported(List<Facility> created, List<Facility> updatedBefore, List<Facility> updatedAfter) {
    List<Change> changes = new ArrayList<>(created.size() + updatedAfter.size());
    created.forEach(f -> changes.add(change(ChangeAction.IMPORT, null, f)));
    for (int i = 0; i < updatedAfter.size(); i++) {
      changes.add(change(ChangeAction.IMPORT_UPDATE, updatedBefore.get(i), updatedAfter.get(i)));
    }
    log.recordAll(changes);
  }

  private static Change change(ChangeAction action, Facility before, Facility after) {
    return new Change(EntityType.FACILITY, String.valueOf(after.id()), after.version(), action,
        before == null ? null : FacilityGeoJson.toFeature(before), FacilityGeoJson.toFeature(after));
  }
}
