package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.util.CustomModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network of central Porto Alegre (../shared/geodata), imported once: its size and extent, our
 * search against GraphHopper's own router on the same graph, the snapping index against brute
 * force, and the network file round trip.
 */
class PortoAlegreNetworkTest {
  @TempDir static Path folder;
  static RoadNetwork network;

  @BeforeAll
  static void importPortoAlegre() {
    long started = System.nanoTime();
    network = NetworkImporter.importOsm(SharedGeodata.file("porto-alegre/poa_osm.pbf"), folder.resolve("graphhopper"),
        200, (fraction, message) -> {});
    System.out.printf("Porto Alegre: imported in %.1f s, %d nodes, %d edges, %d geometry points, %d walk arcs,"
            + " %d drive arcs%n", (System.nanoTime() - started) / 1e9, network.nodeCount(), network.edgeCount(),
        network.pointLon.length, network.modeGraph(TravelMode.WALK).arcCount(),
        network.modeGraph(TravelMode.DRIVE).arcCount());
  }

  @Test
  void networkHasPlausibleSizeAndLiesOnPortoAlegre() {
    // the extract has 43,264 OSM nodes on 16,032 ways; junctions and ends become network nodes
    assertThat(network.nodeCount()).isBetween(15_000, 35_000);
    assertThat(network.edgeCount()).isBetween(20_000, 45_000);
    BoundingBox bbox = BoundingBox.of(network);
    assertThat(bbox.minLon()).isBetween(-51.30, -51.20);
    assertThat(bbox.maxLon()).isBetween(-51.15, -51.05);
    assertThat(bbox.minLat()).isBetween(-30.20, -30.05);
    assertThat(bbox.maxLat()).isBetween(-30.02, -29.95);
    // Praça da Matriz, the historic centre
    assertThat(bbox.contains(-51.2302, -30.0331)).isTrue();
    // most of the roads are drivable both ways; walking uses nearly all of them
    assertThat(network.modeGraph(TravelMode.DRIVE).arcCount()).isGreaterThan(network.edgeCount());
    assertThat(network.modeGraph(TravelMode.WALK).arcCount()).isGreaterThan(network.edgeCount() * 3 / 2);
  }

  /**
   * GraphHopper's router with distance_influence 0 finds the fastest car route, and its time is the
   * sum of the edges' distance / car_average_speed rounded to milliseconds each: the same quantity
   * our search computes. Tolerance 0.05 s: half a millisecond of rounding per edge on routes of up
   * to a hundred edges, plus float sums (the largest difference seen is 0.007 s).
   */
  @Test
  void carTimesAgreeWithGraphHoppersOwnRouter() {
    ModeGraph drive = network.modeGraph(TravelMode.DRIVE);
    Random random = new Random(42);
    GraphHopper hopper = NetworkImporter.openGraphHopper(folder.resolve("graphhopper"));
    try {
      int compared = 0;
      double maxDifference = 0;
      while (compared < 40) {
        int from = random.nextInt(network.nodeCount());
        int to = random.nextInt(network.nodeCount());
        if (drive.arcStart[from] == drive.arcStart[from + 1] || drive.arcStart[to] == drive.arcStart[to + 1]) {
          continue;
        }
        SearchSources sources = new SearchSources();
        sources.addNode(from, 0);
        float ours = TravelTimeSearch.search(drive, sources, Double.POSITIVE_INFINITY).secondsAt(to);
        GHRequest request = new GHRequest(network.nodeLat[from], network.nodeLon[from], network.nodeLat[to],
            network.nodeLon[to]).setProfile(NetworkImporter.CAR_PROFILE);
        request.setCustomModel(new CustomModel().setDistanceInfluence(0d));
        GHResponse response = hopper.route(request);
        if (ours == Float.POSITIVE_INFINITY) {
          assertThat(response.hasErrors()).as("GraphHopper finds no route either").isTrue();
          continue;
        }
        assertThat(response.hasErrors()).as(response.getErrors().toString()).isFalse();
        double theirs = response.getBest().getTime() / 1000.0;
        assertThat((double) ours).as("car %d -> %d", from, to).isCloseTo(theirs, within(0.05));
        maxDifference = Math.max(maxDifference, Math.abs(ours - theirs));
        compared++;
      }
      System.out.printf("car times vs GraphHopper's router: largest difference %.4f s%n", maxDifference);
    } finally {
      hopper.close();
    }
  }

