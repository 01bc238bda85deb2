package org.carecircle.network;

import com.graphhopper.GraphHopper;
import com.graphhopper.config.Profile;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.util.GHUtility;
import com.graphhopper.util.PMap;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/**
 * Builds a {@link RoadNetwork} from an OpenStreetMap file (.osm.pbf, or .osm XML), with GraphHopper
 * 11 as a library: GraphHopper reads the file, decides per road and direction whether cars and
 * pedestrians may use it and how fast (its car and foot tag parsers), splits ways into edges at
 * junctions and removes small disconnected pieces; CareCircle then copies the result into its own
 * compact arrays.
 *
 * <p>GraphHopper's graph is written to {@code graphHopperFolder} and kept there (so that its own
 * routing and isochrone code can run on the same graph), with two profiles, {@code car} and {@code
 * foot}, whose custom models are GraphHopper's bundled {@code car.json} and {@code foot.json}. No
 * contraction hierarchies or landmarks are prepared: CareCircle searches with its own algorithms.
 *
 * <p>Speeds come from GraphHopper's parsers: a car's speed is 90 % of the {@code maxspeed} tag, or a
 * default per road class (e.g. residential 30 km/h, primary 65 km/h), stored in steps of 2 km/h;
 * walking is 5 km/h on ordinary ways, 3 km/h on steps (stored in steps of 1 km/h).
 *
 * <p>Not thread-safe per call, but calls may run in parallel on different folders.
 */
public final class NetworkImporter {
  /** GraphHopper's profile names; CareCircle's DRIVE and AMBULANCE use {@code car}, WALK {@code foot}. */
  public static final String CAR_PROFILE = "car";
  public static final String FOOT_PROFILE = "foot";

  /**
   * The encoded values the bundled car.json and foot.json custom models read (their header comments
   * list them); GraphHopper adds its always-present ones (road_environment, max_speed, ...) itself.
   */
  static final String ENCODED_VALUES = "car_access, car_average_speed, road_access,"
      + " foot_access, foot_priority, foot_average_speed, foot_road_access, hike_rating, mtb_rating,"
      + " country, road_class";

  private NetworkImporter() {}

  /** Told where the import is; may throw (e.g. to cancel), which stops the import. */
  @FunctionalInterface
  public interface ProgressListener {
    /**
     * @param fraction0to1 share of the import done, 0 to 1
     * @param message the step starting now, for the planner
     */
    void step(double fraction0to1, String message);
  }

  /**
   * Imports {@code osmFile} into {@code graphHopperFolder} (created; must not hold a graph yet) and
   * extracts CareCircle's network from it. Exceptions thrown by {@code listener} pass through
   * unchanged; the caller removes the folder when the import does not succeed.
   *
   * @param minNetworkSize GraphHopper's subnetwork removal threshold in edges (0 = keep all); see
   *     {@code carecircle.network.min-network-size}
   * @throws InputRejectedException when GraphHopper cannot read the file, or the file holds no
   *     usable roads
   */
  public static RoadNetwork importOsm(Path osmFile, Path graphHopperFolder, int minNetworkSize,
      ProgressListener listener) {
    PhasedGraphHopper hopper = configure(new PhasedGraphHopper(listener), graphHopperFolder);
    hopper.setOSMFile(osmFile.toAbsolutePath().toString());
    hopper.setMinNetworkSize(minNetworkSize);
    try {
      hopper.importOrLoad();
      listener.step(0.80, "extracting CareCircle's road network");
      Map<TravelMode, Weighting> weightings = new EnumMap<>(TravelMode.class);
      weightings.put(TravelMode.DRIVE, hopper.createWeighting(hopper.getProfile(CAR_PROFILE), new PMap()));
      weightings.put(TravelMode.WALK, hopper.createWeighting(hopper.getProfile(FOOT_PROFILE), new PMap()));
      return RoadNetworkExtractor.extract(hopper.getBaseGraph(), hopper.getEncodingManager(), weightings);
    } finally {
      hopper.close();
    }
  }

  /**
   * Opens the GraphHopper graph an import left in {@code graphHopperFolder}, read-only, for
   * GraphHopper's own routing and isochrones (benchmarks, cross-checks). The caller closes it.
   *
   * @throws IllegalStateException when the folder holds no graph of this configuration
   */
  public static GraphHopper openGraphHopper(Path graphHopperFolder) {
    GraphHopper hopper = configure(new GraphHopper(), graphHopperFolder);
    hopper.setAllowWrites(false);
    if (!hopper.load()) {
      throw new IllegalStateException("no GraphHopper graph in " + graphHopperFolder);
    }
    return hopper;
  }

  private static <T extends GraphHopper> T configure(T hopper, Path graphHopperFolder) {
    hopper.setGraphHopperLocation(graphHopperFolder.toAbsolutePath().toString());
    hopper.setEncodedValuesString(ENCODED_VALUES);
    hopper.setProfiles(
        new Profile(CAR_PROFILE).setCustomModel(GHUtility.loadCustomModelFromJar("car.json")),
        new Profile(FOOT_PROFILE).setCustomModel(GHUtility.loadCustomModelFromJar("foot.json")));
    return hopper;
  }

  /**
   * GraphHopper whose import phases report to a listener. {@code process} runs them in this order:
   * importOSM (both passes over the file: the bulk of the time), postImportOSM (sorting the graph
   * along a Hilbert curve), cleanUp (subnetwork removal), postProcessing (location index) and
   * flush (writing the graph folder).
   */
  private static final class PhasedGraphHopper extends GraphHopper {
    private final ProgressListener listener;

    PhasedGraphHopper(ProgressListener listener) {
      this.listener = listener;
    }

    @Override
    protected void importOSM() {
      listener.step(0.0, "reading the OSM file and building the road graph");
      try {
        super.importOSM();
      } catch (RuntimeException e) {
        // GraphHopper's own message names the file by its server path, which means nothing to
        // the planner; the innermost cause says what is wrong with the data
        throw rejected("the OSM file could not be read; it is damaged or not an OSM file (" + deepestMessage(e) + ")");
      }
      if (getBaseGraph().getEdges() == 0) {
        throw rejected("the OSM file contains no roads that cars or pedestrians may use");
      }
    }

    @Override
    protected void postImportOSM() {
      listener.step(0.55, "sorting the road graph");
      super.postImportOSM();
    }

    @Override
    protected void cleanUp() {
      listener.step(0.60, "removing small disconnected pieces of road");
      try {
        super.cleanUp();
      } catch (IllegalStateException e) {
        // GraphHopper refuses when more than half of the roads would go
        throw rejected("most roads in the file are in small pieces disconnected from each other ("
            + e.getMessage().lines().findFirst().orElse("") + "); is the extract cut oddly?"
            + " Lowering carecircle.network.min-network-size keeps smaller pieces");
      }
    }

    @Override
    protected void postProcessing(boolean closeEarly) {
      listener.step(0.68, "building GraphHopper's location index");
      super.postProcessing(closeEarly);
    }

    @Override
    protected void flush() {
      listener.step(0.74, "saving GraphHopper's graph");
      super.flush();
    }
  }

  private static InputRejectedException rejected(String message) {
    return new InputRejectedException(InputProblem.ofField("file", message));
  }

  private static String deepestMessage(Throwable error) {
    Throwable deepest = error;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    return deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
  }
}
