package org.carecircle.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.io.TextValues;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.facility.ExportFormat;
import org.carecircle.facility.Facility;
import org.carecircle.facility.FacilityChanges;
import org.carecircle.facility.FacilityExportService;
import org.carecircle.facility.FacilityRepository;
import org.carecircle.facility.FacilityStatus;
import org.carecircle.facility.FacilityTypeCatalogue;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.EntityType;
import org.carecircle.siting.NetworkSitingReport;
import org.carecircle.siting.SitingAnswer;
import org.carecircle.siting.SitingService;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saves siting results as scenarios, reads, exports and deletes them. Saving is all or nothing:
 * the scenario and every one of its planned facilities are written in one transaction.
 */
@Service
public class ScenarioService {
  public static final int MAX_NAME_LENGTH = 200;
  public static final String DEFAULT_TYPE = "emergency_station";
  /** Attribute marking a registry candidate that a scenario made planned: its status before. */
  static final String PROMOTED_FROM = "statusBeforeScenario";
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final ScenarioRepository scenarios;
  private final FacilityRepository facilities;
  private final FacilityTypeCatalogue catalogue;
  private final FacilityExportService exporter;
  private final SitingService siting;
  private final TransactionTemplate transaction;
  private final FacilityChanges facilityChanges;
  private final ChangeLog log;

  public ScenarioService(ScenarioRepository scenarios, FacilityRepository facilities, FacilityTypeCatalogue catalogue,
      FacilityExportService exporter, SitingService siting, TransactionTemplate transaction,
      FacilityChanges facilityChanges, ChangeLog log) {
    this.facilityChanges = facilityChanges;
    this.log = log;
    this.scenarios = scenarios;
    this.facilities = facilities;
    this.catalogue = catalogue;
    this.exporter = exporter;
    this.siting = siting;
    this.transaction = transaction;
  }

