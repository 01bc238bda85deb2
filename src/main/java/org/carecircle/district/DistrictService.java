package org.carecircle.district;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.error.NotFoundException;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.EntityType;
import org.carecircle.history.VersionConflictException;
import org.carecircle.population.PopulationCells;
import org.carecircle.population.PopulationService;
import org.carecircle.paging.PageRequest;
import org.carecircle.paging.Paged;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Districts with their population.
 *
 * <p>IMPLEMENTATION NOTE: populations are computed when asked, from the layer's cells in memory
 * ({@link PopulationService#allCells}, kept per layer): {@link DistrictPopulationSums} places each
 * cell by its envelope; only the polygons of cells straddling a border are read and intersected.
 * The last answer is kept under the population layer and every district's id and version, so a new
 * layer or an edited district shows at once; at a million cells a pass costs a few hundred
 * milliseconds, the first read of the layer after a restart seconds.
 */
@Service
public class DistrictService {
  private final DistrictRepository repository;
  private final PopulationService population;
  private final ChangeLog log;
  /** See {@link #withPopulations}: an indicator report and the district list ask for the same sums. */
  private volatile Sums sums;

  public DistrictService(DistrictRepository repository, PopulationService population, ChangeLog log) {
    this.repository = repository;
    this.population = population;
    this.log = log;
  }

  /** Every district with its population, by ascending id. */
  @Transactional(readOnly = true)
  public List<DistrictPopulation> list() {
    return withPopulations(repository.findAll());
  }

  /** One page of the districts with their population (ordered by id), and how many there are. */
  @Transactional(readOnly = true)
  public Paged<DistrictPopulation> list(PageRequest page) {
    return new Paged<>(withPopulations(repository.find(page.limit(), page.offset())), repository.count(), page);
  }

  /**
   * The districts with their populations: one pass over the layer's cells in memory ({@link
   * PopulationService#allCells}), each placed by its envelope; only cells straddling a border are
   * read with their polygon. Answers are kept per population layer and district versions.
   */
  private List<DistrictPopulation> withPopulations(List<District> districts) {
    if (districts.isEmpty() || !population.hasCells()) {
      return districts.stream().map(district -> withPopulation(district, null)).toList();
    }
    PopulationCells cells = population.allCells();
    // the cells in memory are one object per stored layer: the same object, the same layer
    List<String> key = new ArrayList<>(districts.size());
    for (District district : districts) {
      key.add(district.id() + "@" + district.version());
    }
    Sums kept = sums;
    double[] values;
    if (kept != null && kept.key().equals(key) && kept.cells() == cells) {
      values = kept.values();
    } else {
      List<Geometry> boundaries = new ArrayList<>(districts.size());
      Envelope joint = new Envelope();
      for (District district : districts) {
        boundaries.add(district.boundary());
        joint.expandToInclude(district.boundary().getEnvelopeInternal());
      }
      DistrictPopulationSums sums = new DistrictPopulationSums(boundaries);
      for (int i = 0; i < cells.size(); i++) {
        if (cells.maxLon()[i] >= joint.getMinX() && cells.minLon()[i] <= joint.getMaxX()
            && cells.maxLat()[i] >= joint.getMinY() && cells.minLat()[i] <= joint.getMaxY()) {
          sums.add(cells.extent(i));
        }
      }
      values = sums.values(population::cellPolygons);
      this.sums = new Sums(key, cells, values);
    }
    List<DistrictPopulation> answer = new ArrayList<>(districts.size());
    for (int i = 0; i < districts.size(); i++) {
      answer.add(withPopulation(districts.get(i), values[i]));
    }
    return answer;
  }

  /** The last sums computed: for these cells (one object per layer) and these districts (id@version). */
  private record Sums(List<String> key, PopulationCells cells, double[] values) {}

  @Transactional(readOnly = true)
  public DistrictPopulation get(long id) {
    return withOwnPopulation(find(id));
  }

  /** One district with the population of the cells overlapping it alone. */
  private DistrictPopulation withOwnPopulation(District district) {
    return withPopulations(List.of(district)).get(0);
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
          DistrictGeoJson.toFeature(withOwnPopulation(before)));
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
