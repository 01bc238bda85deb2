package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import, search and snapping on a hand-made network whose travel times are worked out by hand.
 *
 * <pre>
 *   E (0, 0.018)                                   G (0.05, 0.018)
 *   |  footway                                     |  residential, 40: an island
 *   |                                              |
 *   D (0, 0.009) ------ 60 ------ C (0.009, 0.009)  F (0.05, 0.009)
 *   |                              \
 *   40                              P (0.0102, 0.0045): a bend, pillar node of B-C, 60
 *   |                              /
 *   A (0, 0) ----- 40, one-way --> B (0.009, 0)
 * </pre>
 *
 * <p>Coordinates are (lon, lat) in degrees on the equator; numbers on the streets are their
 * {@code maxspeed} in km/h. Lengths by the haversine formula with GraphHopper's Earth radius R =
 * 6,371,000 m, d = 2R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2))):
 *
 * <ul>
 *   <li>A-B, D-A, D-E: 0.009° along the equator or a meridian = R · 0.009 · π/180 = 1000.7543 m
 *   <li>C-D: 0.009° of longitude at 0.009° latitude: 1000.7543 m (cos 0.009° = 1 - 1.2e-8)
 *   <li>B-P and P-C: Δλ = 0.0012°, Δφ = 0.0045°: 517.8628 m each, B-C = 1035.7257 m
 * </ul>
 *
 * <p>Speeds, from GraphHopper 11's parsers: a car drives 90 % of maxspeed
 * (CarAverageSpeedParser.applyMaxSpeed), stored in steps of 2 km/h (car_average_speed: 7 bits,
 * factor 2, rounded): maxspeed 40 gives 36 km/h = 10 m/s, maxspeed 60 gives 54 km/h = 15 m/s, both
 * exact steps. A pedestrian walks 5 km/h on every way but steps (FootAverageSpeedParser.MEAN_SPEED),
 * in both directions, ignoring {@code oneway} (which binds vehicles only).
 *
 * <p>Tolerance 0.001 s: GraphHopper stores edge lengths in millimetres (≤ 0.05 ms at 10 m/s) and
 * arc times are floats (≈ 1e-7 relative, 0.0002 s on the longest trip here); the speeds above have
 * no rounding.
 */
class OnewaySquareNetworkTest {
  private static final double AB = 1000.7543398;
  private static final double BC = 1035.7256797;
  private static final double CD = 1000.7543275;
  private static final double DA = 1000.7543398;
  private static final double DE = 1000.7543398;
  private static final double CAR_40 = 10.0;
  private static final double CAR_60 = 15.0;
  private static final double FOOT = 5 / 3.6;
  private static final Offset<Double> SECONDS = within(0.001);

  @TempDir static Path folder;
  static RoadNetwork network;
  static int a;
  static int b;
  static int c;
  static int d;
  static int e;

  @BeforeAll
  static void importFixture() throws URISyntaxException {
    Path osm = Path.of(OnewaySquareNetworkTest.class.getResource("/fixtures/oneway-square.osm").toURI());
    List<String> steps = new ArrayList<>();
    network = NetworkImporter.importOsm(osm, folder.resolve("graphhopper"), 200,
        (fraction, message) -> steps.add(message));
    assertThat(steps).contains("reading the OSM file and building the road graph",
        "removing small disconnected pieces of road", "extracting CareCircle's road network");
    a = nodeAt(0, 0);
    b = nodeAt(0.009, 0);
    c = nodeAt(0.009, 0.009);
    d = nodeAt(0, 0.009);
    e = nodeAt(0, 0.018);
  }

  private static int nodeAt(double lon, double lat) {
    for (int node = 0; node < network.nodeCount(); node++) {
      if (Math.abs(network.nodeLon[node] - lon) < 1e-7 && Math.abs(network.nodeLat[node] - lat) < 1e-7) {
        return node;
      }
    }
    throw new AssertionError("no node at " + lon + ", " + lat);
  }

