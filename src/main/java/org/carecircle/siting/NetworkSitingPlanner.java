package org.carecircle.siting;

import org.carecircle.siting.solver.SitingOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carecircle.analysis.AnalysisOrigin;
import org.carecircle.analysis.AnalysisRequestChecker;
import org.carecircle.analysis.AnalysisRules;
import org.carecircle.analysis.CheckedAnalysis;
import org.carecircle.analysis.FacilitySelection;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.facility.Facility;
import org.carecircle.facility.FacilityQuery;
import org.carecircle.facility.FacilityService;
import org.carecircle.network.BoundingBox;
import org.carecircle.network.NetworkInfo;
import org.carecircle.network.NetworkService;
import org.carecircle.network.TravelMode;
import org.carecircle.population.PopulationCells;
import org.carecircle.population.PopulationService;
import org.carecircle.population.PopulationSummary;
import org.carecircle.system.CareCircleProperties;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link NetworkSitingRequest} (the shared analysis fields by {@link AnalysisRequestChecker}) and loads what it needs (the mode's network, the
 * population as demand points, the open stations), naming every bad field at once so that the
 * planner can fix the form in one go. What can only be known after the travel times (p more
 * than the usable candidates, nobody reachable) is checked by {@link NetworkSiting}.
 */
@Component
public class NetworkSitingPlanner {
  /**
   * p-median and p-center: demand points above which cells are merged (1,000 candidates × 20,000
   * points = 160 MB of costs). The covering models never merge.
   */
  public static final int DEFAULT_MAX_DEMAND_POINTS = 20_000;
  /** The largest maxDemandPoints a request may ask for. */
  public static final int MAX_DEMAND_POINTS = 50_000;
  /** The smallest maxDemandPoints a request may ask for. */
  public static final int MIN_DEMAND_POINTS = 100;
  /** Candidate spacing when the grid gives none, as planners place stations: every 500 m. */
  public static final double DEFAULT_SPACING_METERS = 500;

  private final NetworkService networks;
  private final PopulationService population;
  private final AnalysisRequestChecker checker;
  private final double maxSnapMeters;

  public NetworkSitingPlanner(NetworkService networks, PopulationService population, AnalysisRequestChecker checker,
      CareCircleProperties properties) {
    this.networks = networks;
    this.population = population;
    this.checker = checker;
    this.maxSnapMeters = properties.coverage().maxSnapMeters();
  }

