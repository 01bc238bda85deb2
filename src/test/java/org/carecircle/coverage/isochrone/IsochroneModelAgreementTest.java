package org.carecircle.coverage.isochrone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carecircle.coverage.isochrone.TestRoadNetworkBuilder.lat;
import static org.carecircle.coverage.isochrone.TestRoadNetworkBuilder.lon;
import static org.carecircle.testsupport.GeometryAssert.assertValid;

import java.util.List;
import java.util.Random;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.TravelMode;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;

/**
 * Zones against the model evaluated by brute force ({@link ModelOracle}) on an irregular
 * network: a jittered 20 x 20 grid with 120 m spacing, a quarter of its links missing, random
 * speeds, one-way streets, noisy arrival times with unreached pockets and a partial start.
 */
class IsochroneModelAgreementTest {
  private static final double WALK = 1.25;
  private static final double MAX_OFF_ROAD = 150;
  private static final double[] CUTOFFS = {120, 240, 360};

  private TestRoadNetworkBuilder builder;
  private final Random random = new Random(20240607);
  private RoadNetwork network;
  private float[] arrival;
  private List<EdgeStart> starts;
  private ModelOracle oracle;
  private List<CoverageZone> zones;
  private double cellMeters;

  private void buildScene(long seed, double cell) {
    buildScene(seed, cell, 1);
  }

