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

  /** Stores a new facility (its id is ignored) and returns it with the assigned id. */
  Facility insert(Facility facility);

  /**
   * Replaces the stored facility {@code facility.id()}.
   *
   * @return false when no facility has that id
   */
  boolean update(Facility facility);

  /** @return false when no facility had that id */
  boolean delete(long id);

  /** Ids of the stored facilities with these external ids, by external id. */
  Map<String, Long> idsByExternalId(Collection<String> externalIds);

  /** Inserts many facilities in batches; ids of the arguments are ignored. */
  void insertAll(List<Facility> facilities);

  /** Updates many facilities (each with its id) in batches. */
  void updateAll(List<Facility> facilities);

  long count();
}
