package org.carecircle.siting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.network.NetworkLocator;
import org.carecircle.network.SnappedPoint;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Candidate sites generated on the road network at a spacing: a square lattice of {@code
 * spacingMeters} over an area, each lattice point moved onto the nearest road of the travel mode
 * (when one lies within half the spacing), keeping a site only when no kept site lies within half
 * the spacing and it is outside every excluded area.
 *
 * <p>IMPLEMENTATION NOTE: snapping a lattice rather than stepping along every road keeps the
 * sites evenly spread over the area, whatever the road density: stepping along roads puts ten
 * times more sites into a dense old town than into a suburb of the same size, and the solvers'
 * time grows with the number of sites. A lattice point with no road within half the spacing
 * (a park, a lake, a field) gives no site. Sites are numbered in lattice order, south to north,
 * then west to east, so the same request gives the same ids.
 *
 * <p>Distances use a local equirectangular approximation around the area's centre (good to a
 * fraction of a percent over a city), which is ample for spacing sites.
 */
public final class CandidateGridGenerator {
  /** Below this a city gets tens of thousands of sites; planners place stations, not bus stops. */
  public static final double MIN_SPACING_METERS = 100;
  /** Above this a city gets a handful of sites. */
  public static final double MAX_SPACING_METERS = 20_000;
  /** More sites than this make the searches and the solve too long for a planner's wait. */
  public static final int MAX_SITES = 5_000;
  /**
   * Most lattice points tried: a snap costs microseconds, and on a sparse rural network only one
   * lattice point in eight or ten finds a road (Heidelberg's region: 5,000 sites need about
   * 45,000 points), so the bound is on the sites, this one only guards against absurd areas.
   */
  public static final long MAX_LATTICE_POINTS = 20L * MAX_SITES;
  private static final double METERS_PER_DEGREE_LAT = 111_320;
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private CandidateGridGenerator() {}

  /**
   * A generated site on the road.
   *
   * @param id "site-1", "site-2", ... in lattice order
   * @param lon WGS84 longitude of the road point, degrees
   * @param lat WGS84 latitude of the road point, degrees
   */
  public record Site(String id, double lon, double lat) {}

  /**
   * @param sites the kept sites
   * @param latticePoints lattice points tried
   * @param offRoad lattice points without a road within half the spacing
   * @param excluded sites dropped because they lie in an excluded area
   * @param tooClose sites dropped because a kept site lies within half the spacing
   */
  public record Result(List<Site> sites, int latticePoints, int offRoad, int excluded, int tooClose) {}

  /**
   * Generates sites.
   *
   * @param locator snaps onto the roads the stations' vehicles use
   * @param area WGS84 envelope to cover (typically where the population lives)
   * @param spacingMeters the lattice spacing, in [{@value #MIN_SPACING_METERS}, {@value #MAX_SPACING_METERS}]
   * @param excluded WGS84 areas where no station may go (polygons), or null
   * @throws IllegalArgumentException when the spacing is out of range or the lattice would have
   *     more than {@link #MAX_LATTICE_POINTS} points (the caller checks this first with {@link
   *     #latticePointCount})
   */
  public static Result generate(NetworkLocator locator, Envelope area, double spacingMeters, Geometry excluded) {
    if (!(spacingMeters >= MIN_SPACING_METERS && spacingMeters <= MAX_SPACING_METERS)) {
      throw new IllegalArgumentException("spacing out of range: " + spacingMeters);
    }
    long count = latticePointCount(area, spacingMeters);
    if (count > MAX_LATTICE_POINTS) {
      throw new IllegalArgumentException("the lattice would have " + count + " points");
    }
    double centreLat = (area.getMinY() + area.getMaxY()) / 2;
    double metersPerDegreeLon = METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(centreLat));
    double stepLon = spacingMeters / metersPerDegreeLon;
    double stepLat = spacingMeters / METERS_PER_DEGREE_LAT;
    int columns = (int) Math.floor(area.getWidth() / stepLon) + 1;
    int rows = (int) Math.floor(area.getHeight() / stepLat) + 1;
    // centre the lattice on the area so that its margins are equal on both sides
    double lon0 = area.getMinX() + (area.getWidth() - (columns - 1) * stepLon) / 2;
    double lat0 = area.getMinY() + (area.getHeight() - (rows - 1) * stepLat) / 2;
    PreparedGeometry excludedArea = excluded == null || excluded.isEmpty() ? null
        : PreparedGeometryFactory.prepare(excluded);
    double half = spacingMeters / 2;
    // kept sites hashed by cells of half the spacing: a site within half the spacing of a kept
    // one lies in the same or a neighbouring cell
    Map<Long, List<double[]>> kept = new HashMap<>();
    List<Site> sites = new ArrayList<>();
    int offRoad = 0;
    int excludedCount = 0;
    int tooClose = 0;
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        double lon = lon0 + column * stepLon;
        double lat = lat0 + row * stepLat;
        SnappedPoint snap = locator.snap(lon, lat, half).orElse(null);
        if (snap == null) {
          offRoad++;
          continue;
        }
        if (excludedArea != null && excludedArea.covers(WGS84.createPoint(new Coordinate(snap.lon(), snap.lat())))) {
          excludedCount++;
          continue;
        }
        double x = (snap.lon() - lon0) * metersPerDegreeLon;
        double y = (snap.lat() - lat0) * METERS_PER_DEGREE_LAT;
        if (hasNeighbourWithin(kept, x, y, half)) {
          tooClose++;
          continue;
        }
        kept.computeIfAbsent(key(Math.floorDiv((long) Math.floor(x), (long) half),
            Math.floorDiv((long) Math.floor(y), (long) half)), k -> new ArrayList<>()).add(new double[] {x, y});
        sites.add(new Site("site-" + (sites.size() + 1), snap.lon(), snap.lat()));
      }
    }
    return new Result(List.copyOf(sites), rows * columns, offRoad, excludedCount, tooClose);
  }

  /** How many lattice points {@link #generate} would try. */
  public static long latticePointCount(Envelope area, double spacingMeters) {
    double centreLat = (area.getMinY() + area.getMaxY()) / 2;
    double widthMeters = area.getWidth() * METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(centreLat));
    double heightMeters = area.getHeight() * METERS_PER_DEGREE_LAT;
    return ((long) Math.floor(widthMeters / spacingMeters) + 1) * ((long) Math.floor(heightMeters / spacingMeters) + 1);
  }

  private static boolean hasNeighbourWithin(Map<Long, List<double[]>> kept, double x, double y, double radius) {
    long cx = Math.floorDiv((long) Math.floor(x), (long) radius);
    long cy = Math.floorDiv((long) Math.floor(y), (long) radius);
    for (long dx = -1; dx <= 1; dx++) {
      for (long dy = -1; dy <= 1; dy++) {
        List<double[]> cell = kept.get(key(cx + dx, cy + dy));
        if (cell == null) {
          continue;
        }
        for (double[] p : cell) {
          double ex = p[0] - x;
          double ey = p[1] - y;
          if (ex * ex + ey * ey < radius * radius) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static long key(long cx, long cy) {
    return (cx << 32) ^ (cy & 0xffffffffL);
  }
}
