package org.carecircle.facility;

import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.paging.PageRequest;
import org.carecircle.paging.Paged;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeEntry;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.EntityType;
import org.carecircle.history.VersionConflictException;
import org.carecircle.io.geojson.GeoJsonReader;
import org.carecircle.io.SourceFeature;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and editing single facilities, with the same validation as imports. Every change is
 * recorded in the change history in its own transaction; updates and deletes may name the version
 * the client edited, and a stale one changes nothing ({@link VersionConflictException}).
 */
@Service
public class FacilityService {
  private final FacilityRepository repository;
  private final FacilityTypeCatalogue catalogue;
  private final FacilityFeatureMapper mapper;
  private final FacilityChanges changes;
  private final ChangeLog log;

  public FacilityService(FacilityRepository repository, FacilityTypeCatalogue catalogue, FacilityChanges changes,
      ChangeLog log) {
    this.repository = repository;
    this.catalogue = catalogue;
    this.mapper = new FacilityFeatureMapper(catalogue);
    this.changes = changes;
    this.log = log;
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

  /** Validates and stores a new facility (version 1); the feature's coordinates are WGS84. */
  @Transactional
  public Facility create(SourceFeature feature) {
    Facility facility = validated(feature, null);
    requireUniqueExternalId(facility);
    Facility created = repository.insert(facility);
    changes.created(created, ChangeAction.CREATE);
    return created;
  }

  /**
   * Replaces facility {@code id} with the feature's values; its version goes up by one.
   *
   * @param expectedVersion the version the client edited (its If-Match), or null for no check
   * @throws VersionConflictException when the stored version is not {@code expectedVersion}
   */
  @Transactional
  public Facility update(long id, SourceFeature feature, Long expectedVersion) {
    Facility before = current(id, expectedVersion);
    Facility facility = validated(feature, id);
    requireUniqueExternalId(facility);
    return replace(before, facility, ChangeAction.UPDATE);
  }

  /**
   * Deletes facility {@code id}; its history stays.
   *
   * @param expectedVersion the version the client saw (its If-Match), or null for no check
   * @throws VersionConflictException when the stored version is not {@code expectedVersion}
   */
  @Transactional
  public void delete(long id, Long expectedVersion) {
    Facility before = current(id, expectedVersion);
    if (!repository.delete(id, before.version())) {
      throw conflict(id, expectedVersion == null ? before.version() : expectedVersion);
    }
    changes.deleted(before);
  }

  /** The facility's recorded changes, newest first; also for a deleted facility. */
  public List<ChangeEntry> history(long id) {
    List<ChangeEntry> entries = log.history(EntityType.FACILITY, String.valueOf(id));
    if (entries.isEmpty() && repository.findById(id).isEmpty()) {
      throw notFound(id);
    }
    return entries;
  }

  /**
   * Brings back the facility as it was at {@code version}, also after a delete (under the same id);
   * recorded as a {@code restore} with the next version.
   *
   * @param expectedVersion the current version the client saw (If-Match), or null for no check;
   *     ignored when the facility is deleted
   * @throws NotFoundException when that version was never recorded
   * @throws InputRejectedException on field version when that version is a deletion, or on field
   *     externalId when another facility took its externalId since
   */
  @Transactional
  public Facility restore(long id, long version, Long expectedVersion) {
    ChangeEntry entry = log.entry(EntityType.FACILITY, String.valueOf(id), version)
        .orElseThrow(() -> new NotFoundException("facility " + id + " has no recorded version " + version
            + "; GET /api/facilities/" + id + "/history lists its versions"));
    if (entry.after() == null) {
      throw new InputRejectedException(InputProblem.ofField("version", "version " + version + " of facility " + id
          + " is its deletion; restore a version before it"));
    }
    Facility wanted = validated(GeoJsonReader.readSingleFeature(entry.after()), id);
    requireUniqueExternalId(wanted);
    Facility stored = repository.findByIdForUpdate(id).orElse(null);
    if (stored == null) {
      long next = log.nextVersion(EntityType.FACILITY, String.valueOf(id));
      Facility restored = repository.insertWithId(wanted.withVersion(next));
      changes.created(restored, ChangeAction.RESTORE);
      return restored;
    }
    if (expectedVersion != null && expectedVersion != stored.version()) {
      throw conflict(id, expectedVersion);
    }
    return replace(stored, wanted, ChangeAction.RESTORE);
  }

  private Facility replace(Facility before, Facility facility, ChangeAction action) {
    if (!repository.update(facility.withVersion(before.version()))) {
      throw conflict(before.id(), before.version());
    }
    Facility after = facility.withVersion(before.version() + 1);
    changes.updated(before, after, action);
    return after;
  }

  /** The stored facility, locked for the change, at the version the client expects. */
  private Facility current(long id, Long expectedVersion) {
    Facility stored = repository.findByIdForUpdate(id).orElseThrow(() -> notFound(id));
    if (expectedVersion != null && expectedVersion != stored.version()) {
      throw conflict(id, expectedVersion);
    }
    return stored;
  }

  /** The answer to a stale version: both versions, and the stored feature as it is now. */
  private VersionConflictException conflict(long id, long yourVersion) {
    Facility stored = repository.findById(id).orElseThrow(() -> notFound(id));
    return new VersionConflictException("facility " + id, stored.version(), yourVersion,
        FacilityGeoJson.toFeature(stored));
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
