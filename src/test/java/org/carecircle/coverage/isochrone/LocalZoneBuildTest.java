package org.carecircle.coverage.isochrone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carecircle.coverage.isochrone.TestRoadNetworkBuilder.lat;
import static org.carecircle.coverage.isochrone.TestRoadNetworkBuilder.lon;
import static org.carecircle.testsupport.GeometryAssert.assertGeometryEquals;
import static org.carecircle.testsupport.GeometryAssert.assertInside;
import static org.carecircle.testsupport.GeometryAssert.assertOutside;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.carecircle.network.BoundingBox;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local build (from a {@link SearchResult}, looking only at what the search reached and the
 * edges under the lattice) draws exactly the zones of the whole-network build (from every node's
 * time, looking at every node and usable edge), on the real network of central Porto Alegre
 * (../shared/geodata) and on a hand-made one-way case; and the edge index finds every edge under
 * a box, once, in drawing order.
 */
class LocalZoneBuildTest {
  private static final double WALK_METERS_PER_SECOND = TravelTimeSearch.OFF_ROAD_WALK_METERS_PER_SECOND;

  @TempDir static Path folder;
  static RoadNetwork network;

  @BeforeAll
  static void importPortoAlegre() {
    network = NetworkImporter.importOsm(SharedGeodata.file("porto-alegre/poa_osm.pbf"),
        folder.resolve("graphhopper"), 200, (fraction, message) -> {});
  }

