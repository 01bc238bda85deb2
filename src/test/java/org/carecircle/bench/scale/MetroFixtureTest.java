package org.carecircle.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metropolitan fixture's road network, small: Porto Alegre (../shared/geodata) tiled to two
 * and a half times its own routing graph, i.e. two full copies and a crop, in a 2 × 2 grid with one
 * place empty. Checked on the network as the product imports it, against the untiled source
 * imported on its own.
 */
class MetroFixtureTest {
  /** GraphHopper's car speed on a road tagged maxspeed=60: 90 % of the limit. */
  static final double CONNECTOR_CAR_KMH = 54;

  @TempDir static Path folder;
  static RoadNetwork untiled;
  static RoadNetwork mosaic;
  static Map<String, Object> manifest;
  static int askedNodes;

  @BeforeAll
  static void generateAndImport() throws Exception {
    Path source = SharedGeodata.file("porto-alegre/poa_osm.pbf");
    long started = System.nanoTime();
    untiled = NetworkImporter.importOsm(source, folder.resolve("untiled"), MetroFixture.MIN_NETWORK_SIZE, (f, m) -> {});
    askedNodes = untiled.nodeCount() * 5 / 2;
    long imported = System.nanoTime();
    manifest = MetroFixture.generate(source, untiled, askedNodes, 7, folder.resolve("fixture"));
    long generated = System.nanoTime();
    mosaic = NetworkImporter.importOsm(folder.resolve("fixture").resolve(MetroFixture.NETWORK_FILE),
        folder.resolve("mosaic"), MetroFixture.MIN_NETWORK_SIZE, (f, m) -> {});
    System.out.printf("MetroFixtureTest: source imported in %.1f s, fixture generated in %.1f s (%s calibration"
        + " imports), mosaic of %d nodes imported in %.1f s%n", (imported - started) / 1e9, (generated - imported) / 1e9,
        manifest.get("calibrationImports"), mosaic.nodeCount(), (System.nanoTime() - generated) / 1e9);
  }

  @Test
  void routingGraphHasTheAskedNodeCountWithinOnePercent() {
    assertThat(manifest.get("fullTiles")).isEqualTo(2);
    assertThat((Double) manifest.get("cropFraction")).isBetween(0.05, 0.95);
    assertThat((double) mosaic.nodeCount()).isCloseTo(askedNodes, within(askedNodes * 0.01));
  }

  @Test
  void eachModeIsOneStronglyConnectedComponent() {
    for (TravelMode mode : new TravelMode[] {TravelMode.WALK, TravelMode.DRIVE}) {
      StrongComponents components = StrongComponents.of(mosaic.modeGraph(mode));
      StrongComponents source = StrongComponents.of(untiled.modeGraph(mode));
      assertThat(components.count()).as(mode + " components").isEqualTo(1);
      // two full copies and a crop: more than twice the source's nodes take part
      assertThat(components.activeNodeCount).as(mode + " nodes with arcs").isGreaterThan(2 * source.activeNodeCount);
    }
  }

