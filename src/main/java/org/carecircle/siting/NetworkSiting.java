package org.carecircle.siting;

import org.carecircle.siting.solver.SiteGain;
import org.carecircle.siting.solver.SitingCurve;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingProblem;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SolverKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.job.JobContext;
import org.carecircle.network.ModeNetwork;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A siting run on a road network, start to end: candidates (given or generated on the roads),
 * the travel-time matrix ({@link NetworkCostMatrix}), the solve, the curve when asked, and the
 * report with the sites' positions and the coverage before and after. Pure: no HTTP, no SQL; the
 * caller loads the network, the population and the open stations.
 *
 * <p>Progress: candidates 0–5 %, travel times 5–60 %, solving 60–90 % (to 100 % without a
 * curve), the curve 90–100 %.
 */
public final class NetworkSiting {
  /**
   * Most candidate-demand pairs in one p-median or p-center problem: the matrix takes 8 bytes a
   * pair and the solvers a copy of it, so 20 million pairs hold about 320 MB. Above it the demand
   * is merged onto larger squares (reported in the answer) rather than running out of memory. The
   * covering models hold only the pairs within the standard ({@link NetworkCostMatrix}) and merge
   * nothing.
   */
  public static final long MAX_COST_PAIRS = 20_000_000;

  private NetworkSiting() {}

  /**
   * Candidates generated on the roads.
   *
   * @param area WGS84 envelope to cover
   * @param spacingMeters lattice spacing, metres
   * @param excludedAreas WGS84 polygons where no station may go, or null
   */
  public record Grid(Envelope area, double spacingMeters, Geometry excludedAreas) {}

  /**
   * Everything a run needs.
   *
   * @param network the mode's graph, times and locator
   * @param demand the demand points
   * @param grid generate candidates, or null when {@code candidates} are given
   * @param candidates given candidates (fixed ones included), or null with a grid
   * @param fixed open stations from the registry
   * @param minutes response-time standard (turnout included): the covering models' cutoff, the
   *     before/after threshold of the others; null allowed for p-median and p-center
   * @param turnoutMinutes added to every station's times
   * @param maxSnapMeters how far from a road a site or demand point may lie
   * @param options model, p, solver, time limit
   * @param curveMaxP also compute the curve up to this p (clamped to the candidates), or null
   */
  public record Input(ModeNetwork network, DemandPoints demand, Grid grid, List<NetworkCostMatrix.Site> candidates,
      List<NetworkCostMatrix.Site> fixed, Double minutes, double turnoutMinutes, double maxSnapMeters,
      SitingOptions options, Integer curveMaxP) {}

