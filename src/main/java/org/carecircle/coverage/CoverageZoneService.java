package org.carecircle.coverage;

import org.carecircle.coverage.isochrone.IsochroneBuilder;
import org.carecircle.coverage.isochrone.IsochroneOptions;
import java.util.Map;
import org.carecircle.error.NotFoundException;
import org.carecircle.job.JobContext;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkDataCache;
import org.carecircle.network.NetworkService;
import org.carecircle.network.TravelTimeSearch;
import org.carecircle.paging.PageRequest;
import org.carecircle.paging.Paged;
import org.carecircle.system.CareCircleProperties;
import org.springframework.stereotype.Service;

/**
 * Coverage zones: plans a request, computes the zones (now, or as a job with progress and cancel)
 * and stores them with their parameters.
 */
@Service
public class CoverageZoneService {
  public static final String JOB_KIND = "coverage-zones";

  private final CoveragePlanner planner;
  private final NetworkService networks;
  private final ZoneSetRepository repository;
  private final JobService jobs;
  private final CareCircleProperties.CoverageSettings settings;
  /** The isochrone engine of a mode network: it holds per-edge data derived from the mode graph. */
  private static final NetworkDataCache.DerivedKind<IsochroneBuilder> ISOCHRONE_EDGES =
      new NetworkDataCache.DerivedKind<>("isochrone-edges", 1);

  public CoverageZoneService(CoveragePlanner planner, NetworkService networks, ZoneSetRepository repository,
      JobService jobs, CareCircleProperties properties) {
    this.planner = planner;
    this.networks = networks;
    this.repository = repository;
    this.jobs = jobs;
    this.settings = properties.coverage();
  }

  /** Computes and stores the zones of a request now; answers the stored set. */
  public ZoneSet compute(CoverageRequest request) {
    CoveragePlan plan = planner.plan(request);
    long id = computeAndStore(plan, JobContext.NONE);
    return get(id);
  }

  /** Checks the request now (bad input answers at once), then computes it as a job. */
  public JobStatus submit(CoverageRequest request) {
    CoveragePlan plan = planner.plan(request, CoveragePlanner.Run.JOB);
    return jobs.submit(JOB_KIND, context -> Map.of("zoneSetId", computeAndStore(plan, context)));
  }

  public ZoneSet get(long id) {
    return repository.find(id).orElseThrow(() -> new NotFoundException("there are no coverage zones with id " + id));
  }

  public java.util.List<ZoneSet> list() {
    return repository.listWithoutZones();
  }

  /** One page of the stored sets without their zones, newest first, and how many are stored. */
  public Paged<ZoneSet> list(PageRequest page) {
    return new Paged<>(repository.listWithoutZones(page.limit(), page.offset()), repository.count(), page);
  }

  public void delete(long id) {
    if (!repository.delete(id)) {
      throw new NotFoundException("there are no coverage zones with id " + id);
    }
  }

  private long computeAndStore(CoveragePlan plan, JobContext context) {
    ModeNetwork network = null;
    IsochroneBuilder builder = null;
    if (plan.method() == CoveragePlan.Method.NETWORK) {
      context.progress(0, "loading the road network");
      network = networks.modeNetwork(plan.networkId(), plan.mode());
      ModeNetwork forBuilder = network;
      builder = networks.derived(network, ISOCHRONE_EDGES, "", () -> new IsochroneBuilder(forBuilder.network(),
          forBuilder.graph()));
    }
    IsochroneOptions options = IsochroneOptions.offRoad(
        TravelTimeSearch.OFF_ROAD_WALK_METERS_PER_SECOND, settings.maxOffRoadMeters());
    CoverageZoneCalculator.Result result = CoverageZoneCalculator.compute(
        plan, network, builder, settings.maxSnapMeters(), options, context);
    context.commit();
    context.progress(1, "saving the zones");
    return repository.insert(new ZoneSet(null, plan.networkId(), plan.parameters(), result.unreachable(),
        result.zones(), null));
  }
}
