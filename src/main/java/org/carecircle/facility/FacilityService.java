package org.carecircle.facility;

import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.paging.PageRequest;
import org.carecircle.paging.Paged;
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

  /** One page of the facilities matching the query (ordered by id) and how many match in all. */
  public Paged<Facility> find(FacilityQuery query, PageRequest page) {
    return new Paged<>(repository.find(query, page.limit(), page.offset()), repository.count(query), page);
  }

  /**
   * A query from lists of type codes (or names) and statuses, as analyses take them in JSON.
   * Closed or merely planned facilities serve nobody today: when {@code statuses} is null the
   * query asks for existing facilities only; an empty list means any status.
   *
   * @param field the request field the lists came from, for the problems ({@code field.types})
   * @param problems where unknown types and statuses are reported
   * @return the query, or null when a problem was added
   */
  public FacilityQuery filterQuery(List<String> types, List<String> statuses, String field,
      List<InputProblem> problems) {
    java.util.Set<String> typeCodes = new java.util.LinkedHashSet<>();
    java.util.Set<FacilityStatus> statusSet = new java.util.LinkedHashSet<>();
    int before = problems.size();
    for (String type : types == null ? List.<String>of() : types) {
      catalogue.lookup(type == null ? "" : type).ifPresentOrElse(t -> typeCodes.add(t.code()),
          () -> problems.add(InputProblem.ofField(field + ".types", "unknown facility type '"
              + type + "'; see GET /api/facility-types for the codes")));
    }
    if (statuses == null) {
      statusSet.add(FacilityStatus.EXISTING);
    }
    for (String status : statuses == null ? List.<String>of() : statuses) {
      FacilityStatus.parse(status == null ? "" : status).ifPresentOrElse(statusSet::add,
          () -> problems.add(InputProblem.ofField(field + ".statuses", "unknown status '"
              + status + "'; expected existing, planned, candidate or closed")));
    }
    return problems.size() == before ? new FacilityQuery(typeCodes, statusSet, null) : null;
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