  private void buildScene(long seed, double cell, int threads) {
    random.setSeed(seed);
    builder = new TestRoadNetworkBuilder();
    int size = 20;
    double spacing = 120;
    int[][] ids = new int[size][size];
    double[][][] at = new double[size][size][];
    boolean[] pocket = new boolean[size * size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        double x = i * spacing + (random.nextDouble() - 0.5) * 60;
        double y = j * spacing + (random.nextDouble() - 0.5) * 60;
        ids[i][j] = builder.node(x, y);
        at[i][j] = new double[] {x, y};
        //-- unreached pockets: a district and scattered single junctions
        pocket[ids[i][j]] = Math.hypot(x - 500, y - 1700) < 250 || random.nextDouble() < 0.05;
      }
    }
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        for (int[] d : new int[][] {{1, 0}, {0, 1}}) {
          int i2 = i + d[0];
          int j2 = j + d[1];
          if (i2 >= size || j2 >= size || random.nextDouble() < 0.25) {
            continue;
          }
          int a = ids[i][j];
          int b = ids[i2][j2];
          //-- streets out of a pocket are one-way outwards, so that the pocket stays
          //-- unreached and the arrival times stay consistent
          boolean outOfPocket = pocket[a] != pocket[b];
          if (outOfPocket && pocket[b]) {
            int swap = a;
            a = b;
            b = swap;
          }
          TestRoadNetworkBuilder.Road road = builder.road(a, b);
          if (random.nextBoolean()) {
            //-- a bend halfway
            road.via((at[i][j][0] + at[i2][j2][0]) / 2 + (random.nextDouble() - 0.5) * 40,
                (at[i][j][1] + at[i2][j2][1]) / 2 + (random.nextDouble() - 0.5) * 40);
          }
          double speed = 5 + random.nextDouble() * 15;
          if (outOfPocket || random.nextDouble() < 0.15) {
            road.driveOneWay(speed);
          } else {
            road.drive(speed);
          }
        }
      }
    }
    network = builder.build();
    arrival = new float[network.nodeCount()];
    double cx = size * spacing / 2;
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        double manhattan = Math.abs(at[i][j][0] - cx) + Math.abs(at[i][j][1] - cx);
        arrival[ids[i][j]] = pocket[ids[i][j]] ? Float.POSITIVE_INFINITY
            : (float) (manhattan / 12 + random.nextDouble() * 40);
      }
    }
    makeConsistent(arrival);
    starts = List.of(new EdgeStart(builder.edgeCount() / 2, 0.3, 5));
    oracle = builder.driveOracle(arrival, starts, WALK, MAX_OFF_ROAD);
    IsochroneOptions options = IsochroneOptions.offRoad(WALK, MAX_OFF_ROAD).withCellMeters(cell);
    zones = new IsochroneBuilder(network, network.modeGraph(TravelMode.DRIVE))
        .build(arrival, starts, CUTOFFS, options, threads);
    cellMeters = cell;
  }

  /**
   * Lowers arrival times until no arc offers a shorter way in (arrival at the head &le; arrival
   * at the tail + arc seconds), as a shortest-path search would leave them. The builder relies
   * on that: otherwise a node would have one time as itself and another as an edge's end.
   */
  private void makeConsistent(float[] arrivalSeconds) {
    ModeGraph graph = network.modeGraph(TravelMode.DRIVE);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int tail = 0; tail < graph.nodeCount(); tail++) {
        for (int arc = graph.arcStart[tail]; arc < graph.arcStart[tail + 1]; arc++) {
          float via = arrivalSeconds[tail] + graph.arcSeconds[arc];
          if (via < arrivalSeconds[graph.arcHead[arc]]) {
            arrivalSeconds[graph.arcHead[arc]] = via;
            changed = true;
          }
        }
      }
    }
  }

  @Test
  void zonesAreValidAndContainEveryRoadPointReachedWithinTheCutoff() {
    //-- at 10 m the lattice is large enough for the threaded path (bands, seams, canvases)
    for (double[] run : new double[][] {{10, 1}, {10, 3}, {23, 1}, {40, 1}}) {
      double cell = run[0];
      buildScene(7, cell, (int) run[1]);
      for (int z = 0; z < CUTOFFS.length; z++) {
        CoverageZone zone = zones.get(z);
        assertValid(zone.geometry(), "zone " + zone.cutoffSeconds() + " s, cell " + cell);
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(zone.geometry());
        int checked = 0;
        for (int k = 0; k < 20_000; k++) {
          int e = random.nextInt(builder.edgeCount());
          if (!oracle.isRoad(e)) {
            continue;
          }
          double f = random.nextDouble();
          if (oracle.roadSeconds(e, f) > zone.cutoffSeconds()) {
            continue;
          }
          double[] p = oracle.pointAt(e, f);
          checked++;
          assertThat(locator.locate(new Coordinate(lon(p[0]), lat(p[1]))))
              .as("road point (%.1f, %.1f) of edge %d reached in %.1f s, zone %.0f s, cell %.0f m",
                  p[0], p[1], e, oracle.roadSeconds(e, f), zone.cutoffSeconds(), cell)
              .isNotEqualTo(Location.EXTERIOR);
        }
        assertThat(checked).as("road points tested").isGreaterThan(1000);
      }
    }
  }

  @Test
  void threadsDrawTheSameZones() {
    buildScene(5, 10, 1);
    List<CoverageZone> alone = zones;
    buildScene(5, 10, 3);
    for (int z = 0; z < CUTOFFS.length; z++) {
      Geometry difference = alone.get(z).geometry().symDifference(zones.get(z).geometry());
      assertThat(difference.getArea() / alone.get(z).geometry().getArea())
          .as("zone %.0f s: share of the area that differs", CUTOFFS[z])
          .isLessThan(1e-3);
    }
  }

  /**
   * Every place where zone and model disagree lies close to the model's boundary: a place the
   * zone wrongly includes has a place the model includes within 1.6 cells (the conservatively
   * drawn road cells, see {@link CoverageRaster}), a place the zone wrongly leaves out has a
   * place the model leaves out within 0.5 cell. Over scenes 1 to 11 at 10 m and 40 m cells the
   * worst cases were 1.49 and 0.30 cells.
   */
  @Test
  void zonesFollowTheModel() {
    for (double cell : new double[] {10, 40}) {
      buildScene(11, cell);
      double worstOver = 0;
      double worstUnder = 0;
      for (CoverageZone zone : zones) {
        IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(zone.geometry());
        for (int k = 0; k < 4000; k++) {
          double x = -200 + random.nextDouble() * 2700;
          double y = -200 + random.nextDouble() * 2700;
          boolean model = oracle.placeSeconds(x, y) <= zone.cutoffSeconds();
          boolean drawn = locator.locate(new Coordinate(lon(x), lat(y))) != Location.EXTERIOR;
          if (model == drawn) {
            continue;
          }
          double distance = distanceToModel(x, y, !model, zone.cutoffSeconds());
          if (drawn) {
            //-- reached road points are inside by the model, however thin the zone around them
            worstOver = Math.max(worstOver,
                Math.min(distance, oracle.distanceToReachedRoad(x, y, zone.cutoffSeconds())));
          } else {
            worstUnder = Math.max(worstUnder, distance);
          }
        }
      }
      assertThat(worstOver / cell).as("overreach at %.0f m cells, in cells", cell)
          .isLessThanOrEqualTo(1.6);
      assertThat(worstUnder / cell).as("shortfall at %.0f m cells, in cells", cell)
          .isLessThanOrEqualTo(0.5);
    }
  }

  /** Distance (m) from (x, y) to the nearest place whose model status is {@code inside}. */
  private double distanceToModel(double x, double y, boolean inside, double cutoffSeconds) {
    double step = cellMeters / 20;
    for (double r = step; r < 5 * cellMeters; r += step) {
      for (int a = 0; a < 64; a++) {
        double angle = 2 * Math.PI * a / 64;
        boolean model =
            oracle.placeSeconds(x + r * Math.cos(angle), y + r * Math.sin(angle)) <= cutoffSeconds;
        if (model == inside) {
          return r;
        }
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
