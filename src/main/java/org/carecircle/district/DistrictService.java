package org.carecircle.district;

import java.util.List;
import org.carecircle.error.NotFoundException;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.EntityType;
import org.carecircle.history.VersionConflictException;
import org.carecircle.population.PopulationService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Districts with their population.
 *
 * <p>IMPLEMENTATION NOTE: populations are computed when asked, district by district: the store's
 * spatial index hands over the cells that may overlap the district (by envelope) and {@link
 * DistrictPopulationCalculator} sums them. Nothing is cached, so a new population layer or an
 * edited district shows at once and there is no stale copy to keep right; the cost grows with the
 * cells inside the districts (the 20 Ahr municipalities over 23,054 raster cells take well under a
 * second).
 */
@Service
public class DistrictService {
  private final DistrictRepository repository;
  private final PopulationService population;
  private final ChangeLog log;

  public DistrictService(DistrictRepository repository, PopulationService population, ChangeLog log) {
    this.repository = repository;
    this.population = population;
    this.log = log;
  }

  /** Every district with its population, by ascending id. */
  @Transactional(readOnly = true)
  public List<DistrictPopulation> list() {
    boolean hasCells = population.hasCells();
    return repository.findAll().stream().map(district -> withPopulation(district, hasCells)).toList();
  }

  @Transactional(readOnly = true)
  public DistrictPopulation get(long id) {
    return withPopulation(find(id), population.hasCells());
  }

  /**
   * Sets the official population of a district, or clears it with null; its version goes up by one
   * and the change is recorded.
   *
   * @param officialPopulation residents, finite and {@code >= 0}, or null
   * @param expectedVersion the version the client edited (If-Match), or null for no check
   * @throws VersionConflictException when the stored version is not {@code expectedVersion}
   */
  @Transactional
  public DistrictPopulation setOfficialPopulation(long id, Double officialPopulation, Long expectedVersion) {
    District before = repository.findByIdForUpdate(id).orElseThrow(() -> notFound(id));
    if (expectedVersion != null && expectedVersion != before.version()) {
      throw new VersionConflictException("district " + id, before.version(), expectedVersion,
          DistrictGeoJson.toFeature(withPopulation(before, population.hasCells())));
    }
    if (!repository.setOfficialPopulation(id, officialPopulation, before.version())) {
      throw new IllegalStateException("district " + id + " changed although it was locked");
    }
    District after = new District(id, before.name(), before.code(), officialPopulation, before.boundary(),
        before.version() + 1);
    log.record(new Change(EntityType.DISTRICT, String.valueOf(id), after.version(), ChangeAction.UPDATE,
        before.historyState(), after.historyState()));
    return get(id);
  }

  /** Removes every district, each recorded as deleted; returns how many there were. */
  @Transactional
  public int deleteAll() {
    List<District> before = repository.findAll();
    int deleted = repository.deleteAll();
    log.recordAll(before.stream().map(d -> new Change(EntityType.DISTRICT, String.valueOf(d.id()), d.version() + 1,
        ChangeAction.DELETE, d.historyState(), null)).toList());
    return deleted;
  }

  private District find(long id) {
    return repository.findById(id).orElseThrow(() -> notFound(id));
  }

  private DistrictPopulation withPopulation(District district, boolean hasCells) {
    Double cellPopulation = hasCells
        ? new DistrictPopulationCalculator(district.boundary())
            .calculate(population.cellsOverlapping(district.boundary().getEnvelopeInternal())).population()
        : null;
    if (district.officialPopulation() != null) {
      return new DistrictPopulation(district, district.officialPopulation(), cellPopulation, PopulationSource.OFFICIAL);
    }
    return new DistrictPopulation(district, cellPopulation, cellPopulation,
        cellPopulation == null ? PopulationSource.NONE : PopulationSource.CELLS);
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("there is no district with id " + id);
  }
}
