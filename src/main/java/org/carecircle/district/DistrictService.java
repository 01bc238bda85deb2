package org.carecircle.district;

import java.util.List;
import org.carecircle.error.NotFoundException;
import org.carecircle.population.PopulationService;
import org.carecircle.paging.PageRequest;
import org.carecircle.paging.Paged;
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

  public DistrictService(DistrictRepository repository, PopulationService population) {
    this.repository = repository;
    this.population = population;
  }

  /** Every district with its population, by ascending id. */
  @Transactional(readOnly = true)
  public List<DistrictPopulation> list() {
    boolean hasCells = population.hasCells();
    return repository.findAll().stream().map(district -> withPopulation(district, hasCells)).toList();
  }

  /** One page of the districts with their population (ordered by id), and how many there are. */
  @Transactional(readOnly = true)
  public Paged<DistrictPopulation> list(PageRequest page) {
    boolean hasCells = population.hasCells();
    List<DistrictPopulation> items = repository.find(page.limit(), page.offset()).stream()
        .map(district -> withPopulation(district, hasCells)).toList();
    return new Paged<>(items, repository.count(), page);
  }

  @Transactional(readOnly = true)
  public DistrictPopulation get(long id) {
    return withPopulation(find(id), population.hasCells());
  }

  /**
   * Sets the official population of a district, or clears it with null.
   *
   * @param officialPopulation residents, finite and {@code >= 0}, or null
   */
  @Transactional
  public DistrictPopulation setOfficialPopulation(long id, Double officialPopulation) {
    if (!repository.setOfficialPopulation(id, officialPopulation)) {
      throw notFound(id);
    }
    return get(id);
  }

  /** Removes every district; returns how many there were. */
  @Transactional
  public int deleteAll() {
    return repository.deleteAll();
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