  /**
   * Saves the sites of a stored network siting result as planned facilities in a new scenario.
   *
   * @throws InputRejectedException naming every bad field (name missing, too long or taken; no
   *     such result; unknown type; a result without sites)
   */
  public Scenario create(ScenarioRequest request) {
    if (request == null) {
      throw new InputRejectedException(InputProblem.ofField("body", "the request body is empty"));
    }
    List<InputProblem> problems = new ArrayList<>();
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty()) {
      problems.add(InputProblem.ofField("name", "give the scenario a name, e.g. \"18 emergency stations, 12 min\""));
    } else if (name.length() > MAX_NAME_LENGTH) {
      problems.add(InputProblem.ofField("name", "the name has " + name.length() + " characters; at most "
          + MAX_NAME_LENGTH));
    } else if (TextValues.controlCharacterProblem(name).isPresent()) {
      problems.add(InputProblem.ofField("name", TextValues.controlCharacterProblem(name).get()));
    } else if (scenarios.nameTaken(name)) {
      problems.add(InputProblem.ofField("name", "a scenario named '" + name + "' exists already; choose another"
          + " name or delete that one"));
    }
    String typeCode = request.typeCode() == null ? DEFAULT_TYPE : request.typeCode();
    var type = catalogue.lookup(typeCode);
    if (type.isEmpty()) {
      problems.add(InputProblem.ofField("typeCode", "unknown facility type '" + typeCode
          + "'; see GET /api/facility-types for the codes"));
    }
    SitingAnswer answer = null;
    if (request.resultId() == null) {
      problems.add(InputProblem.ofField("resultId", "resultId is required: the resultId of a network siting answer"));
    } else {
      try {
        answer = siting.run(request.resultId());
      } catch (NotFoundException e) {
        problems.add(InputProblem.ofField("resultId", "there is no siting result with id " + request.resultId()));
      }
    }
    if (answer != null && answer.network().sites().isEmpty()) {
      problems.add(InputProblem.ofField("resultId", "siting result " + request.resultId() + " chose no sites: there"
          + " is nothing to plan"));
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    NetworkSitingReport report = answer.network();
    Scenario.ScenarioSummary summary = new Scenario.ScenarioSummary(answer.model(), report.networkId(),
        report.mode(), report.minutes(), report.turnoutMinutes(), report.fixedSites().size(),
        report.demand().totalPopulation(), report.before(), report.after());
    String code = type.get().code();
    long id = transaction.execute(status -> {
      long scenarioId = scenarios.insert(name, request.resultId(), code, summary);
      for (NetworkSitingReport.Site site : report.sites()) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("scenario", name);
        attributes.put("rank", site.rank());
        if (site.marginalGain() != null) {
          attributes.put("marginalGain", site.marginalGain());
        }
        attributes.put("sitingResultId", request.resultId());
        Facility candidate = site.facilityId() == null ? null : facilities.findById(site.facilityId()).orElse(null);
        if (candidate != null && candidate.status() == FacilityStatus.CANDIDATE) {
          // a candidate site from the registry becomes the planned facility itself, and goes back
          // to being a candidate when the scenario is deleted
          Map<String, Object> merged = new LinkedHashMap<>(candidate.attributes());
          merged.putAll(attributes);
          merged.put(PROMOTED_FROM, FacilityStatus.CANDIDATE.code());
          Facility planned = new Facility(candidate.id(), candidate.name(), candidate.typeCode(),
              FacilityStatus.PLANNED, candidate.beds(), candidate.physicians(), candidate.nurses(),
              candidate.ambulances(), candidate.address(), candidate.externalId(), merged, candidate.location(),
              candidate.version());
          if (!facilities.update(planned)) {
            throw new IllegalStateException("candidate facility " + candidate.id() + " changed while the scenario"
                + " was saved");
          }
          facilityChanges.updated(candidate, planned.withVersion(candidate.version() + 1), ChangeAction.UPDATE);
          scenarios.link(scenarioId, candidate.id(), site.rank());
          continue;
        }
        Facility created = facilities.insert(new Facility(null, name + " · " + site.rank(), code,
            FacilityStatus.PLANNED, null, null, null, null, null, "scenario-" + scenarioId + "-site-" + site.rank(),
            attributes, WGS84.createPoint(new Coordinate(site.lon(), site.lat()))));
        facilityChanges.created(created, ChangeAction.CREATE);
        scenarios.link(scenarioId, created.id(), site.rank());
      }
      log.record(new Change(EntityType.SCENARIO, String.valueOf(scenarioId),
          log.nextVersion(EntityType.SCENARIO, String.valueOf(scenarioId)), ChangeAction.CREATE, null,
          recordOf(scenarioId, name, request.resultId(), code, scenarios.links(scenarioId))));
      return scenarioId;
    });
    return get(id);
  }

  public List<Scenario> list() {
    return scenarios.findAll().stream().map(this::withSites).toList();
  }

  public Scenario get(long id) {
    return withSites(scenarios.findById(id).orElseThrow(() -> notFound(id)));
  }

  /**
   * Deletes the scenario and its planned facilities, in one transaction; registry candidates it
   * had made planned become candidates again, without the scenario's attributes.
   */
  public void delete(long id) {
    transaction.executeWithoutResult(status -> {
      List<ScenarioRepository.Link> links = scenarios.links(id);
      ScenarioRepository.Row row = scenarios.findById(id).orElseThrow(() -> notFound(id));
      if (!scenarios.delete(id)) {
        throw notFound(id);
      }
      log.record(new Change(EntityType.SCENARIO, String.valueOf(id),
          log.nextVersion(EntityType.SCENARIO, String.valueOf(id)), ChangeAction.DELETE,
          recordOf(id, row.name(), row.resultId(), row.typeCode(), links), null));
      for (ScenarioRepository.Link link : links) {
        Facility facility = facilities.findById(link.facilityId()).orElse(null);
        if (facility == null) {
          continue;
        }
        if (FacilityStatus.CANDIDATE.code().equals(facility.attributes().get(PROMOTED_FROM))) {
          Map<String, Object> restored = new LinkedHashMap<>(facility.attributes());
          restored.keySet().removeAll(List.of(PROMOTED_FROM, "scenario", "rank", "marginalGain", "sitingResultId"));
          Facility candidate = new Facility(facility.id(), facility.name(), facility.typeCode(),
              FacilityStatus.CANDIDATE, facility.beds(), facility.physicians(), facility.nurses(),
              facility.ambulances(), facility.address(), facility.externalId(), restored, facility.location(),
              facility.version());
          if (!facilities.update(candidate)) {
            throw new IllegalStateException("facility " + facility.id() + " changed while the scenario was deleted");
          }
          facilityChanges.updated(facility, candidate.withVersion(facility.version() + 1), ChangeAction.UPDATE);
        } else if (facilities.delete(link.facilityId(), facility.version())) {
          facilityChanges.deleted(facility);
        }
      }
    });
  }

  /** Writes facilities (a scenario's, from {@link #facilitiesOf}) in {@code format}. */
  public void export(List<Facility> selected, ExportFormat format, OutputStream out) throws IOException {
    exporter.write(selected, format, out);
  }

  /** The scenario's planned facilities, by rank (checks that the scenario exists). */
  public List<Facility> facilitiesOf(long id) {
    scenarios.findById(id).orElseThrow(() -> notFound(id));
    List<Facility> found = new ArrayList<>();
    for (ScenarioRepository.Link link : scenarios.links(id)) {
      facilities.findById(link.facilityId()).ifPresent(found::add);
    }
    return found;
  }

  private Scenario withSites(ScenarioRepository.Row row) {
    List<Scenario.Site> sites = new ArrayList<>();
    for (ScenarioRepository.Link link : scenarios.links(row.id())) {
      facilities.findById(link.facilityId()).ifPresent(f -> {
        Object gain = f.attributes().get("marginalGain");
        sites.add(new Scenario.Site(link.rank(), f.id(), f.name(), f.longitude(), f.latitude(),
            gain instanceof Number number ? number.doubleValue() : null));
      });
    }
    return new Scenario(row.id(), row.name(), row.typeCode(), row.createdAt(), row.resultId(), row.summary(), sites);
  }

  /** A scenario as the change history keeps it: what it is and which facilities it holds. */
  private static Map<String, Object> recordOf(long id, String name, Long resultId, String typeCode,
      List<ScenarioRepository.Link> links) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", id);
    record.put("name", name);
    record.put("resultId", resultId);
    record.put("typeCode", typeCode);
    record.put("facilityIds", links.stream().map(ScenarioRepository.Link::facilityId).toList());
    return record;
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("there is no scenario with id " + id);
  }
}
