package org.carecircle.coverage;

import java.util.List;
import java.util.Optional;

/** Stored coverage zone sets; one JDBC implementation serves H2GIS and PostGIS. */
public interface ZoneSetRepository {
  /** Stores the set and its zones; returns its id. */
  long insert(ZoneSet set);

  Optional<ZoneSet> find(long id);

  /** All sets without their zones (zones list empty), newest first. */
  List<ZoneSet> listWithoutZones();

  /** One page of the sets without their zones, newest first. */
  List<ZoneSet> listWithoutZones(int limit, long offset);

  /** How many sets are stored. */
  long count();

  /** @return false when there was no such set */
  boolean delete(long id);
}
