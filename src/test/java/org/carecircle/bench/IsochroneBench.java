package org.carecircle.bench;

import com.graphhopper.GraphHopper;
import com.graphhopper.isochrone.algorithm.ContourBuilder;
import com.graphhopper.isochrone.algorithm.JTSTriangulator;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.isochrone.algorithm.Triangulator;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.PMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.carecircle.coverage.isochrone.CoverageZone;
import org.carecircle.coverage.isochrone.EdgeStart;
import org.carecircle.coverage.isochrone.IsochroneBuilder;
import org.carecircle.coverage.isochrone.IsochroneOptions;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Coverage-zone speed on a real network against GraphHopper's own isochrone pipeline, in the same
 * run; a benchmark, not a test (scripts/bench.sh runs it).
 *
 * <p>Both sides compute a 15-minute car zone from the same facility points: ours is snap, one
 * {@link TravelTimeSearch}, and {@link IsochroneBuilder}; GraphHopper's is what its isochrone
 * endpoint does: location-index snap, a query graph, its {@link ShortestPathTree} with a time
 * limit, {@link JTSTriangulator} and {@link ContourBuilder#computeIsoline}. Facilities are 100
 * points drawn (fixed seed) in the central city and snapped to car roads.
 */
public final class IsochroneBench {
  private static final double CUTOFF_SECONDS = 15 * 60;
  private static final int TIMED_FACILITIES = 20;
  private static final int ALL_FACILITIES = 100;
  private static final int WARM_UP_ROUNDS = 3;

  private IsochroneBench() {}

  /** Arguments: the OSM file, then the central box minLon minLat maxLon maxLat to draw facilities in. */
  public static void main(String[] args) throws Exception {
    Path osm = Path.of(args[0]);
    double[] box = {Double.parseDouble(args[1]), Double.parseDouble(args[2]), Double.parseDouble(args[3]),
        Double.parseDouble(args[4])};
    Path folder = Files.createTempDirectory("carecircle-isochrone-bench");
    Path ghFolder = folder.resolve("graphhopper");
    long t = System.nanoTime();
    RoadNetwork network = NetworkImporter.importOsm(osm, ghFolder, 200, (f, m) -> {});
    System.out.printf("import %s: %.1f s (%,d nodes, %,d edges)%n", osm.getFileName(), (System.nanoTime() - t) / 1e9,
        network.nodeCount(), network.edgeCount());

    ModeGraph drive = network.modeGraph(TravelMode.DRIVE);
    EdgeTravelTimes times = EdgeTravelTimes.of(network, drive);
    NetworkLocator locator = NetworkLocator.build(network, drive);
    IsochroneBuilder builder = new IsochroneBuilder(network, drive);
    IsochroneOptions options = IsochroneOptions.offRoad(TravelTimeSearch.OFF_ROAD_WALK_METERS_PER_SECOND, 300);

    GraphHopper hopper = NetworkImporter.openGraphHopper(ghFolder);
    Weighting weighting = hopper.createWeighting(hopper.getProfile("car"), new PMap());

    Random random = new Random(15);
    List<double[]> facilities = new ArrayList<>();
    while (facilities.size() < ALL_FACILITIES) {
      double lon = box[0] + random.nextDouble() * (box[2] - box[0]);
      double lat = box[1] + random.nextDouble() * (box[3] - box[1]);
      if (locator.snap(lon, lat, 300).isPresent()) {
        facilities.add(new double[] {lon, lat});
      }
    }

    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (int i = 0; i < TIMED_FACILITIES; i++) {
        ours(facilities.get(i), network, drive, times, locator, builder, options);
        graphHopper(facilities.get(i), hopper, weighting);
      }
    }
    double[] oursMillis = new double[TIMED_FACILITIES];
    double[] ghMillis = new double[TIMED_FACILITIES];
    double oursArea = 0;
    double ghArea = 0;
    for (int i = 0; i < TIMED_FACILITIES; i++) {
      t = System.nanoTime();
      oursArea += ours(facilities.get(i), network, drive, times, locator, builder, options).areaSquareMeters();
      oursMillis[i] = (System.nanoTime() - t) / 1e6;
      t = System.nanoTime();
      MultiPolygon gh = graphHopper(facilities.get(i), hopper, weighting);
      ghMillis[i] = (System.nanoTime() - t) / 1e6;
      ghArea += org.carecircle.coverage.isochrone.GeodesicArea.squareMeters(gh);
    }
    double oursMedian = median(oursMillis);
    double ghMedian = median(ghMillis);
    System.out.printf("one 15-minute car zone, median of %d facilities: CareCircle %.1f ms, GraphHopper pipeline"
        + " %.1f ms; ratio GraphHopper / CareCircle = %.1fx (target: <= 50 ms and >= 5x)%n",
        TIMED_FACILITIES, oursMedian, ghMedian, ghMedian / oursMedian);
    System.out.printf("mean zone area: CareCircle %.1f km2, GraphHopper %.1f km2%n",
        oursArea / TIMED_FACILITIES / 1e6, ghArea / TIMED_FACILITIES / 1e6);

    t = System.nanoTime();
    facilities.parallelStream().forEach(f -> ours(f, network, drive, times, locator, builder, options));
    double allSeconds = (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    for (double[] f : facilities) {
      ours(f, network, drive, times, locator, builder, options);
    }
    double allSequentialSeconds = (System.nanoTime() - t) / 1e9;
    System.out.printf("zones of %d facilities: %.2f s on %d cores (%.2f s on one); target <= 3 s%n",
        ALL_FACILITIES, allSeconds, Runtime.getRuntime().availableProcessors(), allSequentialSeconds);
    hopper.close();
  }

  private static CoverageZone ours(double[] facility, RoadNetwork network, ModeGraph drive, EdgeTravelTimes times,
      NetworkLocator locator, IsochroneBuilder builder, IsochroneOptions options) {
    SnappedPoint snap = locator.snap(facility[0], facility[1], 1000).orElseThrow();
    SearchSources sources = new SearchSources();
    sources.addPoint(snap, times);
    float[] arrival = TravelTimeSearch.search(drive, sources, CUTOFF_SECONDS).arrivalSeconds();
    EdgeStart start = new EdgeStart(snap.edge(), snap.fraction(), TravelTimeSearch.offRoadSeconds(snap.distanceMeters()));
    return builder.build(arrival, List.of(start), new double[] {CUTOFF_SECONDS}, options).get(0);
  }

  /** GraphHopper's isochrone pipeline as its /isochrone endpoint runs it (one bucket, time limit). */
  private static MultiPolygon graphHopper(double[] facility, GraphHopper hopper, Weighting weighting) {
    Snap snap = hopper.getLocationIndex().findClosest(facility[1], facility[0], new DefaultSnapFilter(weighting,
        hopper.getEncodingManager().getBooleanEncodedValue(com.graphhopper.routing.ev.Subnetwork.key("car"))));
    QueryGraph queryGraph = QueryGraph.create(hopper.getBaseGraph(), snap);
    ShortestPathTree tree = new ShortestPathTree(queryGraph, queryGraph.wrapWeighting(weighting), false,
        TraversalMode.NODE_BASED);
    double limitMillis = CUTOFF_SECONDS * 1000;
    tree.setTimeLimit(limitMillis + Math.max(limitMillis * 0.14, 200_000));
    Triangulator.Result result = new JTSTriangulator(hopper.getRouterConfig())
        .triangulate(snap, queryGraph, tree, label -> label.time, degreesFromMeters(1));
    return new ContourBuilder(result.triangulation).computeIsoline(limitMillis, result.seedEdges);
  }

  /** The same conversion GraphHopper's endpoint uses for its tolerance: metres to degrees at the equator. */
  private static double degreesFromMeters(double meters) {
    return meters / (Math.PI * 6_371_000 / 180);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