  /** @throws InputRejectedException listing every problem of the request */
  public NetworkSiting.Input plan(NetworkSitingRequest request) {
    List<InputProblem> problems = new ArrayList<>();
    SitingOptions options = SitingRequestReader.readOptions(request.choice(), false, problems);
    if (!request.matrixFieldsGiven.isEmpty()) {
      problems.add(InputProblem.ofField("networkId", "give either a network problem (networkId, mode, minutes) or"
          + " an explicit cost matrix (demand, candidates, costs, cutoff), not both; this request also has "
          + String.join(", ", request.matrixFieldsGiven)));
    }
    // the standard is required by the covering models only; the others report coverage at it when given
    boolean minutesRequired = options != null && options.model().covering();
    CheckedAnalysis shared = checker.check(request, new AnalysisRules(true, minutesRequired, 1,
        AnalysisRules.Selection.NONE, 0, null), problems);
    NetworkInfo network = networkOrNull(request.networkId());
    Double minutes = shared == null || shared.minutes().length == 0 ? null : shared.minutes()[0];
    double turnout = shared == null ? 0 : shared.turnoutMinutes();
    int maxDemandPoints = request.maxDemandPoints() == null ? DEFAULT_MAX_DEMAND_POINTS : request.maxDemandPoints();
    if (maxDemandPoints < MIN_DEMAND_POINTS || maxDemandPoints > MAX_DEMAND_POINTS) {
      problems.add(InputProblem.ofField("maxDemandPoints", "maxDemandPoints must be between " + MIN_DEMAND_POINTS
          + " and " + MAX_DEMAND_POINTS + ", not " + maxDemandPoints));
    }
    PopulationSummary summary = population.hasCells() ? population.summary() : null;
    if (summary == null) {
      problems.add(InputProblem.ofField("population", "there is no population layer to serve; import one first"
          + " (POST /api/population/import)"));
    }
    List<NetworkCostMatrix.Site> candidates = null;
    NetworkSiting.Grid grid = null;
    int sources = (request.candidates() != null ? 1 : 0) + (request.candidateGrid() != null ? 1 : 0)
        + (request.candidateFacilities() != null ? 1 : 0);
    if (sources != 1) {
      problems.add(InputProblem.ofField("candidates", "give one of candidates (points: id, lon, lat),"
          + " candidateGrid (spacingMeters, excludedAreas) or candidateFacilities (registry facilities, by default"
          + " those with status candidate)"));
    } else if (request.candidates() != null) {
      candidates = candidatePoints(request.candidates(), problems);
    } else if (request.candidateFacilities() != null) {
      candidates = registrySites(request.candidateFacilities(), "candidateFacilities", List.of("candidate"), false,
          problems);
      if (candidates.isEmpty() && problems.isEmpty()) {
        problems.add(InputProblem.ofField("candidateFacilities", "no registry facility matches; import candidate"
            + " sites or add them on the map with status candidate"));
      }
    } else if (network != null && summary != null) {
      grid = grid(request.candidateGrid(), network.bbox(), summary.bbox(), problems);
    }
    List<NetworkCostMatrix.Site> fixed = request.fixedFacilities() == null ? List.of()
        : registrySites(request.fixedFacilities(), "fixedFacilities", null, true, problems);
    // each site costs one network search and a row of the cost matrix: the grid's bound holds for all
    int sites = (request.candidates() != null ? request.candidates().size() : candidates == null ? 0
        : candidates.size()) + fixed.size();
    if (sites > CandidateGridGenerator.MAX_SITES) {
      problems.add(InputProblem.ofField(request.candidates() != null ? "candidates"
          : request.candidateFacilities() != null ? "candidateFacilities" : "fixedFacilities",
          sites + " candidate and fixed sites; at most " + CandidateGridGenerator.MAX_SITES + " are allowed in one"
              + " siting run; choose fewer types or statuses, or split the area"));
    }
    if (candidates != null && request.candidateFacilities() != null) {
      Set<String> fixedIds = new HashSet<>();
      fixed.forEach(site -> fixedIds.add(site.id()));
      for (NetworkCostMatrix.Site site : candidates) {
        if (fixedIds.contains(site.id())) {
          problems.add(InputProblem.ofField("candidateFacilities", "facility " + site.facilityId() + " ('"
              + site.name() + "') is both a candidate and kept open; choose other statuses or types"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    PopulationCells cells = population.allCells();
    // the covering models group cells by covering set without loss; only the full matrix of
    // p-median and p-center needs the cells merged onto squares
    DemandPoints demand = DemandPoints.of(cells.id(), cells.lon(), cells.lat(), cells.population(),
        options.model().covering() ? Integer.MAX_VALUE : maxDemandPoints);
    if (demand.size() == 0) {
      throw new InputRejectedException(InputProblem.ofField("population", "every population cell is empty:"
          + " there is nobody to serve"));
    }
    return new NetworkSiting.Input(networks.modeNetwork(network.id(), shared.mode()), demand, grid, candidates, fixed,
        minutes, turnout, maxSnapMeters, options, request.choice().curveMaxP());
  }

  private static List<NetworkCostMatrix.Site> candidatePoints(List<SitingRequest.CandidateRow> rows,
      List<InputProblem> problems) {
    if (rows.isEmpty()) {
      problems.add(InputProblem.ofField("candidates", "there are no candidate sites"));
    }
    List<NetworkCostMatrix.Site> sites = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      SitingRequest.CandidateRow row = rows.get(i);
      int number = i + 1;
      if (row == null) {
        problems.add(InputProblem.ofRow(number, "candidates", "the row is empty"));
        continue;
      }
      if (row.id() == null || row.id().isBlank()) {
        problems.add(InputProblem.ofRow(number, "candidates.id", "the candidate has no id"));
      } else if (row.id().startsWith("facility-")) {
        problems.add(InputProblem.ofRow(number, "candidates.id", "ids starting with 'facility-' name registry"
            + " facilities; choose another id for '" + row.id() + "'"));
      } else if (!ids.add(row.id())) {
        problems.add(InputProblem.ofRow(number, "candidates.id", "the candidate id '" + row.id()
            + "' is used twice; ids must be unique"));
      }
      if (row.lon() == null || !(Math.abs(row.lon()) <= 180)) {
        problems.add(InputProblem.ofRow(number, "candidates.lon", "expected a longitude in [-180, 180], found "
            + row.lon()));
      }
      if (row.lat() == null || !(Math.abs(row.lat()) <= 90)) {
        problems.add(InputProblem.ofRow(number, "candidates.lat", "expected a latitude in [-90, 90], found "
            + row.lat()));
      }
      if (problems.isEmpty()) {
        sites.add(new NetworkCostMatrix.Site(row.id(), null, null, row.lon(), row.lat(),
            Boolean.TRUE.equals(row.fixed())));
      }
    }
    return sites;
  }

  private static NetworkSiting.Grid grid(SitingRequest.CandidateGrid request, BoundingBox networkBox,
      double[] populationBox, List<InputProblem> problems) {
    double spacing = request.spacingMeters() == null ? DEFAULT_SPACING_METERS : request.spacingMeters();
    if (!(spacing >= CandidateGridGenerator.MIN_SPACING_METERS && spacing <= CandidateGridGenerator.MAX_SPACING_METERS)) {
      problems.add(InputProblem.ofField("candidateGrid.spacingMeters", "the spacing must be between "
          + NetworkSiting.plain(CandidateGridGenerator.MIN_SPACING_METERS) + " and "
          + NetworkSiting.plain(CandidateGridGenerator.MAX_SPACING_METERS) + " metres, not " + spacing));
      return null;
    }
    Geometry excluded = request.excludedAreas();
    if (excluded != null && !(excluded instanceof Polygonal) && !excluded.isEmpty()) {
      problems.add(InputProblem.ofField("candidateGrid.excludedAreas", "excluded areas must be a Polygon or a"
          + " MultiPolygon, not a " + excluded.getGeometryType()));
      return null;
    }
    if (excluded != null && !excluded.isValid()) {
      problems.add(InputProblem.ofField("candidateGrid.excludedAreas", "the excluded area is not a valid polygon"
          + " (its boundary crosses itself); redraw it"));
      return null;
    }
    Envelope area = new Envelope(networkBox.minLon(), networkBox.maxLon(), networkBox.minLat(), networkBox.maxLat())
        .intersection(new Envelope(populationBox[0], populationBox[2], populationBox[1], populationBox[3]));
    if (area.isNull()) {
      problems.add(InputProblem.ofField("networkId", "the road network and the population layer do not overlap:"
          + " there is nowhere to place candidates"));
      return null;
    }
    long points = CandidateGridGenerator.latticePointCount(area, spacing);
    if (points > CandidateGridGenerator.MAX_LATTICE_POINTS) {
      double fits = spacing * Math.sqrt(points / (double) CandidateGridGenerator.MAX_LATTICE_POINTS);
      problems.add(InputProblem.ofField("candidateGrid.spacingMeters", "a " + NetworkSiting.plain(spacing)
          + " m grid over this area has " + points + " points, more than " + CandidateGridGenerator.MAX_LATTICE_POINTS
          + "; use a spacing of at least " + (long) Math.ceil(fits) + " m"));
      return null;
    }
    return new NetworkSiting.Grid(area, spacing, excluded);
  }

  /**
   * Registry facilities as sites "facility-&lt;id&gt;".
   *
   * @param defaultStatuses statuses when the request gives none (null: existing)
   */
  private List<NetworkCostMatrix.Site> registrySites(FacilitySelection request, String field,
      List<String> defaultStatuses, boolean fixed, List<InputProblem> problems) {
    List<NetworkCostMatrix.Site> sites = new ArrayList<>();
    for (AnalysisOrigin facility : checker.facilities(request, field, defaultStatuses, problems)) {
      sites.add(new NetworkCostMatrix.Site("facility-" + facility.facilityId(), facility.facilityName(),
          facility.facilityId(), facility.lon(), facility.lat(), fixed));
    }
    return sites;
  }

  private NetworkInfo networkOrNull(Long id) {
    try {
      return networks.get(id);
    } catch (NotFoundException e) {
      return null;
    }
  }
}
