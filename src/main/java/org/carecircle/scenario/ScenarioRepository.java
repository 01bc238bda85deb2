package org.carecircle.scenario;

import java.util.List;
import java.util.Optional;

/**
 * Stored scenarios and the links to their facilities. Writes join the caller's transaction.
 */
public interface ScenarioRepository {

  /** A scenario row without its sites. */
  record Row(long id, String name, String typeCode, java.time.Instant createdAt, Long resultId,
      Scenario.ScenarioSummary summary) {}

  /** A link from a scenario to one of its facilities. */
  record Link(long facilityId, int rank) {}

  /** Stores a scenario and returns its id. */
  long insert(String name, Long resultId, String typeCode, Scenario.ScenarioSummary summary);

  void link(long scenarioId, long facilityId, int rank);

  boolean nameTaken(String name);

  List<Row> findAll();

  Optional<Row> findById(long id);

  /** The scenario's facilities that still exist, by rank. */
  List<Link> links(long scenarioId);

  /** @return false when there was no such scenario */
  boolean delete(long id);
}