  private static SearchResult searchFrom(TravelMode mode, int node, double maxSeconds) {
    SearchSources sources = new SearchSources();
    sources.addNode(node, 0);
    return TravelTimeSearch.search(network.modeGraph(mode), sources, maxSeconds);
  }

  private static int edgeBetween(int node1, int node2) {
    for (int edge = 0; edge < network.edgeCount(); edge++) {
      if ((network.edgeNodeA[edge] == node1 && network.edgeNodeB[edge] == node2)
          || (network.edgeNodeA[edge] == node2 && network.edgeNodeB[edge] == node1)) {
        return edge;
      }
    }
    throw new AssertionError("no edge between " + node1 + " and " + node2);
  }

  @Test
  void edgesKeepTheirLengthAndBendAsPillarPoint() {
    // A to G; P is a pillar, not a node. The island stays in the network, only its modes drop it
    assertThat(network.nodeCount()).isEqualTo(7);
    assertThat(network.edgeCount()).isEqualTo(6);
    int bc = edgeBetween(b, c);
    assertThat((double) network.edgeLengthMeters[bc]).isCloseTo(BC, within(0.001));
    assertThat((double) network.edgeLengthMeters[edgeBetween(a, b)]).isCloseTo(AB, within(0.001));
    int first = network.geometryStart[bc];
    assertThat(network.geometryStart[bc + 1] - first).as("B, P, C").isEqualTo(3);
    assertThat(network.pointLon[first + 1]).isCloseTo(0.0102, within(1e-7));
    assertThat(network.pointLat[first + 1]).isCloseTo(0.0045, within(1e-7));
    int nodeA = network.edgeNodeA[bc];
    assertThat(network.pointLon[first]).isEqualTo(network.nodeLon[nodeA]);
    assertThat(network.pointLat[first]).isEqualTo(network.nodeLat[nodeA]);
  }

  @Test
  void carTimesFromAMatchHandDerivedValues() {
    SearchResult fromA = searchFrom(TravelMode.DRIVE, a, Double.POSITIVE_INFINITY);
    // A-B one-way in its direction: 1000.754 m at 10 m/s
    assertThat((double) fromA.secondsAt(b)).isCloseTo(AB / CAR_40, SECONDS).isCloseTo(100.0754, SECONDS);
    assertThat((double) fromA.secondsAt(d)).isCloseTo(DA / CAR_40, SECONDS);
    // C: via D (100.075 + 66.717 = 166.792) beats via B (100.075 + 69.048 = 169.124)
    assertThat((double) fromA.secondsAt(c)).isCloseTo(DA / CAR_40 + CD / CAR_60, SECONDS).isCloseTo(166.7924, SECONDS);
    assertThat(fromA.secondsAt(e)).as("E is on a footway").isInfinite();
  }

  @Test
  void onewayStreetIsRespectedByCarButNotByFoot() {
    // by car B reaches A only the long way round: B-C-D-A = 69.048 + 66.717 + 100.075 = 235.841 s
    SearchResult car = searchFrom(TravelMode.DRIVE, b, Double.POSITIVE_INFINITY);
    assertThat((double) car.secondsAt(a)).isCloseTo(BC / CAR_60 + CD / CAR_60 + DA / CAR_40, SECONDS)
        .isCloseTo(235.8408, SECONDS);
    // on foot straight back along A-B: 1000.754 m at 5 km/h = 720.543 s
    SearchResult foot = searchFrom(TravelMode.WALK, b, Double.POSITIVE_INFINITY);
    assertThat((double) foot.secondsAt(a)).isCloseTo(AB / FOOT, SECONDS).isCloseTo(720.5431, SECONDS);
  }

