package org.carecircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.carecircle.job.JobContext;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.TravelMode;
import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingProblem;
import org.carecircle.siting.solver.SitingResult;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SolverKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The covering models' problem over cells grouped by covering set ({@link NetworkCostMatrix#build})
 * against the full matrix over every cell ({@link NetworkCostMatrix#fullMatrix}), by brute force:
 * for every subset of the sites, the residents covered must be the same, and so the MCLP optimum.
 * On the hand-made square of {@code fixtures/oneway-square.osm} (sketch in NetworkCostMatrixTest:
 * a one-way street, 10 and 15 m/s) with cells all around it, so that off-road walks and the one
 * way split the cells into many covering sets, and on Andorra's real roads.
 */
class CoveringSetGroupsTest {
  @TempDir Path folder;

  @Test
  void groupedCellsCoverWhatTheCellsCoverForEverySubsetOfSitesOnTheSquare() throws URISyntaxException {
    Path osm = Path.of(CoveringSetGroupsTest.class.getResource("/fixtures/oneway-square.osm").toURI());
    ModeNetwork drive = drive(osm);
    // 31 × 31 cells from 220 m outside the square to 220 m beyond it
    DemandPoints cells = cells(-0.002, -0.002, 0.011, 0.011, 31, 1);
    List<NetworkCostMatrix.Site> sites = List.of(site("A", 0, 0, false), site("B", 0.009, 0, false),
        site("C", 0.009, 0.009, false), site("D", 0, 0.009, false), site("AB", 0.0045, 0, false),
        site("CD", 0.0045, 0.009, true), site("DA", 0, 0.0045, false));
    for (double minutes : new double[] {1.5, 2.5, 3.5, 5}) {
      int groups = compareWithEveryCell(drive, cells, sites, minutes, 0.5);
      // the grouping is real: far fewer demand points than cells
      assertThat(groups).isLessThan(cells.size() / 4);
    }
  }

  @Test
  void groupedCellsCoverWhatTheCellsCoverForEverySubsetOfSitesInAndorra() {
    ModeNetwork drive = drive(Path.of("../shared/geodata/andorra/andorra-2021-04-14.osm.pbf"));
    RoadNetwork roads = drive.network();
    double minLon = Double.POSITIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < roads.nodeCount(); v++) {
      minLon = Math.min(minLon, roads.nodeLon[v]);
      maxLon = Math.max(maxLon, roads.nodeLon[v]);
      minLat = Math.min(minLat, roads.nodeLat[v]);
      maxLat = Math.max(maxLat, roads.nodeLat[v]);
    }
    DemandPoints cells = cells(minLon, minLat, maxLon, maxLat, 120, 2);
    SplittableRandom random = new SplittableRandom(7);
    List<NetworkCostMatrix.Site> sites = new ArrayList<>();
    while (sites.size() < 10) {
      double lon = minLon + random.nextDouble() * (maxLon - minLon);
      double lat = minLat + random.nextDouble() * (maxLat - minLat);
      if (drive.locator().snap(lon, lat, 300).isPresent()) {
        sites.add(site("s" + sites.size(), lon, lat, sites.size() == 0));
      }
    }
    for (double minutes : new double[] {4, 8}) {
      compareWithEveryCell(drive, cells, sites, minutes, 1);
    }
    // beyond its memory budget the grouped build stops instead of growing (the caller merges onto squares)
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkCostMatrix.build(drive, cells, sites, 8, 1, 1000,
        JobContext.NONE, 1_000)).isInstanceOf(NetworkCostMatrix.TooLargeForGrouping.class)
        .hasMessageContaining("more than 1000 bytes");
    // and the MCLP on the groups finds the cells' best three sites
    SitingProblem grouped = NetworkCostMatrix.build(drive, cells, sites, 8, 1, 1000, JobContext.NONE).problem();
    SitingProblem full = NetworkCostMatrix.fullMatrix(drive, cells, sites, 8, 1, 1000, JobContext.NONE).problem();
    SitingResult best = SitingSolver.solve(grouped, SitingOptions.of(SitingModel.MCLP, 3, SolverKind.EXACT));
    double bruteForce = 0;
    BitSet[] covered = coveredSets(full);
    for (int mask = 0; mask < 1 << full.candidateCount(); mask++) {
      if (Integer.bitCount(mask & ~fixedMask(full)) == 3 && (mask & fixedMask(full)) == fixedMask(full)) {
        bruteForce = Math.max(bruteForce, coveredWeight(full, covered, mask));
      }
    }
    assertThat(best.coveredWeight()).isCloseTo(bruteForce, within(1e-6 * bruteForce));
  }

  /** Asserts equal coverage for every subset of the sites; returns the number of groups. */
  private static int compareWithEveryCell(ModeNetwork drive, DemandPoints cells, List<NetworkCostMatrix.Site> sites,
      double minutes, double turnoutMinutes) {
    NetworkSitingInstance grouped = NetworkCostMatrix.build(drive, cells, sites, minutes, turnoutMinutes, 1000,
        JobContext.NONE);
    NetworkSitingInstance full = NetworkCostMatrix.fullMatrix(drive, cells, sites, minutes, turnoutMinutes, 1000,
        JobContext.NONE);
    SitingProblem g = grouped.problem();
    SitingProblem f = full.problem();
    assertThat(g.isSparse()).isTrue();
    assertThat(f.isSparse()).isFalse();
    assertThat(g.candidateCount()).isEqualTo(f.candidateCount());
    assertThat(g.totalWeight()).isCloseTo(f.totalWeight(), within(1e-6 * f.totalWeight()));
    assertThat(grouped.offRoadPopulation()).isCloseTo(full.offRoadPopulation(), within(1e-6));
    assertThat(grouped.unreachedPopulation()).isCloseTo(full.unreachedPopulation(), within(1e-6));
    BitSet[] groupSets = coveredSets(g);
    BitSet[] cellSets = coveredSets(f);
    boolean someCovered = false;
    for (int mask = 1; mask < 1 << g.candidateCount(); mask++) {
      double onCells = coveredWeight(f, cellSets, mask);
      assertThat(coveredWeight(g, groupSets, mask)).as("sites %s at %s minutes", Integer.toBinaryString(mask),
          minutes).isCloseTo(onCells, within(1e-6 * Math.max(1, onCells)));
      someCovered |= onCells > 0;
    }
    assertThat(someCovered).isTrue();
    // a group's cost is within the standard exactly where its cells' are
    for (int c = 0; c < g.candidateCount(); c++) {
      for (int d : g.coveredDemands(c)) {
        assertThat(g.cost(c, d)).isLessThanOrEqualTo(minutes);
      }
    }
    return g.demandCount();
  }

  private static BitSet[] coveredSets(SitingProblem problem) {
    BitSet[] sets = new BitSet[problem.candidateCount()];
    for (int c = 0; c < sets.length; c++) {
      sets[c] = new BitSet();
      for (int d : problem.coveredDemands(c)) {
        sets[c].set(d);
      }
    }
    return sets;
  }

  private static double coveredWeight(SitingProblem problem, BitSet[] sets, int mask) {
    BitSet union = new BitSet();
    for (int c = 0; c < sets.length; c++) {
      if ((mask & (1 << c)) != 0) {
        union.or(sets[c]);
      }
    }
    double weight = 0;
    for (int d = union.nextSetBit(0); d >= 0; d = union.nextSetBit(d + 1)) {
      weight += problem.weight(d);
    }
    return weight;
  }

  private static int fixedMask(SitingProblem problem) {
    int mask = 0;
    for (int c = 0; c < problem.candidateCount(); c++) {
      mask |= problem.isFixed(c) ? 1 << c : 0;
    }
    return mask;
  }

  private ModeNetwork drive(Path osm) {
    RoadNetwork network = NetworkImporter.importOsm(osm, folder.resolve("graphhopper"), 200, (f, m) -> {});
    ModeGraph graph = network.modeGraph(TravelMode.DRIVE);
    return new ModeNetwork(1, TravelMode.DRIVE, network, graph, EdgeTravelTimes.of(network, graph),
        NetworkLocator.build(network, graph));
  }

  private static NetworkCostMatrix.Site site(String id, double lon, double lat, boolean fixed) {
    return new NetworkCostMatrix.Site(id, null, null, lon, lat, fixed);
  }

  /** A side × side lattice of cells with seeded residents (some cells empty). */
  private static DemandPoints cells(double minLon, double minLat, double maxLon, double maxLat, int side, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = side * side;
    long[] ids = new long[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    double[] people = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i + 1;
      lon[i] = minLon + (maxLon - minLon) * (i % side) / (side - 1);
      lat[i] = minLat + (maxLat - minLat) * (i / side) / (side - 1);
      people[i] = random.nextInt(10) == 0 ? 0 : random.nextInt(1, 200);
    }
    return DemandPoints.of(ids, lon, lat, people, Integer.MAX_VALUE);
  }
}
