package org.carecircle.population;

import java.util.LinkedHashMap;
import java.util.Map;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.EntityType;
import org.springframework.stereotype.Component;

/**
 * Records population layer changes in the change history. A layer has up to millions of cells, so
 * the history keeps a summary of it before and after: cells, total and source, not the cells.
 */
@Component
public class PopulationChanges {
  private final ChangeLog log;

  public PopulationChanges(ChangeLog log) {
    this.log = log;
  }

  /** Records an import ({@code import} over an empty layer, else {@code replace}) or a delete. */
  void record(PopulationSummary before, PopulationSummary after) {
    boolean hadLayer = before.cells() > 0 || before.source() != null;
    boolean hasLayer = after.cells() > 0 || after.source() != null;
    if (!hadLayer && !hasLayer) {
      return;
    }
    ChangeAction action = !hasLayer ? ChangeAction.DELETE : hadLayer ? ChangeAction.REPLACE : ChangeAction.IMPORT;
    String id = EntityType.CURRENT_POPULATION_LAYER;
    log.record(new Change(EntityType.POPULATION_LAYER, id, log.nextVersion(EntityType.POPULATION_LAYER, id), action,
        hadLayer ? state(before) : null, hasLayer ? state(after) : null));
  }

  private static Map<String, Object> state(PopulationSummary summary) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("cells", summary.cells());
    state.put("totalPopulation", summary.totalPopulation());
    state.put("source", summary.source());
    return state;
  }
}
