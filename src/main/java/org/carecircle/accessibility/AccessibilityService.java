package org.carecircle.accessibility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carecircle.analysis.AnalysisLimits;
import org.carecircle.analysis.AnalysisOrigin;
import org.carecircle.analysis.AnalysisRequestChecker;
import org.carecircle.analysis.AnalysisRules;
import org.carecircle.analysis.CheckedAnalysis;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.job.JobContext;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;
import org.carecircle.network.CellSnaps;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkDataCache;
import org.carecircle.network.NetworkService;
import org.carecircle.population.PopulationCells;
import org.carecircle.population.PopulationService;
import org.carecircle.population.PopulationSummary;
import org.carecircle.system.CareCircleProperties;
import org.springframework.stereotype.Service;

/**
 * Accessibility results: checks a request, computes it (now or as a job), stores and reads it.
 *
 * <p>Cell snaps are kept with the network ({@link NetworkService#derived}) per mode, population
 * layer (its import time and cell count) and snap limit: snapping every cell is the expensive part
 * of a computation, and planners compare many facility selections on the same layer.
 */
@Service
public class AccessibilityService {
  public static final String JOB_KIND = "accessibility";
  private static final org.locationtech.jts.geom.GeometryFactory ENVELOPES = new org.locationtech.jts.geom.GeometryFactory(
      new org.locationtech.jts.geom.PrecisionModel(), 4326);

  private final AnalysisRequestChecker checker;
  private final NetworkService networks;
  private final PopulationService population;
  private final AccessibilityRepository repository;
  private final JobService jobs;
  private final double maxSnapMeters;
  /**
   * Population cells snapped onto a mode's roads, kept with the network: the two latest population
   * layers per mode (a planner re-importing compares the old layer with the new).
   */
  private static final NetworkDataCache.DerivedKind<CellSnaps> CELL_SNAPS =
      new NetworkDataCache.DerivedKind<>("population-cell-snaps", 2);

  private record SnapKey(String populationLayer, int cells, double maxSnapMeters) {}

  /** A checked request. */
  record Plan(long networkId, ModeNetwork network, String modeCode, double[] minutes, double turnoutMinutes,
      List<AccessibilityCalculator.Source> sources) {}

  /** Registry facilities only (a result is kept per facility selection), one search for all of them. */
  private static final AnalysisRules RULES = new AnalysisRules(true, true, AnalysisLimits.MAX_BANDS,
      AnalysisRules.Selection.FACILITIES, AnalysisLimits.MAX_JOB_ORIGINS, null);

  public AccessibilityService(AnalysisRequestChecker checker, NetworkService networks, PopulationService population,
      AccessibilityRepository repository, JobService jobs, CareCircleProperties properties) {
    this.checker = checker;
    this.networks = networks;
    this.population = population;
    this.repository = repository;
    this.jobs = jobs;
    this.maxSnapMeters = properties.coverage().maxSnapMeters();
  }

  /** Computes and stores now; answers the summary. */
  public AccessibilitySummary compute(AccessibilityRequest request) {
    Plan plan = plan(request);
    return get(computeAndStore(plan, null));
  }

  /** Checks now (bad input answers at once), computes as a job whose result is {resultId}. */
  public JobStatus submit(AccessibilityRequest request) {
    Plan plan = plan(request);
    return jobs.submit(JOB_KIND, context -> Map.of("resultId", computeAndStore(plan, context)));
  }

  public AccessibilitySummary get(long id) {
    return repository.findSummary(id).orElseThrow(() -> notFound(id));
  }

  /** The stored per-cell minutes of result {@code id}. */
  public AccessibilityCells cells(long id) {
    return repository.findCells(id).orElseThrow(() -> notFound(id));
  }

