package org.carecircle.district;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The district store. One implementation serves H2GIS and PostGIS alike: geometry crosses the
 * boundary as WKB in EPSG:4326. Writes join the caller's transaction when there is one.
 */
public interface DistrictRepository {

  /** Every district, by ascending id. */
  List<District> findAll();

  /** One page of the districts, ordered by id. */
  List<District> find(int limit, long offset);

  /** How many districts are stored. */
  long count();

  Optional<District> findById(long id);

  /** Stores new districts (their ids are ignored) and returns them with the assigned ids. */
  List<District> insertAll(List<District> districts);

  /** As {@link #findById}, locking the row until the transaction ends (a read before a change). */
  Optional<District> findByIdForUpdate(long id);

  /**
   * Sets or clears (null) the official population of a district at {@code expectedVersion}; its
   * version goes up by one.
   *
   * @return false when no district has that id at that version
   */
  boolean setOfficialPopulation(long id, Double officialPopulation, long expectedVersion);

  /** Removes every district and returns how many there were. */
  int deleteAll();

  /** The ids of stored districts with these codes, by code. */
  Map<String, Long> idsByCode(Collection<String> codes);
}
