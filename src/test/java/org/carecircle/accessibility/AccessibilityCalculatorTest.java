package org.carecircle.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.carecircle.network.CellSnaps;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkService;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;
import org.carecircle.population.PopulationCells;
import org.carecircle.population.PopulationService;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.PortoAlegreFixture;
import org.carecircle.testsupport.TestNetworks;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The one multi-source search gives every cell exactly the time to its nearest facility: the same
 * as the brute-force answer, one single-source search per facility and the minimum per cell, on
 * Porto Alegre's real network, population and 117 health-facility cells.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityCalculatorTest {
  private static final double MAX_SNAP_METERS = 1000;
  private static final double TOLERANCE_SECONDS = 1e-3;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired NetworkService networks;
  @Autowired PopulationService population;
  long networkId;

  @BeforeAll
  void importPortoAlegre() {
    TestStores.clear(dataSource);
    ApiClient api = new ApiClient(port);
    networkId = TestNetworks.importPortoAlegre(api);
    PortoAlegreFixture.importPopulation(api);
  }

  @ParameterizedTest
  @CsvSource({"walk, 15, 30", "drive, 5, 10"})
  void multiSourceSearchEqualsPerFacilityMinimumForEveryCell(String modeCode, double first, double second) {
    ModeNetwork network = networks.modeNetwork(networkId, TravelMode.parse(modeCode).orElseThrow());
    PopulationCells cells = population.allCells();
    // the importer keeps the 1,124 of the 1,227 hexagons that have residents
    assertThat(cells.size()).isEqualTo(1124);
    List<AccessibilityCalculator.Source> sources = PortoAlegreFixture.healthcareCentres().stream()
        .map(c -> new AccessibilityCalculator.Source(null, null, c[0], c[1])).toList();
    double[] thresholds = {first, second};
    CellSnaps snaps = CellSnaps.of(network.locator(), cells.lon(), cells.lat(), MAX_SNAP_METERS);

    AccessibilityCalculator.Result result = AccessibilityCalculator.compute(network, snaps, cells.population(),
        sources, thresholds, MAX_SNAP_METERS);

    double budgetSeconds = second * 60;
    double[] brute = bruteForceSeconds(network, cells, sources, budgetSeconds);
    int finite = 0;
    for (int i = 0; i < cells.size(); i++) {
      double multi = result.minutesToNearest()[i] * 60.0;
      if (Double.isInfinite(brute[i])) {
        assertThat(result.minutesToNearest()[i]).as("cell %d", cells.id()[i]).isEqualTo(Float.POSITIVE_INFINITY);
      } else {
        finite++;
        assertThat(multi).as("cell %d", cells.id()[i]).isCloseTo(brute[i], org.assertj.core.data.Offset.offset(TOLERANCE_SECONDS));
      }
    }
    // the comparison is not vacuous: most of the city is within the budget, and some is not
    assertThat(finite).isGreaterThan(cells.size() / 2);
    // the hexagon grid reaches a little beyond the network's clip: a few centres lie off its roads
    assertThat(result.reachableSources() + result.unreachableSources().size())
        .isEqualTo(PortoAlegreFixture.HEALTHCARE_CELLS);
    assertThat(result.reachableSources()).isGreaterThan(PortoAlegreFixture.HEALTHCARE_CELLS / 2);
    assertThat(result.totalPopulation()).isCloseTo(812_935, org.assertj.core.data.Offset.offset(0.5));
    assertThat(result.coveredPopulation()[0]).isLessThanOrEqualTo(result.coveredPopulation()[1]);
    assertThat(result.coveredPopulation()[1]).isLessThanOrEqualTo(result.totalPopulation());
    assertThat(result.coveredPopulation()[0]).isGreaterThan(0);
  }

  /** One search per facility; per cell the least time, +inf beyond the budget or off the roads. */
  private static double[] bruteForceSeconds(ModeNetwork network, PopulationCells cells,
      List<AccessibilityCalculator.Source> sources, double budgetSeconds) {
    SnappedPoint[] cellSnaps = new SnappedPoint[cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      cellSnaps[i] = network.locator().snap(cells.lon()[i], cells.lat()[i], MAX_SNAP_METERS).orElse(null);
    }
    double[] best = new double[cells.size()];
    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
    SearchSources single = new SearchSources();
    for (AccessibilityCalculator.Source source : sources) {
      SnappedPoint start = network.locator().snap(source.lon(), source.lat(), MAX_SNAP_METERS).orElse(null);
      if (start == null) {
        // off the imported network's roads: it serves nobody in either computation
        continue;
      }
      single.clear();
      single.addPoint(start, network.edgeTimes());
      SearchResult result = TravelTimeSearch.search(network.graph(), single, budgetSeconds);
      for (int i = 0; i < cells.size(); i++) {
        if (cellSnaps[i] != null) {
          double seconds = result.secondsTo(cellSnaps[i], network.edgeTimes());
          if (seconds <= budgetSeconds) {
            best[i] = Math.min(best[i], seconds);
          }
        }
      }
    }
    return best;
  }
}
