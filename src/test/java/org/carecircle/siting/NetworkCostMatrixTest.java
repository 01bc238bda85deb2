package org.carecircle.siting;

import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingProblem;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SolverKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.carecircle.job.JobCancelledException;
import org.carecircle.job.JobContext;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.TravelMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network response times on the hand-made square of {@code fixtures/oneway-square.osm} (see
 * OnewaySquareNetworkTest for the sketch and the derivation of lengths and speeds):
 *
 * <pre>
 *   D (0, 0.009) ------ 60 ------ C (0.009, 0.009)
 *   |                              |
 *   40                             60 (via the bend P)
 *   |                              |
 *   A (0, 0) ----- 40, one-way --> B (0.009, 0)
 * </pre>
 *
 * A car drives 10 m/s on the 40 streets and 15 m/s on the 60 ones. Stations and residents stand
 * exactly on the junctions, so there is no off-road walk. Response time = turnout + drive.
 */
class NetworkCostMatrixTest {
  private static final double AB = 1000.7543398;
  private static final double BC = 1035.7256797;
  private static final double CD = 1000.7543275;
  private static final double DA = 1000.7543398;
  private static final double TURNOUT_MINUTES = 1.5;
  private static final Offset<Double> MINUTES = within(0.0001);

  @TempDir static Path folder;
  static ModeNetwork drive;

  @BeforeAll
  static void importFixture() throws URISyntaxException {
    Path osm = Path.of(NetworkCostMatrixTest.class.getResource("/fixtures/oneway-square.osm").toURI());
    RoadNetwork network = NetworkImporter.importOsm(osm, folder.resolve("graphhopper"), 200, (f, m) -> {});
    ModeGraph graph = network.modeGraph(TravelMode.DRIVE);
    drive = new ModeNetwork(1, TravelMode.DRIVE, network, graph, EdgeTravelTimes.of(network, graph),
        NetworkLocator.build(network, graph));
  }

  private static DemandPoints residentsAtAbd() {
    return DemandPoints.of(new long[] {1, 2, 3}, new double[] {0, 0.009, 0}, new double[] {0, 0, 0.009},
        new double[] {100, 200, 300}, 1000);
  }

  private static List<NetworkCostMatrix.Site> stationsAtBAndC() {
    return List.of(new NetworkCostMatrix.Site("B", null, null, 0.009, 0, false),
        new NetworkCostMatrix.Site("C", null, null, 0.009, 0.009, false));
  }

  @Test
  void responseTimesAreTurnoutPlusDrivingTheWayOneWayStreetsAllow() {
    NetworkSitingInstance instance = NetworkCostMatrix.build(drive, residentsAtAbd(), stationsAtBAndC(), Double.NaN,
        TURNOUT_MINUTES, 100, JobContext.NONE);
    SitingProblem problem = instance.problem();
    assertThat(problem.candidateId(0)).isEqualTo("B");
    assertThat(problem.demandId(0)).isEqualTo("cell-1");
    // from B the car may not drive A<-B against the one-way street: B-C-D-A
    assertThat(problem.cost(0, 0)).isCloseTo(TURNOUT_MINUTES + (BC / 15 + CD / 15 + DA / 10) / 60, MINUTES)
        .isCloseTo(TURNOUT_MINUTES + 3.9307, MINUTES);
    assertThat(problem.cost(0, 1)).isCloseTo(TURNOUT_MINUTES, MINUTES);
    assertThat(problem.cost(0, 2)).isCloseTo(TURNOUT_MINUTES + (BC / 15 + CD / 15) / 60, MINUTES);
    // from C: C-D-A, and C-B through the bend
    assertThat(problem.cost(1, 0)).isCloseTo(TURNOUT_MINUTES + (CD / 15 + DA / 10) / 60, MINUTES);
    assertThat(problem.cost(1, 1)).isCloseTo(TURNOUT_MINUTES + (BC / 15) / 60, MINUTES);
    assertThat(problem.cost(1, 2)).isCloseTo(TURNOUT_MINUTES + (CD / 15) / 60, MINUTES);
    assertThat(problem.hasCutoff()).isFalse();
    assertThat(instance.totalPopulation()).isEqualTo(600);
    assertThat(instance.offRoadPopulation()).isZero();
  }