  /**
   * Runs.
   *
   * @throws InputRejectedException when no candidate is left, no resident can be reached, or the
   *     options do not fit the problem that results (p more than the usable candidates)
   * @throws org.carecircle.job.JobCancelledException when cancelled
   */
  public static SitingAnswer run(Input input, JobContext context) {
    long started = System.nanoTime();
    SitingOptions options = input.options();
    List<NetworkCostMatrix.Site> sites = new ArrayList<>(input.fixed());
    CandidateGridGenerator.Result generated = null;
    context.progress(0, "placing candidate sites on the roads");
    if (input.grid() != null) {
      Grid grid = input.grid();
      generated = CandidateGridGenerator.generate(input.network().locator(), grid.area(), grid.spacingMeters(),
          grid.excludedAreas());
      for (CandidateGridGenerator.Site site : generated.sites()) {
        sites.add(new NetworkCostMatrix.Site(site.id(), null, null, site.lon(), site.lat(), false));
      }
    } else {
      sites.addAll(input.candidates());
    }
    if (sites.stream().noneMatch(s -> !s.fixed())) {
      throw new InputRejectedException(InputProblem.ofField(input.grid() != null ? "candidateGrid" : "candidates",
          generated != null ? "no candidate site could be placed: none of the " + generated.latticePoints()
              + " grid points has a road within half the spacing outside the excluded areas"
              : "there are no candidate sites that may be opened"));
    }
    if (generated != null && generated.sites().size() > CandidateGridGenerator.MAX_SITES) {
      throw new InputRejectedException(InputProblem.ofField("candidateGrid.spacingMeters", "a "
          + plain(input.grid().spacingMeters()) + " m grid puts " + generated.sites().size() + " candidates on the"
          + " roads, more than " + CandidateGridGenerator.MAX_SITES + "; use a larger spacing or exclude areas"));
    }
    context.checkCancelled();
    boolean covering = options.model().covering();
    double cutoff = covering ? input.minutes() : Double.NaN;
    // the full matrix of p-median and p-center must fit in memory: merge demand further if needed;
    // the covering models' sparse problem over groups of cells needs no merging
    DemandPoints demand = covering ? input.demand()
        : input.demand().atMost((int) Math.max(1, MAX_COST_PAIRS / sites.size()));
    NetworkSitingInstance instance;
    try {
      instance = NetworkCostMatrix.build(input.network(), demand, sites, cutoff, input.turnoutMinutes(),
          input.maxSnapMeters(), context.step(0.05, 0.6));
    } catch (NetworkCostMatrix.TooLargeForGrouping e) {
      // a dense core: every site reaches nearly every cell; merge the cells onto squares, as for p-median
      demand = input.demand().atMost((int) Math.max(1, MAX_COST_PAIRS / sites.size()));
      instance = NetworkCostMatrix.fullMatrix(input.network(), demand, sites, cutoff, input.turnoutMinutes(),
          input.maxSnapMeters(), context.step(0.05, 0.6));
    }
    SitingProblem problem = instance.problem();
    if (problem == null || problem.openableCount() == 0) {
      throw new InputRejectedException(InputProblem.ofField(covering ? "minutes" : "candidates",
          problem == null && instance.sites().stream().anyMatch(s -> !s.fixed())
              ? "no resident can be reached " + (covering ? "within " + plain(input.minutes()) + " minutes " : "")
              + "from any candidate site or station: check the network, the mode and the standard"
              : "no candidate site lies on the roads of this mode"
              + (covering ? "" : " with a route to every reachable resident")));
    }
    List<InputProblem> problems = options.validate(problem);
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    context.checkCancelled();
    boolean curve = input.curveMaxP() != null;
    SitingResult result = new SitingSolver(context.step(0.6, curve ? 0.9 : 1.0)).run(problem, options);
    List<SitingAnswer.CurvePoint> curvePoints = null;
    if (curve) {
      int maxP = Math.min(input.curveMaxP(), problem.openableCount());
      List<SitingResult> results = SitingCurve.compute(problem, options.withSolver(SolverKind.HEURISTIC), maxP,
          context.step(0.9, 1.0));
      curvePoints = SitingAnswer.CurvePoint.all(results);
    }
    NetworkSitingReport report = report(input, demand, generated, instance, result);
    double seconds = (System.nanoTime() - started) / 1e9;
    return SitingAnswer.of(result).withNetwork(report, curvePoints, seconds);
  }