  @Test
  void footwayIsWalkableButNotDrivable() {
    // A-D-E = 2001.509 m at 5 km/h = 1441.086 s
    SearchResult foot = searchFrom(TravelMode.WALK, a, Double.POSITIVE_INFINITY);
    assertThat((double) foot.secondsAt(e)).isCloseTo((DA + DE) / FOOT, SECONDS).isCloseTo(1441.0862, SECONDS);
    assertThat((double) foot.secondsAt(c)).isCloseTo((DA + CD) / FOOT, SECONDS);
    int de = edgeBetween(d, e);
    EdgeTravelTimes car = EdgeTravelTimes.of(network, network.modeGraph(TravelMode.DRIVE));
    assertThat(car.forwardSeconds[de]).isInfinite();
    assertThat(car.backwardSeconds[de]).isInfinite();
    assertThat(car.usable(de)).isFalse();
  }

  @Test
  void edgeTimesGiveBothDirectionsAndInfinityAgainstTheOneway() {
    int ab = edgeBetween(a, b);
    EdgeTravelTimes car = EdgeTravelTimes.of(network, network.modeGraph(TravelMode.DRIVE));
    boolean storedFromA = network.edgeNodeA[ab] == a;
    float alongOneway = storedFromA ? car.forwardSeconds[ab] : car.backwardSeconds[ab];
    float againstOneway = storedFromA ? car.backwardSeconds[ab] : car.forwardSeconds[ab];
    assertThat((double) alongOneway).isCloseTo(AB / CAR_40, SECONDS);
    assertThat(againstOneway).isInfinite();
    EdgeTravelTimes foot = EdgeTravelTimes.of(network, network.modeGraph(TravelMode.WALK));
    assertThat((double) foot.forwardSeconds[ab]).isCloseTo(AB / FOOT, SECONDS);
    assertThat((double) foot.backwardSeconds[ab]).isCloseTo(AB / FOOT, SECONDS);
  }

  @Test
  void budgetLeavesFartherNodesUnreached() {
    SearchResult fromA = searchFrom(TravelMode.DRIVE, a, 150);
    assertThat((double) fromA.secondsAt(b)).isCloseTo(100.0754, SECONDS);
    assertThat((double) fromA.secondsAt(d)).isCloseTo(100.0754, SECONDS);
    assertThat(fromA.secondsAt(c)).as("166.8 s > 150 s").isInfinite();
    assertThat(fromA.sourceAt(c)).isEqualTo(-1);
    assertThat(fromA.reachedCount()).isEqualTo(3);
  }

  @Test
  void multiSourceSearchTellsWhichSourceArrivedFirst() {
    SearchSources sources = new SearchSources();
    int fromA = sources.addNode(a, 0);
    int fromC = sources.addNode(c, 0);
    SearchResult result = TravelTimeSearch.search(network.modeGraph(TravelMode.DRIVE), sources, Double.POSITIVE_INFINITY);
    // B: from C against nothing, 1035.726 m at 15 m/s = 69.048 s, before A's 100.075 s
    assertThat(result.sourceAt(b)).isEqualTo(fromC);
    assertThat((double) result.secondsAt(b)).isCloseTo(BC / CAR_60, SECONDS);
    // D: from C in 66.717 s, before A's 100.075 s
    assertThat(result.sourceAt(d)).isEqualTo(fromC);
    assertThat((double) result.secondsAt(d)).isCloseTo(CD / CAR_60, SECONDS);
    assertThat(result.sourceAt(a)).isEqualTo(fromA);
    assertThat(result.secondsAt(a)).isZero();
  }