  @Test
  void locatorFindsTheSameNearestRoadAsBruteForce() {
    ModeGraph walk = network.modeGraph(TravelMode.WALK);
    long started = System.nanoTime();
    NetworkLocator locator = NetworkLocator.build(network, walk);
    double buildMillis = (System.nanoTime() - started) / 1e6;
    EdgeTravelTimes times = EdgeTravelTimes.of(network, walk);
    BoundingBox bbox = BoundingBox.of(network);
    Random random = new Random(7);
    int queries = 3000;
    double[] lons = new double[queries];
    double[] lats = new double[queries];
    for (int i = 0; i < queries; i++) {
      // a little beyond the extent too, where nothing or only the border roads are near
      lons[i] = bbox.minLon() - 0.01 + random.nextDouble() * (bbox.maxLon() - bbox.minLon() + 0.02);
      lats[i] = bbox.minLat() - 0.01 + random.nextDouble() * (bbox.maxLat() - bbox.minLat() + 0.02);
    }
    int found = 0;
    for (int i = 0; i < queries; i++) {
      Optional<SnappedPoint> snapped = locator.snap(lons[i], lats[i], 300);
      double expected = bruteForceMeters(times, lons[i], lats[i]);
      if (expected > 300) {
        assertThat(snapped).as("point %d is %.1f m from any road", i, expected).isEmpty();
        continue;
      }
      found++;
      SnappedPoint point = snapped.orElseThrow();
      assertThat(point.distanceMeters()).as("point %d", i).isCloseTo(expected, within(1e-6));
      assertThat(times.usable(point.edge())).isTrue();
      assertThat(point.fraction()).isBetween(0.0, 1.0);
    }
    assertThat(found).isGreaterThan(queries / 2);

    started = System.nanoTime();
    int rounds = 20;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < queries; i++) {
        locator.snap(lons[i], lats[i], 300);
      }
    }
    double microsPerQuery = (System.nanoTime() - started) / 1e3 / (rounds * queries);
    System.out.printf("Porto Alegre walk locator: %d segments, built in %.0f ms, %.2f µs per snap%n",
        locator.segmentCount(), buildMillis, microsPerQuery);
  }

  /** The distance to the nearest usable segment, over all of them, by the locator's own metric. */
  private static double bruteForceMeters(EdgeTravelTimes times, double lon, double lat) {
    double metersPerDegreeLat = NetworkLocator.METERS_PER_DEGREE;
    double metersPerDegreeLon = metersPerDegreeLat * Math.cos(Math.toRadians(lat));
    double best = Double.POSITIVE_INFINITY;
    for (int edge = 0; edge < network.edgeCount(); edge++) {
      if (!times.usable(edge)) {
        continue;
      }
      for (int p = network.geometryStart[edge]; p < network.geometryStart[edge + 1] - 1; p++) {
        double ax = (network.pointLon[p] - lon) * metersPerDegreeLon;
        double ay = (network.pointLat[p] - lat) * metersPerDegreeLat;
        double bx = (network.pointLon[p + 1] - lon) * metersPerDegreeLon;
        double by = (network.pointLat[p + 1] - lat) * metersPerDegreeLat;
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared)) : 0;
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
    return best;
  }

  @Test
  void networkFileReadsBackEveryArray() throws IOException {
    Path file = folder.resolve("road-network.bin");
    RoadNetworkFile.write(network, file);
    RoadNetwork read = RoadNetworkFile.read(file);
    RoadNetworkAssertions.assertSameNetwork(read, network);
  }
}
