package org.carecircle.coverage.isochrone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carecircle.coverage.isochrone.TestRoadNetworkBuilder.degrees;
import static org.carecircle.coverage.isochrone.TestRoadNetworkBuilder.lat;
import static org.carecircle.coverage.isochrone.TestRoadNetworkBuilder.lon;
import static org.carecircle.testsupport.GeometryAssert.assertCoversWithin;
import static org.carecircle.testsupport.GeometryAssert.assertGeometryEquals;
import static org.carecircle.testsupport.GeometryAssert.assertInside;
import static org.carecircle.testsupport.GeometryAssert.assertOutside;
import static org.carecircle.testsupport.GeometryAssert.assertValid;

import java.util.List;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.TravelMode;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Coverage zones on hand-built networks, checked against travel times worked out by hand.
 * Coordinates in comments are metres east (x) and north (y) of the builder's origin. Unless a
 * test says otherwise the lattice cell is chosen automatically, which for these few-kilometre
 * extents is the 10 m minimum; the zone may overreach the model by about 1.5 cells (15 m) near
 * roads reached close to the cutoff, so "a little" beyond a boundary means 40 m or more.
 */
class IsochroneBuilderTest {
  private static final double CAR_METERS_PER_SECOND = 20; // 72 km/h: 50 s per km
  private static final double WALK_METERS_PER_SECOND = 1.25; // 4.5 km/h: 80 s per 100 m
  private static final float INF = Float.POSITIVE_INFINITY;

