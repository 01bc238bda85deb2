package org.carecircle.accessibility;

import java.util.Optional;

/** Stored accessibility results: the summary and the per-cell minutes. */
public interface AccessibilityRepository {
  /** @param populationLayer identifies the population layer (its import time), may be null */
  long insert(AccessibilitySummary summary, String populationLayer, AccessibilityCells cells);

  Optional<AccessibilitySummary> findSummary(long id);

  Optional<AccessibilityCells> findCells(long id);

  Optional<String> findPopulationLayer(long id);
}