  /**
   * Drive times from a junction in the middle of tile 0 (the source in place). Within tile 0, a
   * node whose untiled time is less than the earliest arrival at any connecting road's end plus two
   * connector crossings cannot be reached faster through another tile: its time must be exactly
   * the untiled one (the seam is not involved); no node of tile 0 may be slower than untiled. In
   * tile 1 (east of tile 0, no other neighbour) every node is reached over one of the connecting
   * roads k of the seam: time = untiled time to its end a_k + its length at 54 km/h + the untiled
   * time from its other end b_k (as the copy of a source node) to the node.
   */
  @Test
  void searchesCrossTheSeamOnlyAlongConnectingRoads() {
    ModeGraph driveUntiled = untiled.modeGraph(TravelMode.DRIVE);
    ModeGraph driveMosaic = mosaic.modeGraph(TravelMode.DRIVE);
    Map<Long, Integer> untiledNode = index(untiled);
    @SuppressWarnings("unchecked")
    Map<String, Object> tile1 = ((List<Map<String, Object>>) manifest.get("tiles")).get(1);
    double dLon = ((Number) tile1.get("dLon")).doubleValue();
    double dLat = ((Number) tile1.get("dLat")).doubleValue();

    int start = centralDrivableNode(untiled, driveUntiled);
    float[] fromStart = search(driveUntiled, start);
    // GraphHopper may put two nodes on one spot (a barrier splits a junction): compare places
    Map<Long, Float> untiledAt = byPlace(untiled, fromStart, 0, 0);
    Map<Long, Float> mosaicAt = byPlace(mosaic, search(driveMosaic,
        nodeAt(mosaic, untiled.nodeLon[start], untiled.nodeLat[start])), 0, 0);

    // the connecting roads leaving tile 0
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> connectors = (List<Map<String, Object>>) manifest.get("connectors");
    double earliestAnchor = Double.POSITIVE_INFINITY;
    double shortestCrossing = Double.POSITIVE_INFINITY;
    List<double[]> eastSeam = new ArrayList<>();
    for (Map<String, Object> c : connectors) {
      if (((Number) c.get("tileA")).intValue() != 0) {
        continue;
      }
      double atA = untiledAt.get(MosaicNetwork.key(num(c, "lonA"), num(c, "latA")));
      double crossing = num(c, "lengthMeters") / (CONNECTOR_CAR_KMH / 3.6);
      earliestAnchor = Math.min(earliestAnchor, atA);
      shortestCrossing = Math.min(shortestCrossing, crossing);
      if (((Number) c.get("tileB")).intValue() == 1) {
        int b = untiledNode.get(MosaicNetwork.key(num(c, "lonB") - dLon, num(c, "latB") - dLat));
        eastSeam.add(new double[] {atA, crossing, b});
      }
    }
    assertThat(eastSeam).hasSize(MosaicNetwork.CONNECTORS_PER_SEAM);
    assertThat(shortestCrossing).as("a connecting road spans the gap").isGreaterThan(MosaicNetwork.GAP_METERS / 15);

    // tile 0: the seam is not involved below the earliest possible return from another tile
    double seamFree = earliestAnchor + 2 * shortestCrossing;
    int unchanged = 0;
    for (Map.Entry<Long, Float> place : untiledAt.entrySet()) {
      float untiledSeconds = place.getValue();
      float mosaicSeconds = mosaicAt.getOrDefault(place.getKey(), Float.POSITIVE_INFINITY);
      assertThat(mosaicSeconds).isLessThanOrEqualTo(untiledSeconds + 1e-3f);
      if (untiledSeconds < seamFree) {
        assertThat((double) mosaicSeconds).isCloseTo(untiledSeconds, within(1e-3));
        unchanged++;
      }
    }
    assertThat(unchanged).as("places of tile 0 the seam cannot touch").isGreaterThan(1000);

    // tile 1: across the seam, along the connecting roads only
    float[] expected = new float[untiled.nodeCount()];
    java.util.Arrays.fill(expected, Float.POSITIVE_INFINITY);
    for (double[] k : eastSeam) {
      float[] fromFarEnd = search(driveUntiled, (int) k[2]);
      for (int node = 0; node < expected.length; node++) {
        expected[node] = (float) Math.min(expected[node], k[0] + k[1] + fromFarEnd[node]);
      }
    }
    Map<Long, Float> expectedAt = byPlace(untiled, expected, dLon, dLat);
    int checked = 0;
    for (Map.Entry<Long, Float> place : expectedAt.entrySet()) {
      assertThat((double) mosaicAt.get(place.getKey())).isCloseTo(place.getValue(), within(0.5));
      checked++;
    }
    assertThat(checked).isGreaterThan(untiled.nodeCount() / 2);

    // hand-checked: the far end of the connecting road reached first is reached over that road,
    // later than any near end: nothing else leads there
    double[] first = eastSeam.stream().min((x, y) -> Double.compare(x[0] + x[1], y[0] + y[1])).orElseThrow();
    int farEnd = (int) first[2];
    float atFarEnd = mosaicAt.get(MosaicNetwork.key(untiled.nodeLon[farEnd] + dLon, untiled.nodeLat[farEnd] + dLat));
    assertThat((double) atFarEnd).isCloseTo(first[0] + first[1], within(0.5));
    assertThat((double) atFarEnd).isGreaterThan(earliestAnchor + shortestCrossing - 0.5);
  }

  /** Reached places (shifted by dLon, dLat) and the earliest arrival among the nodes there. */
  private static Map<Long, Float> byPlace(RoadNetwork network, float[] seconds, double dLon, double dLat) {
    Map<Long, Float> result = new HashMap<>();
    for (int node = 0; node < network.nodeCount(); node++) {
      if (seconds[node] != Float.POSITIVE_INFINITY) {
        result.merge(MosaicNetwork.key(network.nodeLon[node] + dLon, network.nodeLat[node] + dLat), seconds[node],
            Math::min);
      }
    }
    return result;
  }

  /** A node at this place that cars may use. */
  private static int nodeAt(RoadNetwork network, double lon, double lat) {
    ModeGraph drive = network.modeGraph(TravelMode.DRIVE);
    long key = MosaicNetwork.key(lon, lat);
    for (int node = 0; node < network.nodeCount(); node++) {
      if (MosaicNetwork.key(network.nodeLon[node], network.nodeLat[node]) == key
          && drive.arcStart[node + 1] > drive.arcStart[node]) {
        return node;
      }
    }
    throw new AssertionError("no drivable node at " + lon + ", " + lat);
  }

  private static double num(Map<String, Object> row, String key) {
    return ((Number) row.get(key)).doubleValue();
  }

  private static float[] search(ModeGraph graph, int node) {
    SearchSources sources = new SearchSources();
    sources.addNode(node, 0);
    SearchResult result = new TravelTimeSearch().run(graph, sources, 4 * 3600);
    return result.arrivalSeconds();
  }

  private static Map<Long, Integer> index(RoadNetwork network) {
    Map<Long, Integer> index = new HashMap<>();
    for (int node = 0; node < network.nodeCount(); node++) {
      index.put(MosaicNetwork.key(network.nodeLon[node], network.nodeLat[node]), node);
    }
    return index;
  }

  /** The node nearest the middle of the network's extent that cars may leave and reach. */
  private static int centralDrivableNode(RoadNetwork network, ModeGraph drive) {
    double minLon = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;
    for (int node = 0; node < network.nodeCount(); node++) {
      minLon = Math.min(minLon, network.nodeLon[node]);
      maxLon = Math.max(maxLon, network.nodeLon[node]);
      minLat = Math.min(minLat, network.nodeLat[node]);
      maxLat = Math.max(maxLat, network.nodeLat[node]);
    }
    double lon = (minLon + maxLon) / 2;
    double lat = (minLat + maxLat) / 2;
    StrongComponents components = StrongComponents.of(drive);
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int node = 0; node < network.nodeCount(); node++) {
      double distance = Math.hypot(network.nodeLon[node] - lon, network.nodeLat[node] - lat);
      if (components.componentOfNode[node] >= 0 && distance < bestDistance) {
        best = node;
        bestDistance = distance;
      }
    }
    return best;
  }
}