  /*
   * A straight 4 km road of four 1 km edges, driven at 20 m/s from node 0:
   *
   *   n0 -------- n1 -------- n2 -------- n3 -------- n4      y = 0
   *   x=0        1000        2000        3000        4000
   *   0 s         50 s        100 s       150 s       200 s
   */
  private static RoadNetwork straightRoad() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int previous = b.node(0, 0);
    for (int k = 1; k <= 4; k++) {
      int next = b.node(1000 * k, 0);
      //-- a bend point in each edge, so that polylines are exercised
      b.road(previous, next).via(1000 * k - 400, 0).drive(CAR_METERS_PER_SECOND);
      previous = next;
    }
    return b.build();
  }

  private static final float[] STRAIGHT_ROAD_ARRIVAL = {0, 50, 100, 150, 200};

  private static List<CoverageZone> drive(RoadNetwork network, float[] arrivalSeconds,
      IsochroneOptions options, double... cutoffsSeconds) {
    return IsochroneBuilder.buildZones(network, network.modeGraph(TravelMode.DRIVE),
        arrivalSeconds, List.of(), cutoffsSeconds, options);
  }

  @Test
  void zoneReachesAlongTheRoadAsFarAsTheCutoffAllows() {
    // 120 s at 20 m/s cover 2400 m: the road point 20 m short of that is inside, the point 40 m
    // beyond it is not.
    Geometry zone = drive(straightRoad(), STRAIGHT_ROAD_ARRIVAL,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 120).get(0).geometry();

    assertValid(zone, "zone");
    assertInside(zone, lon(2380), lat(0), "road point reached in 119 s");
    assertOutside(zone, lon(2440), lat(0), "road point reached in 122 s");
    assertInside(zone, lon(0), lat(0), "the start");
  }

  @Test
  void placesBesideTheRoadNeedEnoughSlackForTheWalk() {
    // Cutoff 180 s, walking 100 m to the road takes 80 s.
    // (1000, 100): road time 50 s + 80 s = 130 s <= 180 s: inside; along x = 1000 the zone ends
    //   where the walk uses the 130 s of slack: 162.5 m from the road.
    // (2600, 100): road time 130 s + 80 s = 210 s > 180 s: outside, although the road point
    //   beside it is inside; along x = 2600 the zone ends 62.5 m from the road.
    Geometry zone = drive(straightRoad(), STRAIGHT_ROAD_ARRIVAL,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 180).get(0).geometry();

    assertInside(zone, lon(1000), lat(100), "100 m beside a road point reached in 50 s");
    assertInside(zone, lon(1000), lat(-100), "the same on the other side");
    assertOutside(zone, lon(1000), lat(200), "200 m beside it: 50 s + 160 s");
    assertInside(zone, lon(2600), lat(0), "the road point reached in 130 s");
    assertOutside(zone, lon(2600), lat(100), "100 m beside a road point reached in 130 s");
    assertInside(zone, lon(2600), lat(20), "20 m beside it: 130 s + 16 s");
  }

  @Test
  void placesFartherThanTheMaximumOffRoadDistanceAreOutside() {
    // Cutoff 600 s leaves plenty of time; the maximum off-road distance (300 m) decides:
    // (1000, 280): 50 s + 224 s, 280 m: inside. (1000, 340): 50 s + 272 s but 340 m: outside.
    Geometry zone = drive(straightRoad(), STRAIGHT_ROAD_ARRIVAL,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 600).get(0).geometry();

    assertInside(zone, lon(1000), lat(280), "280 m from the road");
    assertOutside(zone, lon(1000), lat(340), "340 m from the road");
    assertOutside(zone, lon(-340), lat(0), "340 m beyond the road's end");
  }

  /*
   * A river between two roads 300 m apart; the only bridge is at the east end:
   *
   *   n3 ------------------------------------------ n2     y = 300  (north bank road)
   *   ~~~~~~~~~~~~~~~~~~~~~~ river ~~~~~~~~~~~~~~~~~ |      bridge n1-n2, 300 m
   *   n0 ------------------------------------------ n1     y = 0    (south bank road)
   *   x=0                                         4000
   *
   * Driving at 20 m/s from n0: n1 at 200 s, n2 at 215 s, n3 at 415 s; the north road at x is
   * reached at 215 + (4000 - x) / 20 s.
   */
  @Test
  void placesWhoseNearestRoadIsUnreachedStayOutsideEvenNearAReachedRoad() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int n0 = b.node(0, 0);
    int n1 = b.node(4000, 0);
    int n2 = b.node(4000, 300);
    int n3 = b.node(0, 300);
    b.road(n0, n1).drive(CAR_METERS_PER_SECOND);
    b.road(n1, n2).drive(CAR_METERS_PER_SECOND);
    b.road(n2, n3).drive(CAR_METERS_PER_SECOND);
    RoadNetwork network = b.build();
    float[] arrival = {0, 200, 215, 415};

    // Cutoff 300 s, maximum off-road distance 200 m.
    // (1000, 190) is 190 m from the south road, reached at x = 1000 in 50 s: by that road it
    // would be 50 s + 152 s = 202 s <= 300 s and within 200 m. But its nearest road is the
    // north road, 110 m away, reached at x = 1000 only in 365 s: outside.
    // (1000, 110): nearest road south, 50 s + 88 s = 138 s: inside.
    // (3500, 250): nearest road north, reached in 240 s, + 40 s for 50 m = 280 s: inside.
    Geometry zone = drive(network, arrival, IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 200),
        300).get(0).geometry();

    assertValid(zone, "zone");
    assertOutside(zone, lon(1000), lat(190), "the far bank, whose nearest road is unreached");
    assertInside(zone, lon(1000), lat(110), "the near bank");
    assertInside(zone, lon(3500), lat(250), "the far bank near the bridge");
  }

  /*
   * The river of the test above, with the north bank road cut in two at m (2000, 300):
   *
   *   n3 --------------------- m --------------------- n2     y = 300  (north bank road)
   *   ~~~~~~~~~~~~~~~~~~~~~~ river ~~~~~~~~~~~~~~~~~~~~~ |      bridge n1-n2, 300 m
   *   n0 ---------------------------------------------- n1     y = 0    (south bank road)
   *   x=0                     2000                    4000
   *
   * Driving at 20 m/s from n0: n1 200 s, n2 215 s, m 315 s, n3 415 s. The edge m-n3 is reached
   * nowhere within the largest cutoff (300 s): the builder must still draw it as the nearest
   * road of the places beside it (it only leaves out roads too far from every reached one).
   */
  @Test
  void aRoadReachedOnlyAfterTheLargestCutoffStillCutsOffThePlacesNearestToIt() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int n0 = b.node(0, 0);
    int n1 = b.node(4000, 0);
    int n2 = b.node(4000, 300);
    int m = b.node(2000, 300);
    int n3 = b.node(0, 300);
    b.road(n0, n1).drive(CAR_METERS_PER_SECOND);
    b.road(n1, n2).drive(CAR_METERS_PER_SECOND);
    b.road(n2, m).drive(CAR_METERS_PER_SECOND);
    b.road(m, n3).drive(CAR_METERS_PER_SECOND);
    RoadNetwork network = b.build();
    float[] arrival = {0, 200, 215, 315, 415};

    // Cutoffs 150 s and 300 s, maximum off-road distance 200 m.
    // (1000, 190): by the south road 50 s + 152 s = 202 s, but its nearest road is m-n3, 110 m
    // away and reached at x = 1000 only in 365 s: outside both zones.
    // (1000, 110): nearest road south, 50 s + 88 s = 138 s: inside both.
    List<CoverageZone> zones = drive(network, arrival,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 200), 150, 300);

    for (CoverageZone zone : zones) {
      String name = zone.cutoffSeconds() + " s zone";
      assertValid(zone.geometry(), name);
      assertOutside(zone.geometry(), lon(1000), lat(190), name + ": the far bank beside m-n3");
      assertInside(zone.geometry(), lon(1000), lat(110), name + ": the near bank");
    }
  }

  /*
   * A square ring road of 3 km sides around empty land, driven at 20 m/s from its south-west
   * corner:
   *
   *   n3 (0,3000) 150 s ------------ n2 (3000,3000) 300 s
   *   |                                |
   *   |            centre               |
   *   |                                |
   *   n0 (0,0) 0 s ----------------- n1 (3000,0) 150 s
   *
   * With a 600 s cutoff every road point has at least 300 s of slack, more than the 240 s needed
   * to walk the maximum off-road distance of 300 m. The zone is the band within 300 m of the
   * ring: outer square 3600 m with corners rounded to a 300 m radius, minus the inner square of
   * 2400 m; area 3000^2 + 4 * 3000 * 300 + pi * 300^2 - 2400^2 = 7,122,743 m^2.
   */
  @Test
  void enclosedUnreachableLandBecomesAHole() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int n0 = b.node(0, 0);
    int n1 = b.node(3000, 0);
    int n2 = b.node(3000, 3000);
    int n3 = b.node(0, 3000);
    b.road(n0, n1).drive(CAR_METERS_PER_SECOND);
    b.road(n1, n2).drive(CAR_METERS_PER_SECOND);
    b.road(n2, n3).drive(CAR_METERS_PER_SECOND);
    b.road(n3, n0).drive(CAR_METERS_PER_SECOND);
    RoadNetwork network = b.build();

    CoverageZone zone = drive(network, new float[] {0, 150, 300, 150},
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 600).get(0);

    assertValid(zone.geometry(), "zone");
    assertThat(zone.geometry()).isInstanceOf(Polygon.class);
    Polygon polygon = (Polygon) zone.geometry();
    assertThat(polygon.getNumInteriorRing()).isEqualTo(1);
    assertOutside(polygon, lon(1500), lat(1500), "the centre");
    assertThat(polygon.getFactory().createPolygon(polygon.getInteriorRingN(0))
        .contains(polygon.getFactory().createPoint(
            new org.locationtech.jts.geom.Coordinate(lon(1500), lat(1500)))))
        .as("the hole contains the centre").isTrue();
    assertInside(polygon, lon(1500), lat(250), "250 m inside the south road");
    assertOutside(polygon, lon(1500), lat(350), "350 m inside the south road");
    assertThat(zone.areaSquareMeters()).isCloseTo(7_122_743, org.assertj.core.data.Percentage
        .withPercentage(2));
  }

  @Test
  void bandsNest() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int n0 = b.node(0, 0);
    int n1 = b.node(3000, 0);
    int n2 = b.node(3000, 3000);
    int n3 = b.node(0, 3000);
    int centre = b.node(1500, 1500);
    b.road(n0, n1).drive(10);
    b.road(n1, n2).drive(10);
    b.road(n2, n3).drive(10);
    b.road(n3, n0).drive(10);
    b.road(n0, centre).via(1500, 200).drive(10);
    RoadNetwork network = b.build();
    // at 10 m/s: n1, n3 300 s; n2 600 s; the bent road to the centre 1500 + 1300 m = 280 s
    float[] arrival = {0, 300, 600, 300, 280};

    List<CoverageZone> zones = drive(network, arrival,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 250), 300, 600, 900);

    double tolerance = degrees(1);
    assertCoversWithin(zones.get(1).geometry(), zones.get(0).geometry(), tolerance, "10 ⊇ 5");
    assertCoversWithin(zones.get(2).geometry(), zones.get(1).geometry(), tolerance, "15 ⊇ 10");
    assertThat(zones.get(0).areaSquareMeters()).isLessThan(zones.get(1).areaSquareMeters());
    assertThat(zones.get(1).areaSquareMeters()).isLessThan(zones.get(2).areaSquareMeters());
    for (CoverageZone zone : zones) {
      assertValid(zone.geometry(), "zone " + zone.cutoffSeconds());
    }
  }

  /*
   * One 4 km edge, A at x = 0, B at x = 4000; the search starts in its middle (fraction 0.5,
   * x = 2000) with 10 s already spent, and reaches both ends in 10 s + 100 s = 110 s.
   *
   *   A ------------------- start ------------------- B
   *   x=0                   2000 (10 s)               4000
   *
   * Cutoff 60 s: 50 s of driving at 20 m/s = 1000 m either way, so the road from x = 1000 to
   * x = 3000 is covered.
   */
  @Test
  void partialStartCoversItsOwnEdgeBothWays() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    b.road(b.node(0, 0), b.node(4000, 0)).drive(CAR_METERS_PER_SECOND);
    RoadNetwork network = b.build();

    Geometry zone = IsochroneBuilder.buildZones(network, network.modeGraph(TravelMode.DRIVE),
        new float[] {110, 110}, List.of(new EdgeStart(0, 0.5, 10)), new double[] {60},
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 100)).get(0).geometry();

    assertInside(zone, lon(2000), lat(0), "the start");
    assertInside(zone, lon(1020), lat(0), "980 m back: 59 s");
    assertInside(zone, lon(2980), lat(0), "980 m ahead: 59 s");
    assertOutside(zone, lon(960), lat(0), "1040 m back: 62 s");
    assertOutside(zone, lon(3040), lat(0), "1040 m ahead: 62 s");
  }

  @Test
  void partialStartOnAOneWayEdgeCoversOnlyWhatLiesAhead() {
    // As above but the edge runs one way, A to B: behind the start nothing is reachable (A is
    // unreached, and B cannot be left towards A).
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    b.road(b.node(0, 0), b.node(4000, 0)).driveOneWay(CAR_METERS_PER_SECOND);
    RoadNetwork network = b.build();

    Geometry zone = IsochroneBuilder.buildZones(network, network.modeGraph(TravelMode.DRIVE),
        new float[] {INF, 110}, List.of(new EdgeStart(0, 0.5, 10)), new double[] {60},
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 100)).get(0).geometry();

    assertInside(zone, lon(2000), lat(0), "the start");
    assertInside(zone, lon(2980), lat(0), "980 m ahead: 59 s");
    assertOutside(zone, lon(1960), lat(0), "40 m behind the start");
    assertOutside(zone, lon(3040), lat(0), "1040 m ahead: 62 s");
  }

  @Test
  void edgesTheModeCannotUseAreNotRoads() {
    // A footpath (walk only) runs 150 m north of the road, parallel to it. For driving it does
    // not exist, so the land around it is covered from the road.
    //   footpath  n2 ----------------------- n3     y = 150 (walk only)
    //   road      n0 ----------------------- n1     y = 0
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int n0 = b.node(0, 0);
    int n1 = b.node(2000, 0);
    int n2 = b.node(0, 150);
    int n3 = b.node(2000, 150);
    b.road(n0, n1).drive(CAR_METERS_PER_SECOND);
    b.road(n2, n3).walk(WALK_METERS_PER_SECOND);
    RoadNetwork network = b.build();

    // (1000, 120): nearest drivable road is the road, 50 s + 96 s = 146 s <= 200 s: inside.
    Geometry zone = drive(network, new float[] {0, 100, INF, INF},
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 200), 200).get(0).geometry();

    assertInside(zone, lon(1000), lat(120), "next to the footpath, 120 m from the road");
  }

  @Test
  void nothingReachedGivesEmptyZones() {
    List<CoverageZone> zones = drive(straightRoad(), new float[] {INF, INF, INF, INF, INF},
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 300, 600);

    assertThat(zones).hasSize(2);
    assertGeometryEquals("POLYGON EMPTY", zones.get(0).geometry(), 0);
    assertThat(zones.get(0).geometry().getSRID()).isEqualTo(4326);
    assertThat(zones.get(1).areaSquareMeters()).isZero();
  }

  @Test
  void zonesAreWgs84() {
    Geometry zone = drive(straightRoad(), STRAIGHT_ROAD_ARRIVAL,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 120).get(0).geometry();

    assertThat(zone.getSRID()).isEqualTo(4326);
  }

  @Test
  void rejectsCutoffsOutOfOrder() {
    RoadNetwork network = straightRoad();
    assertThatThrownBy(() -> drive(network, STRAIGHT_ROAD_ARRIVAL,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 600, 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ascending");
  }

  @Test
  void automaticCellIsFineForWalkingZonesAndCoarserForCarZones() {
    // a 15-minute walk (1.25 m/s) reaches about 1.1 km: with 300 m margins a 3.5 km square
    // lattice, sqrt(12.25 km^2 / 100,000 points) = 11.07 m per cell
    assertThat(IsochroneBuilder.autoCellMeters(3500, 3500)).isCloseTo(11.068, within(0.001));
    // a 1.5 km square: sqrt(2.25 km^2 / 100,000) = 4.7 m, raised to the 10 m minimum
    assertThat(IsochroneBuilder.autoCellMeters(1500, 1500)).isEqualTo(10);
    // 8 x 8 km: sqrt(64 km^2 / 100,000) = 25.3 m
    assertThat(IsochroneBuilder.autoCellMeters(8000, 8000)).isCloseTo(25.298, within(0.001));
    // a 15-minute drive across a city region, 20 x 20 km: 63 m, capped at the 60 m maximum
    assertThat(IsochroneBuilder.autoCellMeters(20000, 20000)).isEqualTo(60);
  }

  @Test
  void rejectsStartsOnEdgesTheModeCannotUse() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    b.road(b.node(0, 0), b.node(1000, 0)).walk(WALK_METERS_PER_SECOND);
    RoadNetwork network = b.build();

    assertThatThrownBy(() -> IsochroneBuilder.buildZones(network,
        network.modeGraph(TravelMode.DRIVE), new float[] {INF, INF},
        List.of(new EdgeStart(0, 0.5, 0)), new double[] {60},
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start edge 0");
  }
}
