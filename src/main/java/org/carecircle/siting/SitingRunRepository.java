package org.carecircle.siting;

import java.util.Optional;

/** Stored network siting runs: the answer, read whole. */
public interface SitingRunRepository {

  /** Stores the answer (its resultId is ignored) and returns the new id. */
  long insert(SitingAnswer answer);

  /** The stored answer with its resultId set, or empty. */
  Optional<SitingAnswer> find(long id);
}