  @Test
  void pointBesideTheOnewayStartsHalfWayAfterOffRoadWalk() {
    NetworkLocator carRoads = NetworkLocator.build(network, network.modeGraph(TravelMode.DRIVE));
    // 0.0009° south of the middle of A-B: 100.0754 m from the road
    SnappedPoint point = carRoads.snap(0.0045, -0.0009, 500).orElseThrow();
    assertThat(point.edge()).isEqualTo(edgeBetween(a, b));
    assertThat(point.distanceMeters()).isCloseTo(100.0754, within(0.01));
    assertThat(point.lon()).isCloseTo(0.0045, within(1e-9));
    assertThat(point.lat()).isCloseTo(0, within(1e-9));
    assertThat(point.fraction()).isCloseTo(0.5, within(1e-6));

    // off-road walk 100.0754 m at 5 km/h = 72.054 s; then half of A-B towards B = 50.038 s
    double offRoad = 100.0754 / FOOT;
    EdgeTravelTimes car = EdgeTravelTimes.of(network, network.modeGraph(TravelMode.DRIVE));
    SearchSources sources = new SearchSources();
    sources.addPoint(point, car);
    SearchResult byCar = TravelTimeSearch.search(network.modeGraph(TravelMode.DRIVE), sources, Double.POSITIVE_INFINITY);
    assertThat((double) byCar.secondsAt(b)).isCloseTo(offRoad + AB / 2 / CAR_40, within(0.01)).isCloseTo(122.092, within(0.01));
    // A only the long way round: 122.092 + 235.841 = 357.933 s
    assertThat((double) byCar.secondsAt(a)).isCloseTo(357.933, within(0.01));

    EdgeTravelTimes foot = EdgeTravelTimes.of(network, network.modeGraph(TravelMode.WALK));
    sources.clear();
    sources.addPoint(point, foot);
    SearchResult onFoot = TravelTimeSearch.search(network.modeGraph(TravelMode.WALK), sources, Double.POSITIVE_INFINITY);
    // half of A-B at 5 km/h = 360.272 s, either way
    assertThat((double) onFoot.secondsAt(a)).isCloseTo(offRoad + AB / 2 / FOOT, within(0.01)).isCloseTo(432.326, within(0.01));
    assertThat((double) onFoot.secondsAt(b)).isCloseTo(432.326, within(0.01));
  }

  @Test
  void secondsToAPointInterpolateAlongItsEdge() {
    NetworkLocator footRoads = NetworkLocator.build(network, network.modeGraph(TravelMode.WALK));
    EdgeTravelTimes foot = EdgeTravelTimes.of(network, network.modeGraph(TravelMode.WALK));
    // a point on D-E a quarter of the way from D, 0.0002° (22.24 m) west of the footway
    SnappedPoint target = footRoads.snap(-0.0002, 0.009 + 0.00225, 100).orElseThrow();
    assertThat(target.edge()).isEqualTo(edgeBetween(d, e));
    SearchResult fromA = searchFrom(TravelMode.WALK, a, Double.POSITIVE_INFINITY);
    // A-D 1000.754 m + a quarter of D-E 250.189 m = 1250.943 m on foot, then 22.239 m off-road
    double expected = (DA + DE / 4) / FOOT + 22.2390 / FOOT;
    assertThat(fromA.secondsTo(target, foot)).isCloseTo(expected, within(0.01));
  }

  @Test
  void isolatedStreetIsLeftOutOfEveryMode() {
    int fg = edgeBetween(nodeAt(0.05, 0.009), nodeAt(0.05, 0.018));
    for (TravelMode mode : List.of(TravelMode.WALK, TravelMode.DRIVE)) {
      EdgeTravelTimes times = EdgeTravelTimes.of(network, network.modeGraph(mode));
      assertThat(times.usable(fg)).as(mode + " on the island").isFalse();
      NetworkLocator locator = NetworkLocator.build(network, network.modeGraph(mode));
      // 100 m east of the island street: nothing within 200 m, the square is 4.5 km away
      assertThat(locator.snap(0.0509, 0.0135, 200)).isEmpty();
      SnappedPoint far = locator.snap(0.0509, 0.0135, 10_000).orElseThrow();
      assertThat(far.edge()).isNotEqualTo(fg);
      assertThat(far.distanceMeters()).isGreaterThan(4000);
    }
  }

  @Test
  void ambulanceGraphDividesCarTimesByTheSpeedFactor() {
    SearchSources sources = new SearchSources();
    sources.addNode(a, 0);
    SearchResult fast = TravelTimeSearch.search(network.ambulanceGraph(1.25), sources, Double.POSITIVE_INFINITY);
    assertThat((double) fast.secondsAt(c)).isCloseTo(166.7924 / 1.25, SECONDS);
  }
}