  /**
   * Minutes from every population cell to the nearest of {@code sources}, not stored: for analyses
   * that need the cells (district indicators). Uses the same snap cache as stored results.
   *
   * @param minutes the search budget, minutes; cells beyond it are +inf
   */
  public AccessibilityCells minutesToNearest(long networkId, org.carecircle.network.TravelMode mode,
      List<AccessibilityCalculator.Source> sources, double minutes) {
    ModeNetwork network = networks.modeNetwork(networkId, mode);
    Plan plan = new Plan(networkId, network, mode.code(), new double[] {minutes}, 0, sources);
    PopulationCells cells = population.allCells();
    CellSnaps snaps = snaps(plan, layerKey(population.summary()), cells);
    AccessibilityCalculator.Result result = AccessibilityCalculator.compute(network, snaps, cells.population(),
        sources, plan.minutes(), maxSnapMeters);
    return new AccessibilityCells(cells.id(), cells.lon(), cells.lat(), cells.population(), result.minutesToNearest());
  }

  /** Whether result {@code id} was computed on the population layer stored now. */
  public boolean onCurrentPopulationLayer(long id) {
    String layer = repository.findPopulationLayer(id).orElseThrow(() -> notFound(id));
    return layer != null && layer.equals(layerKey(population.summary()));
  }

  /**
   * The gap layer of result {@code id} at {@code minutes}.
   *
   * @throws InputRejectedException on field {@code minutes} when it is missing, not in (0, the
   *     result's largest threshold]: beyond it the result does not know the times
   */
  public GapCollection gaps(long id, Double minutes, boolean dissolve) {
    AccessibilitySummary summary = get(id);
    double largest = summary.minutes().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (minutes == null || !(minutes > 0) || minutes > largest) {
      throw new InputRejectedException(InputProblem.ofField("minutes", "give minutes in (0, " + plain(largest)
          + "]: this result measured times up to its largest threshold, " + plain(largest) + " minutes"));
    }
    AccessibilityCells cells = cells(id);
    if (!dissolve) {
      return GapLayerBuilder.cells(cells, minutes);
    }
    return GapLayerBuilder.dissolved(cells, minutes, gapCellPolygons(id, cells, minutes));
  }

  /**
   * The polygons of the gap cells, by cell id, when the result was computed on the layer stored
   * now (otherwise none: the builder then draws squares around the cells' points). Taken from the
   * envelopes in memory when the layer's polygons are its envelopes (a raster), else read by id.
   */
  private Map<Long, org.locationtech.jts.geom.Geometry> gapCellPolygons(long id, AccessibilityCells cells,
      double minutes) {
    Map<Long, org.locationtech.jts.geom.Geometry> polygons = new java.util.HashMap<>();
    if (!onCurrentPopulationLayer(id)) {
      return polygons;
    }
    int[] gaps = GapLayerBuilder.gapCells(cells, minutes);
    PopulationCells layer = population.allCells();
    if (layer.polygonsAreEnvelopes() && java.util.Arrays.equals(layer.id(), cells.cellId())) {
      for (int i : gaps) {
        polygons.put(layer.id()[i], ENVELOPES.toGeometry(new org.locationtech.jts.geom.Envelope(layer.minLon()[i],
            layer.maxLon()[i], layer.minLat()[i], layer.maxLat()[i])));
      }
      return polygons;
    }
    List<Long> ids = new ArrayList<>(gaps.length);
    for (int i : gaps) {
      ids.add(cells.cellId()[i]);
    }
    polygons.putAll(population.cellPolygons(ids));
    return polygons;
  }

  public AccessibilitySurface surface(long id) {
    return AccessibilitySurface.of(cells(id));
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("there is no accessibility result with id " + id);
  }

