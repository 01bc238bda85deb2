package org.carecircle.facility;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facility store. One implementation serves H2GIS and PostGIS alike: geometry crosses the
 * boundary as WKB in EPSG:4326, and vendor differences stay in the Flyway migrations.
 *
 * <p>Writes join the caller's transaction when there is one.
 */
public interface FacilityRepository {

  /** Facilities matching the query, ordered by id. */
  List<Facility> find(FacilityQuery query);

  /**
   * One page of the facilities matching the query, ordered by id.
   *
   * @param limit at most this many (&gt; 0)
   * @param offset skipping this many first (&gt;= 0)
   */
  List<Facility> find(FacilityQuery query, int limit, long offset);

  /** How many facilities match the query. */
  long count(FacilityQuery query);

  Optional<Facility> findById(long id);

  /** As {@link #findById}, locking the row until the transaction ends (a read before a change). */
  Optional<Facility> findByIdForUpdate(long id);

  /** The stored facilities among these ids, in no particular order, locked until the transaction ends. */
  List<Facility> findByIdsForUpdate(Collection<Long> ids);

  /** Stores a new facility (its id and version are ignored) and returns it with the assigned id, version 1. */
  Facility insert(Facility facility);

  /**
   * Stores a facility under its own id and version (a restore after a delete; the id must be free).
   */
  Facility insertWithId(Facility facility);

  /**
   * Replaces the stored facility {@code facility.id()} and adds one to its version. When {@code
   * facility.version()} is not null, only the facility at that version is replaced.
   *
   * @return false when no facility has that id (at that version)
   */
  boolean update(Facility facility);

  /** @return false when no facility had that id */
  boolean delete(long id);

  /** @return false when no facility had that id at that version */
  boolean delete(long id, long expectedVersion);

  /** Ids of the stored facilities with these external ids, by external id. */
  Map<String, Long> idsByExternalId(Collection<String> externalIds);

  /**
   * Inserts many facilities in batches; ids of the arguments are ignored.
   *
   * @return the facilities with their assigned ids and version 1, in the order given
   */
  List<Facility> insertAll(List<Facility> facilities);

  /** Updates many facilities (each with its id) in batches; each version goes up by one. */
  void updateAll(List<Facility> facilities);

  long count();
}
