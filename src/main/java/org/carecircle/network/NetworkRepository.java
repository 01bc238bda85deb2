package org.carecircle.network;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of stored road networks. One implementation serves H2GIS and PostGIS alike; writes
 * join the caller's transaction when there is one.
 */
public interface NetworkRepository {

  /** Every stored network, ordered by id. */
  List<NetworkInfo> findAll();

  Optional<NetworkInfo> findById(long id);

  /** Stores a new entry (its id is ignored) and returns it with the assigned id. */
  NetworkInfo insert(NetworkInfo network);

  /** @return false when no network had that id */
  boolean delete(long id);
}