  @Test
  void coveringModelsCutTimesAtTheStandardButKeepEveryResident() {
    // 3.5 minutes: B reaches D (1.5 + 2.262) not within; C reaches A (1.5 + 1.112 + 1.668 = 4.28) not
    double standard = 3.5;
    NetworkSitingInstance instance = NetworkCostMatrix.build(drive, residentsAtAbd(), stationsAtBAndC(), standard,
        TURNOUT_MINUTES, 100, JobContext.NONE);
    SitingProblem problem = instance.problem();
    assertThat(problem.cutoff()).isEqualTo(standard);
    assertThat(problem.demandCount()).isEqualTo(3);
    assertThat(problem.cost(0, 0)).isInfinite();
    assertThat(problem.cost(0, 2)).isInfinite();
    assertThat(problem.cost(1, 0)).isInfinite();
    assertThat(problem.covers(1, 2)).isTrue();
    // nobody reaches A within 3.5 minutes: its 100 residents can never be covered
    assertThat(instance.unreachedPopulation()).isEqualTo(100);
    SitingResult best = SitingSolver.solve(problem, SitingOptions.of(SitingModel.MCLP, 1, SolverKind.EXACT));
    assertThat(best.selected()).containsExactly("C");
    assertThat(best.coveredWeight()).isEqualTo(500);
  }

  @Test
  void stationsAndResidentsFarFromTheRoadsAreLeftOutAndReported() {
    // a station 0.05 deg (5.5 km) east of the square, a resident as far north
    List<NetworkCostMatrix.Site> sites = List.of(stationsAtBAndC().get(0),
        new NetworkCostMatrix.Site("far", null, null, 0.06, 0, false));
    DemandPoints demand = DemandPoints.of(new long[] {1, 2}, new double[] {0, 0}, new double[] {0, 0.06},
        new double[] {10, 20}, 1000);
    NetworkSitingInstance instance = NetworkCostMatrix.build(drive, demand, sites, Double.NaN, 0, 500,
        JobContext.NONE);
    assertThat(instance.offRoadSites()).extracting(NetworkCostMatrix.Site::id).containsExactly("far");
    assertThat(instance.offRoadPopulation()).isEqualTo(20);
    // p-median needs a cost for every pair: the unreachable resident is not part of the problem
    assertThat(instance.problem().demandCount()).isEqualTo(1);
    assertThat(instance.problem().candidateCount()).isEqualTo(1);
  }

  @Test
  void aCancelRequestStopsTheSearches() {
    AtomicInteger checks = new AtomicInteger();
    JobContext cancelAfterSnapping = new JobContext() {
      @Override
      public void progress(double fraction0to1, String message) {}

      @Override
      public void checkCancelled() {
        // the first check comes after snapping, before any search
        if (checks.incrementAndGet() > 1) {
          throw new JobCancelledException();
        }
      }

      @Override
      public void commit() {}
    };
    assertThatThrownBy(() -> NetworkCostMatrix.build(drive, residentsAtAbd(),
        stationsAtBAndC(), Double.NaN, 0, 100, cancelAfterSnapping))
        .isInstanceOf(JobCancelledException.class);
  }

  @Test
  void demandPointsMergeOntoSquaresAndKeepThePopulation() {
    int n = 40_000;
    long[] ids = new long[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    double[] people = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      // a 200 x 200 lattice of 10 m cells, so 2 km across
      lon[i] = (i % 200) * 10 / 111_320.0;
      lat[i] = (i / 200) * 10 / 111_320.0;
      people[i] = i % 7 == 0 ? 0 : 1 + i % 5;
      total += people[i];
    }
    DemandPoints kept = DemandPoints.of(ids, lon, lat, people, 40_000);
    assertThat(kept.mergedCellMeters()).isZero();
    assertThat(kept.size()).as("the empty cells are dropped").isEqualTo(n - (n + 6) / 7);
    DemandPoints merged = DemandPoints.of(ids, lon, lat, people, 1000);
    // 100 m squares: 20 x 20 = 400 <= 1000
    assertThat(merged.mergedCellMeters()).isEqualTo(100);
    assertThat(merged.size()).isEqualTo(400);
    assertThat(merged.totalPopulation()).isCloseTo(total, within(1e-6));
    DemandPoints coarser = DemandPoints.of(ids, lon, lat, people, 100);
    assertThat(coarser.mergedCellMeters()).isEqualTo(200);
    assertThat(coarser.size()).isEqualTo(100);
    assertThat(coarser.totalPopulation()).isCloseTo(total, within(1e-6));
    // merging merged points again, as a run does when candidates x demand would not fit
    DemandPoints again = merged.atMost(100);
    assertThat(again.size()).isLessThanOrEqualTo(100);
    assertThat(again.mergedCellMeters()).isGreaterThanOrEqualTo(200);
    assertThat(again.totalPopulation()).isCloseTo(total, within(1e-6));
    assertThat(again.sourceCells()).isEqualTo(n);
    assertThat(merged.atMost(1000)).isSameAs(merged);
  }
}