  private static NetworkSitingReport report(Input input, DemandPoints demand,
      CandidateGridGenerator.Result generated, NetworkSitingInstance instance, SitingResult result) {
    SitingProblem problem = instance.problem();
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < problem.candidateCount(); c++) {
      index.put(problem.candidateId(c), c);
    }
    List<NetworkSitingReport.FixedSite> fixedSites = new ArrayList<>();
    List<double[]> candidatePoints = new ArrayList<>();
    for (NetworkCostMatrix.Site site : instance.sites()) {
      if (site.fixed()) {
        fixedSites.add(new NetworkSitingReport.FixedSite(site.id(), site.facilityId(), site.name(), site.lon(),
            site.lat()));
      } else {
        candidatePoints.add(new double[] {site.lon(), site.lat()});
      }
    }
    List<NetworkSitingReport.LeftOut> leftOut = new ArrayList<>();
    int offRoadCandidates = 0;
    for (NetworkCostMatrix.Site site : instance.offRoadSites()) {
      if (site.fixed()) {
        leftOut.add(new NetworkSitingReport.LeftOut(site.id(), site.facilityId(), site.name(), "farther than "
            + plain(input.maxSnapMeters()) + " m from every road of this mode"));
      } else {
        offRoadCandidates++;
      }
    }
    int unusable = 0;
    for (NetworkCostMatrix.Site site : instance.partialSites()) {
      if (site.fixed()) {
        leftOut.add(new NetworkSitingReport.LeftOut(site.id(), site.facilityId(), site.name(),
            "cannot reach every resident over this mode's roads (an island of the network or a one-way trap)"));
      } else {
        unusable++;
      }
    }
    String source = input.candidates() != null
        && input.candidates().stream().anyMatch(s -> !s.fixed() && s.facilityId() != null) ? "facilities" : "points";
    NetworkSitingReport.Candidates candidates = generated == null
        ? new NetworkSitingReport.Candidates(source, null, null, offRoadCandidates, 0, 0, unusable,
            problem.openableCount())
        : new NetworkSitingReport.Candidates("grid", input.grid().spacingMeters(), generated.latticePoints(),
            generated.offRoad() + offRoadCandidates, generated.excluded(), generated.tooClose(), unusable,
            problem.openableCount());
    NetworkSitingReport.Demand demandReport = new NetworkSitingReport.Demand(demand.sourceCells(),
        problem.demandCount(), demand.mergedCellMeters() > 0 ? demand.mergedCellMeters() : null,
        instance.totalPopulation(), instance.offRoadPopulation(), instance.unreachedPopulation());

    List<NetworkSitingReport.Site> newSites = new ArrayList<>();
    int[] chosen = new int[result.sites().size()];
    int rank = 0;
    for (SiteGain gain : result.sites()) {
      int c = index.get(gain.id());
      chosen[rank] = c;
      NetworkCostMatrix.Site site = instance.sites().get(c);
      rank++;
      newSites.add(new NetworkSitingReport.Site(rank, site.id(), site.lon(), site.lat(),
          SitingAnswer.orNull(gain.marginalGain()), site.facilityId()));
    }
    boolean covering = input.options().model().covering();
    NetworkSitingReport.Coverage before = coverage(problem, new int[0], input.minutes(), instance.totalPopulation(),
        covering);
    NetworkSitingReport.Coverage after = coverage(problem, chosen, input.minutes(), instance.totalPopulation(),
        covering);
    return new NetworkSitingReport(input.network().networkId(), input.network().mode().code(), input.minutes(),
        input.turnoutMinutes(), candidates, demandReport, fixedSites, leftOut, newSites, candidatePoints, before,
        after, instance.seconds());
  }

  /**
   * Coverage by the fixed sites plus {@code chosen}: residents within {@code minutes} of an open
   * site over all residents, and the weighted mean and largest time over the residents reached.
   */
  static NetworkSitingReport.Coverage coverage(SitingProblem problem, int[] chosen, Double minutes,
      double totalPopulation, boolean covering) {
    List<Integer> open = new ArrayList<>();
    for (int c = 0; c < problem.candidateCount(); c++) {
      if (problem.isFixed(c)) {
        open.add(c);
      }
    }
    for (int c : chosen) {
      open.add(c);
    }
    double covered = 0;
    double weightedMinutes = 0;
    double reachedWeight = 0;
    double max = 0;
    boolean everyoneReached = true;
    for (int d = 0; d < problem.demandCount(); d++) {
      double best = Double.POSITIVE_INFINITY;
      for (int c : open) {
        best = Math.min(best, problem.cost(c, d));
      }
      double weight = problem.weight(d);
      if (minutes != null && best <= minutes) {
        covered += weight;
      }
      if (best < Double.POSITIVE_INFINITY) {
        weightedMinutes += weight * best;
        reachedWeight += weight;
        max = Math.max(max, best);
      } else {
        everyoneReached = false;
      }
    }
    // the covering models only know times up to the standard: a mean over the residents within it
    // would look better than the truth, so they report none
    boolean times = !covering && reachedWeight > 0;
    return new NetworkSitingReport.Coverage(minutes == null ? null : covered,
        minutes == null || totalPopulation <= 0 ? null : covered / totalPopulation,
        times ? weightedMinutes / reachedWeight : null, times && everyoneReached ? max : null);
  }

  static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
