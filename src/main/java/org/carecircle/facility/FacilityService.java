package org.carecircle.facility;

import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.io.SourceFeature;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading and editing single facilities, with the same validation as imports. */
@Service
public class FacilityService {
  private final FacilityRepository repository;
  private final FacilityTypeCatalogue catalogue;
  private final FacilityFeatureMapper mapper;

  public FacilityService(FacilityRepository repository, FacilityTypeCatalogue catalogue) {
    this.repository = repository;
    this.catalogue = catalogue;
    this.mapper = new FacilityFeatureMapper(catalogue);
  }

  public FacilityTypeCatalogue catalogue() {
    return catalogue;
  }

  public List<Facility> find(FacilityQuery query) {
    return repository.find(query);
  }

  public Facility get(long id) {
    return repository.findById(id).orElseThrow(() -> notFound(id));
  }

  /** Validates and stores a new facility; the feature's coordinates are WGS84. */
  @Transactional
  public Facility create(SourceFeature feature) {
    Facility facility = validated(feature, null);
    requireUniqueExternalId(facility);
    return repository.insert(facility);
  }

  /** Replaces facility {@code id} with the feature's values. */
  @Transactional
  public Facility update(long id, SourceFeature feature) {
    repository.findById(id).orElseThrow(() -> notFound(id));
    Facility facility = validated(feature, id);
    requireUniqueExternalId(facility);
    repository.update(facility);
    return facility;
  }

  @Transactional
  public void delete(long id) {
    if (!repository.delete(id)) {
      throw notFound(id);
    }
  }

  public long count() {
    return repository.count();
  }

  private Facility validated(SourceFeature feature, Long id) {
    FacilityFeatureMapper.Mapped mapped = mapper.map(null, feature.geometry(), feature.properties(), id);
    if (!mapped.ok()) {
      throw new InputRejectedException(mapped.problems());
    }
    return mapped.facility();
  }

  private void requireUniqueExternalId(Facility facility) {
    if (facility.externalId() == null) {
      return;
    }
    Map<String, Long> holders = repository.idsByExternalId(List.of(facility.externalId()));
    Long holder = holders.get(facility.externalId());
    if (holder != null && !holder.equals(facility.id())) {
      throw new InputRejectedException(InputProblem.ofField("externalId",
          "externalId '" + facility.externalId() + "' is already used by facility " + holder));
    }
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("there is no facility with id " + id);
  }
}
