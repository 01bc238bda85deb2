package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locator's reach mask (the cheap "no road within the limit" answer) changes nothing: on the
 * Rhein-Neckar network around Heidelberg, where most of the bbox is fields, forest and the river,
 * {@link NetworkLocator#snap} and the ring search alone ({@link NetworkLocator#searchRings}) give
 * the same answer for every point of a 200 m grid over the bbox (and 2 km beyond), for several
 * limits and both modes; and most points without a road in reach are answered without a search.
 */
class NetworkLocatorReachMaskTest {
  private static final double GRID_METERS = 200;
  private static final double BEYOND_DEGREES = 0.03;

  @TempDir static Path folder;
  static RoadNetwork network;

  @BeforeAll
  static void importHeidelberg() {
    network = NetworkImporter.importOsm(SharedGeodata.file("heidelberg/heidelberg.osm.pbf"),
        folder.resolve("graphhopper"), 200, (fraction, message) -> {});
  }

  @Test
  void snapAgreesWithTheRingSearchAloneEverywhere() {
    BoundingBox bbox = BoundingBox.of(network);
    double stepLat = GRID_METERS / NetworkLocator.METERS_PER_DEGREE;
    double stepLon = stepLat / Math.cos(Math.toRadians((bbox.minLat() + bbox.maxLat()) / 2));
    for (TravelMode mode : new TravelMode[] {TravelMode.WALK, TravelMode.DRIVE}) {
      NetworkLocator locator = NetworkLocator.build(network, network.modeGraph(mode));
      for (double limitMeters : new double[] {50, 300, 1000, 5000}) {
        int points = 0;
        int snapped = 0;
        int rejectedWithoutSearch = 0;
        for (double lat = bbox.minLat() - BEYOND_DEGREES; lat <= bbox.maxLat() + BEYOND_DEGREES; lat += stepLat) {
          for (double lon = bbox.minLon() - BEYOND_DEGREES; lon <= bbox.maxLon() + BEYOND_DEGREES; lon += stepLon) {
            Optional<SnappedPoint> fast = locator.snap(lon, lat, limitMeters);
            Optional<SnappedPoint> rings = locator.searchRings(lon, lat, limitMeters);
            assertThat(fast).as("%s, limit %.0f m, point (%.6f, %.6f)", mode, limitMeters, lon, lat).isEqualTo(rings);
            points++;
            snapped += fast.isPresent() ? 1 : 0;
            rejectedWithoutSearch += locator.rejectedWithoutSearch(lon, lat, limitMeters) ? 1 : 0;
          }
        }
        System.out.printf("Heidelberg %s, limit %.0f m: %,d points, %,d snapped, %,d rejected without a search%n",
            mode.code(), limitMeters, points, snapped, rejectedWithoutSearch);
        assertThat(snapped).as("some points are near a road").isGreaterThan(points / 20);
        // the mask overstates the reach by about a fifth of the limit: most points without a road are
        // answered by it (or by the bbox) with no search. Not so at 5 km: the mask covers the bbox
        // only, and every point of the 2-3 km band beyond the bbox is within 5 km of it.
        if (limitMeters <= 1000) {
          assertThat(rejectedWithoutSearch).as("%s, limit %.0f m", mode, limitMeters)
              .isGreaterThan((points - snapped) * 3 / 4);
        }
      }
    }
  }
}