  /** @throws InputRejectedException naming every bad field */
  Plan plan(AccessibilityRequest request) {
    if (request == null) {
      throw AnalysisRequestChecker.emptyBody();
    }
    List<InputProblem> problems = new ArrayList<>();
    // one search seeded from all facilities at once: its cost does not grow with their number
    CheckedAnalysis shared = checker.check(request, RULES, problems);
    if (!population.hasCells()) {
      problems.add(InputProblem.ofField("population", "there is no population layer; import one first"
          + " (POST /api/population/import)"));
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    List<AccessibilityCalculator.Source> sources = new ArrayList<>();
    for (AnalysisOrigin origin : shared.origins()) {
      sources.add(new AccessibilityCalculator.Source(origin.facilityId(), origin.facilityName(), origin.lon(),
          origin.lat()));
    }
    ModeNetwork network = networks.modeNetwork(shared.networkId(), shared.mode());
    return new Plan(shared.networkId(), network, shared.mode().code(), shared.minutes(), shared.turnoutMinutes(),
        sources);
  }

  private long computeAndStore(Plan plan, JobContext context) {
    progress(context, 0, "loading the population cells");
    PopulationSummary summary = population.summary();
    String layer = layerKey(summary);
    PopulationCells cells = population.allCells();
    progress(context, 0.2, "snapping the cells onto the roads");
    long start = System.nanoTime();
    CellSnaps snaps = snaps(plan, layer, cells);
    progress(context, 0.5, "searching from all facilities at once");
    AccessibilityCalculator.Result result = withTurnout(AccessibilityCalculator.compute(plan.network(), snaps,
        cells.population(), plan.sources(), travelMinutes(plan), maxSnapMeters), plan.turnoutMinutes());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (context != null) {
      context.checkCancelled();
      context.commit();
    }
    progress(context, 0.9, "saving the result");
    AccessibilitySummary answer = summarize(plan, cells.size(), result, seconds);
    return repository.insert(answer, layer,
        new AccessibilityCells(cells.id(), cells.lon(), cells.lat(), cells.population(), result.minutesToNearest()));
  }

  /** The thresholds less the turnout: what is left to travel. */
  private static double[] travelMinutes(Plan plan) {
    double[] travel = plan.minutes().clone();
    for (int t = 0; t < travel.length; t++) {
      travel[t] -= plan.turnoutMinutes();
    }
    return travel;
  }

  /** Adds the turnout to every reached cell's minutes; the covered population per threshold is unchanged. */
  private static AccessibilityCalculator.Result withTurnout(AccessibilityCalculator.Result result, double turnoutMinutes) {
    if (turnoutMinutes == 0) {
      return result;
    }
    float[] minutes = result.minutesToNearest();
    for (int i = 0; i < minutes.length; i++) {
      if (Float.isFinite(minutes[i])) {
        minutes[i] += (float) turnoutMinutes;
      }
    }
    return result;
  }

  private CellSnaps snaps(Plan plan, String layer, PopulationCells cells) {
    // snaps depend on the locator alone: the ambulance shares the drive locator, so its snaps too
    ModeNetwork owner = plan.network().mode() == org.carecircle.network.TravelMode.AMBULANCE
        ? networks.modeNetwork(plan.networkId(), org.carecircle.network.TravelMode.DRIVE) : plan.network();
    return networks.derived(owner, CELL_SNAPS, new SnapKey(layer, cells.size(), maxSnapMeters),
        () -> CellSnaps.of(owner.locator(), cells.lon(), cells.lat(), maxSnapMeters));
  }

  private static AccessibilitySummary summarize(Plan plan, int cellCount, AccessibilityCalculator.Result result,
      double seconds) {
    Map<String, Double> covered = new LinkedHashMap<>();
    Map<String, Double> share = new LinkedHashMap<>();
    List<Double> minutes = new ArrayList<>();
    for (int t = 0; t < plan.minutes().length; t++) {
      String key = plain(plan.minutes()[t]);
      minutes.add(plan.minutes()[t]);
      covered.put(key, result.coveredPopulation()[t]);
      share.put(key, result.totalPopulation() > 0 ? result.coveredPopulation()[t] / result.totalPopulation() : 0);
    }
    List<AccessibilitySummary.UnreachableFacility> unreachable = result.unreachableSources().stream()
        .map(s -> new AccessibilitySummary.UnreachableFacility(s.facilityId(), s.name(), s.lon(), s.lat())).toList();
    return new AccessibilitySummary(null, plan.networkId(), plan.modeCode(), minutes, result.totalPopulation(),
        covered, share, result.unreachablePopulation(), cellCount, plan.sources().size(), unreachable, seconds);
  }

  private static String layerKey(PopulationSummary summary) {
    return summary.source() == null || summary.source().importedAt() == null ? null
        : summary.source().importedAt().toString();
  }

  private static void progress(JobContext context, double fraction, String message) {
    if (context != null) {
      context.progress(fraction, message);
    }
  }

  static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
  }
}