  @Test
  void localDriveZonesEqualWholeNetworkZonesForSeveralOriginsAndCutoffs() {
    int nonEmpty = compareSingleOrigins(TravelMode.DRIVE, new double[] {120, 300, 600, 900}, 900,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300), 8, 91);
    assertThat(nonEmpty).isEqualTo(8 * 4);
  }

  @Test
  void localWalkZonesEqualWholeNetworkZonesWhenTheSearchReachesFartherThanTheCutoffs() {
    //-- the search budget (20 min) exceeds the largest cutoff: reached nodes beyond it are skipped
    int nonEmpty = compareSingleOrigins(TravelMode.WALK, new double[] {300, 600}, 1200,
        IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 150), 6, 17);
    assertThat(nonEmpty).isEqualTo(6 * 2);
  }

  @Test
  void localZonesOfAMultiSourceSearchEqualWholeNetworkZones() {
    ModeGraph graph = network.modeGraph(TravelMode.DRIVE);
    EdgeTravelTimes times = EdgeTravelTimes.of(network, graph);
    IsochroneBuilder builder = new IsochroneBuilder(network, graph);
    SearchSources sources = new SearchSources();
    List<EdgeStart> starts = new ArrayList<>();
    for (SnappedPoint snap : snaps(graph, 12, 5)) {
      sources.addPoint(snap, times, 60);
      starts.add(new EdgeStart(snap.edge(), snap.fraction(),
          60 + TravelTimeSearch.offRoadSeconds(snap.distanceMeters())));
    }
    double[] cutoffs = {300, 480};
    IsochroneOptions options = IsochroneOptions.offRoad(WALK_METERS_PER_SECOND, 300);
    SearchResult result = new TravelTimeSearch().run(graph, sources, 480);
    List<CoverageZone> whole = builder.build(result.arrivalSeconds(), starts, cutoffs, options);
    List<CoverageZone> local = builder.build(result, starts, cutoffs, options);
    assertSameZones(whole, local, "12 facilities at once");
    assertThat(local.get(1).areaSquareMeters()).isGreaterThan(local.get(0).areaSquareMeters());
  }

  /**
   * A source node whose only road is one-way INTO it: the search reaches no other node and no
   * arc leaves the source, yet the source is a reached road point, so its zone is a small disc
   * around it. The local build must find the edge from the node's side too.
   *
   * <pre>
   *   n2 ----(one-way, 500 m)----> n1 (source)        n3 ---- n4 (far away, two-way)
   * </pre>
   */
  @Test
  void sourceAtTheHeadOfAOneWayStreetGetsTheSameZoneLocally() {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int n2 = b.node(0, 0);
    int n1 = b.node(500, 0);
    int n3 = b.node(3000, 2000);
    int n4 = b.node(3500, 2000);
    b.road(n2, n1).driveOneWay(10);
    b.road(n3, n4).drive(10);
    RoadNetwork small = b.build();
    ModeGraph graph = small.modeGraph(TravelMode.DRIVE);
    SearchSources sources = new SearchSources();
    sources.addNode(n1, 0);
    SearchResult result = new TravelTimeSearch().run(graph, sources, 600);
    assertThat(result.reachedCount()).isEqualTo(1);
    IsochroneBuilder builder = new IsochroneBuilder(small, graph);
    double[] cutoffs = {60};
    IsochroneOptions options = IsochroneOptions.offRoad(1.25, 100).withCellMeters(5);
    List<CoverageZone> whole = builder.build(result.arrivalSeconds(), List.of(), cutoffs, options);
    List<CoverageZone> local = builder.build(result, List.of(), cutoffs, options);
    assertSameZones(whole, local, "source at the head of a one-way street");
    //-- 60 s of walking at 1.25 m/s: 75 m from n1, for places whose nearest road point is n1
    //-- itself (east of it); places nearest to the one-way street's unreached interior are out
    assertInside(local.get(0).geometry(), lon(540), lat(0), "40 m east of n1");
    assertInside(local.get(0).geometry(), lon(500), lat(40), "40 m north of n1");
    assertOutside(local.get(0).geometry(), lon(450), lat(20), "beside the one-way street, 50 m from n1");
    assertThat(local.get(0).geometry().getEnvelopeInternal().getMinX()).isGreaterThan(lon(400));
  }

  @Test
  void edgeIndexFindsEveryEdgeUnderABoxOnceInDrawingOrder() {
    ModeEdges edges = new IsochroneBuilder(network, network.modeGraph(TravelMode.WALK)).modeEdges();
    BoundingBox bbox = BoundingBox.of(network);
    Random random = new Random(3);
    for (int q = 0; q < 40; q++) {
      double width = random.nextDouble() * 0.05;
      double height = random.nextDouble() * 0.05;
      double minLon = bbox.minLon() - 0.01 + random.nextDouble() * (bbox.maxLon() - bbox.minLon());
      double minLat = bbox.minLat() - 0.01 + random.nextDouble() * (bbox.maxLat() - bbox.minLat());
      double maxLon = minLon + width;
      double maxLat = minLat + height;
      int[] found = edges.grid.query(minLon, minLat, maxLon, maxLat);
      for (int i = 1; i < found.length; i++) {
        assertThat(found[i]).as("ascending, no repeats").isGreaterThan(found[i - 1]);
      }
      java.util.Set<Integer> foundSet = new java.util.HashSet<>();
      for (int k : found) {
        foundSet.add(k);
        //-- a superset of the edges meeting the box, but only by the cells around it
        assertThat(edges.maxLon[k]).isGreaterThanOrEqualTo(minLon - edges.grid.cellLonDegrees);
        assertThat(edges.minLon[k]).isLessThanOrEqualTo(maxLon + edges.grid.cellLonDegrees);
        assertThat(edges.maxLat[k]).isGreaterThanOrEqualTo(minLat - edges.grid.cellLatDegrees);
        assertThat(edges.minLat[k]).isLessThanOrEqualTo(maxLat + edges.grid.cellLatDegrees);
      }
      int meeting = 0;
      for (int k = 0; k < edges.usableEdges.length; k++) {
        if (edges.maxLon[k] >= minLon && edges.minLon[k] <= maxLon && edges.maxLat[k] >= minLat
            && edges.minLat[k] <= maxLat) {
          meeting++;
          assertThat(foundSet).as("edge entry %d meets the box", k).contains(k);
        }
      }
      if (q == 0) {
        assertThat(meeting).isPositive();
      }
    }
  }

  /** Single-origin zones both ways; returns how many were non-empty. */
  private static int compareSingleOrigins(TravelMode mode, double[] cutoffs, double budgetSeconds,
      IsochroneOptions options, int origins, long seed) {
    ModeGraph graph = network.modeGraph(mode);
    EdgeTravelTimes times = EdgeTravelTimes.of(network, graph);
    IsochroneBuilder builder = new IsochroneBuilder(network, graph);
    TravelTimeSearch search = new TravelTimeSearch();
    int nonEmpty = 0;
    for (SnappedPoint snap : snaps(graph, origins, seed)) {
      SearchSources sources = new SearchSources();
      sources.addPoint(snap, times);
      List<EdgeStart> starts = List.of(new EdgeStart(snap.edge(), snap.fraction(),
          TravelTimeSearch.offRoadSeconds(snap.distanceMeters())));
      SearchResult result = search.run(graph, sources, budgetSeconds);
      List<CoverageZone> whole = builder.build(result.arrivalSeconds(), starts, cutoffs, options);
      List<CoverageZone> local = builder.build(result, starts, cutoffs, options);
      assertSameZones(whole, local, mode + " from " + snap);
      for (CoverageZone zone : local) {
        nonEmpty += zone.geometry().isEmpty() ? 0 : 1;
      }
    }
    return nonEmpty;
  }

  private static List<SnappedPoint> snaps(ModeGraph graph, int count, long seed) {
    NetworkLocator locator = NetworkLocator.build(network, graph);
    BoundingBox bbox = BoundingBox.of(network);
    Random random = new Random(seed);
    List<SnappedPoint> snaps = new ArrayList<>();
    while (snaps.size() < count) {
      //-- the middle half of the extract, so that zones are not cut by its edge
      double lon = bbox.minLon() + (0.25 + 0.5 * random.nextDouble()) * (bbox.maxLon() - bbox.minLon());
      double lat = bbox.minLat() + (0.25 + 0.5 * random.nextDouble()) * (bbox.maxLat() - bbox.minLat());
      locator.snap(lon, lat, 300).ifPresent(snaps::add);
    }
    return snaps;
  }

  private static void assertSameZones(List<CoverageZone> whole, List<CoverageZone> local, String what) {
    assertThat(local).as(what).hasSameSizeAs(whole);
    for (int z = 0; z < whole.size(); z++) {
      assertThat(local.get(z).cutoffSeconds()).isEqualTo(whole.get(z).cutoffSeconds());
      assertGeometryEquals(whole.get(z).geometry(), local.get(z).geometry(), 0);
      assertThat(local.get(z).areaSquareMeters()).as(what).isEqualTo(whole.get(z).areaSquareMeters());
    }
  }
}
