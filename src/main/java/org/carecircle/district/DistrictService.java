package org.carecircle.district;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.error.NotFoundException;
import org.carecircle.population.PopulationService;
import org.carecircle.population.PopulationSum;
import org.locationtech.jts.geom.Envelope;
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

  /**
   * Every district with its population, by ascending id. The cells are read once for all districts
   * (one pass over the cells in their joint extent), not once per district.
   */
  @Transactional(readOnly = true)
  public List<DistrictPopulation> list() {
    List<District> districts = repository.findAll();
    if (districts.isEmpty() || !population.hasCells()) {
      return districts.stream().map(district -> withPopulation(district, null)).toList();
    }
    Envelope extent = new Envelope();
    List<DistrictPopulationCalculator> calculators = new ArrayList<>(districts.size());
    PopulationSum[] sums = new PopulationSum[districts.size()];
    for (int i = 0; i < districts.size(); i++) {
      extent.expandToInclude(districts.get(i).boundary().getEnvelopeInternal());
      calculators.add(new DistrictPopulationCalculator(districts.get(i).boundary()));
      sums[i] = new PopulationSum();
    }
    population.forEachCellOverlapping(extent, cell -> {
      for (int i = 0; i < sums.length; i++) {
        sums[i].add(calculators.get(i).shareInside(cell) * cell.population());
      }
    });
    List<DistrictPopulation> answer = new ArrayList<>(districts.size());
    for (int i = 0; i < districts.size(); i++) {
      answer.add(withPopulation(districts.get(i), sums[i].value()));
    }
    return answer;
  }

  @Transactional(readOnly = true)
  public DistrictPopulation get(long id) {
    District district = find(id);
    return withPopulation(district, population.hasCells()
        ? new DistrictPopulationCalculator(district.boundary())
            .calculate(population.cellsOverlapping(district.boundary().getEnvelopeInternal())).population()
        : null);
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

  /** @param cellPopulation the residents of the cells inside, or null when there is no population layer */
  private static DistrictPopulation withPopulation(District district, Double cellPopulation) {
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
