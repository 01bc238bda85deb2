package org.carecircle.io.crs;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Converts geometries between a planner's coordinate reference system and WGS84
 * longitude/latitude (EPSG:4326, x = longitude, degrees).
 *
 * <p>Accepted codes (case-insensitive, surrounding spaces ignored):
 *
 * <ul>
 *   <li>{@code EPSG:4326}, {@code 4326}, {@code WGS84}, {@code CRS84}: already WGS84, coordinates
 *       are copied;
 *   <li>{@code EPSG:4490}, {@code CGCS2000}: China's geodetic system; also copied unchanged,
 *       because CGCS2000 and WGS84 agree to within a few centimetres, far below what a planning
 *       map can show;
 *   <li>{@code GCJ-02}, {@code GCJ02}: AMap/Tencent coordinates, see {@link ChinaOffset};
 *   <li>{@code BD-09}, {@code BD09}: Baidu coordinates, see {@link ChinaOffset};
 *   <li>any other {@code EPSG:n} (or bare {@code n}, or {@code urn:ogc:def:crs:EPSG::n}) in the
 *       proj4j EPSG database, e.g. {@code EPSG:32650} (UTM 50N), {@code EPSG:3857} (web
 *       Mercator), {@code EPSG:4547} (CGCS2000 3° Gauss-Krüger, central meridian 114°E);
 *   <li>{@code null} or blank: the default, EPSG:4326.
 * </ul>
 *
 * <p>Anything else is an {@link InputRejectedException} with one problem on field {@code crs}.
 *
 * <p>Results: a new geometry of the same type, built on a floating-precision factory whose SRID is
 * 4326 ({@link #toWgs84}) or {@link #srid()} ({@link #fromWgs84}); the input is not modified. Z
 * values are carried over unchanged. Every resulting x and y is finite: a coordinate that cannot
 * be converted (NaN or infinite input, or a point the projection cannot reach) throws {@link
 * IllegalArgumentException} with a message meant for the planner, which the caller turns into a
 * problem for the row. Results are not range-checked: a point given in the wrong CRS can come out
 * finite but absurd (latitude 5000), and deciding that is the caller's job.
 *
 * <p>Instances are immutable and thread-safe; {@link #forCrs} caches them, because building a
 * proj4j CRS reads and parses the EPSG database.
 */
public final class CoordinateTransformer {
  public static final int WGS84_SRID = 4326;

  private static final String WGS84_NAME = "EPSG:4326";
  private static final String CGCS2000_NAME = "EPSG:4490";
  private static final String GCJ02_NAME = "GCJ-02";
  private static final String BD09_NAME = "BD-09";

  private static final Pattern EPSG_CODE =
      Pattern.compile("(?:EPSG\\s*:\\s*|URN:OGC:DEF:CRS:EPSG:[0-9.]*:)?0*([0-9]{1,9})");

  private static final Map<String, CoordinateTransformer> CACHE = new ConcurrentHashMap<>();
  private static final CRSFactory PROJ4J_CRS_FACTORY = new CRSFactory();
  private static final CoordinateTransformFactory PROJ4J_TRANSFORM_FACTORY =
      new CoordinateTransformFactory();

  private final String crsName;
  private final int srid;
  private final PointMapping toWgs84;
  private final PointMapping fromWgs84;
  private final GeometryFactory wgs84Factory;
  private final GeometryFactory crsFactory;

  private CoordinateTransformer(
      String crsName, int srid, PointMapping toWgs84, PointMapping fromWgs84) {
    this.crsName = crsName;
    this.srid = srid;
    this.toWgs84 = toWgs84;
    this.fromWgs84 = fromWgs84;
    this.wgs84Factory = new GeometryFactory(new PrecisionModel(), WGS84_SRID);
    this.crsFactory = new GeometryFactory(new PrecisionModel(), srid);
  }

  /**
   * The transformer for a planner's CRS code (see the class comment for what is accepted).
   *
   * @throws InputRejectedException when the code is malformed or not a known CRS
   */
  public static CoordinateTransformer forCrs(String code) {
    return CACHE.computeIfAbsent(canonicalKey(code), key -> create(key, code));
  }

  /**
   * The canonical spelling of a CRS code: {@code "EPSG:4326"} for {@code "wgs84"}, {@code
   * "GCJ-02"} for {@code "gcj02"}, {@code "EPSG:32650"} for {@code "32650"}.
   *
   * @throws InputRejectedException when the code is malformed or not a known CRS
   */
  public static String canonicalName(String code) {
    return forCrs(code).crsName();
  }

  /** The canonical name of this transformer's CRS, e.g. {@code "EPSG:32650"} or {@code "BD-09"}. */
  public String crsName() {
    return crsName;
  }

  /** The EPSG code of this CRS, or 0 for GCJ-02 and BD-09, which have none. */
  public int srid() {
    return srid;
  }

  /** A copy of {@code geometry} in WGS84 longitude/latitude, SRID 4326. */
  public Geometry toWgs84(Geometry geometry) {
    return convert(geometry, toWgs84, wgs84Factory, crsName, WGS84_NAME);
  }

  /** A copy of a WGS84 longitude/latitude {@code geometry} in this CRS, SRID {@link #srid()}. */
  public Geometry fromWgs84(Geometry geometry) {
    return convert(geometry, fromWgs84, crsFactory, WGS84_NAME, crsName);
  }

  private static Geometry convert(
      Geometry geometry, PointMapping mapping, GeometryFactory factory, String from, String to) {
    Geometry copy = factory.createGeometry(geometry);
    copy.apply(new MappingFilter(mapping, from, to));
    return copy;
  }

  /** Rejects a code of no recognisable shape before it reaches the cache. */
  private static String canonicalKey(String code) {
    if (code == null || code.isBlank()) {
      return WGS84_NAME;
    }
    String upper = code.trim().toUpperCase(Locale.ROOT);
    switch (upper.replaceAll("[\\s_-]", "")) {
      case "WGS84", "CRS84", "OGC:CRS84":
        return WGS84_NAME;
      case "CGCS2000":
        return CGCS2000_NAME;
      case "GCJ02":
        return GCJ02_NAME;
      case "BD09":
        return BD09_NAME;
      default:
        break;
    }
    Matcher epsg = EPSG_CODE.matcher(upper);
    return epsg.matches() ? "EPSG:" + Integer.parseInt(epsg.group(1)) : unknown(code);
  }

  private static CoordinateTransformer create(String canonicalName, String code) {
    return switch (canonicalName) {
      case WGS84_NAME ->
          new CoordinateTransformer(WGS84_NAME, WGS84_SRID, Coordinate::new, Coordinate::new);
      case CGCS2000_NAME ->
          new CoordinateTransformer(CGCS2000_NAME, 4490, Coordinate::new, Coordinate::new);
      case GCJ02_NAME ->
          new CoordinateTransformer(
              GCJ02_NAME, 0, ChinaOffset::gcj02ToWgs84, ChinaOffset::wgs84ToGcj02);
      case BD09_NAME ->
          new CoordinateTransformer(
              BD09_NAME, 0, ChinaOffset::bd09ToWgs84, ChinaOffset::wgs84ToBd09);
      default -> createProj4j(canonicalName, code);
    };
  }

  /** Synchronized because proj4j's EPSG file reader is shared static state of unknown safety. */
  private static synchronized CoordinateTransformer createProj4j(
      String canonicalName, String code) {
    CoordinateReferenceSystem crs;
    CoordinateReferenceSystem wgs84;
    try {
      crs = PROJ4J_CRS_FACTORY.createFromName(canonicalName);
      wgs84 = PROJ4J_CRS_FACTORY.createFromName(WGS84_NAME);
    } catch (Proj4jException e) {
      // proj4j reports both unknown codes and definitions it cannot handle this way
      return unknown(code);
    }
    int srid = Integer.parseInt(canonicalName.substring("EPSG:".length()));
    return new CoordinateTransformer(
        canonicalName,
        srid,
        proj4jMapping(PROJ4J_TRANSFORM_FACTORY.createTransform(crs, wgs84)),
        proj4jMapping(PROJ4J_TRANSFORM_FACTORY.createTransform(wgs84, crs)));
  }

  /**
   * proj4j's transforms keep no per-call state (made so upstream in locationtech/proj4j#29), so
   * one instance serves all threads.
   */
  private static PointMapping proj4jMapping(CoordinateTransform transform) {
    return (x, y) -> {
      ProjCoordinate result = transform.transform(new ProjCoordinate(x, y), new ProjCoordinate());
      return new Coordinate(result.x, result.y);
    };
  }

  private static <T> T unknown(String code) {
    throw new InputRejectedException(
        InputProblem.ofField(
            "crs",
            "unknown coordinate reference system '"
                + code.trim()
                + "': use EPSG:4326 (default), EPSG:4490 (CGCS2000), GCJ-02, BD-09"
                + " or an EPSG code such as EPSG:32650"));
  }

  @FunctionalInterface
  private interface PointMapping {
    Coordinate apply(double x, double y);
  }

  private static final class MappingFilter implements CoordinateSequenceFilter {
    private final PointMapping mapping;
    private final String from;
    private final String to;

    MappingFilter(PointMapping mapping, String from, String to) {
      this.mapping = mapping;
      this.from = from;
      this.to = to;
    }

    @Override
    public void filter(CoordinateSequence sequence, int index) {
      double x = sequence.getX(index);
      double y = sequence.getY(index);
      Coordinate result;
      try {
        result = mapping.apply(x, y);
      } catch (Proj4jException e) {
        throw untransformable(x, y, e);
      }
      if (!Double.isFinite(result.x) || !Double.isFinite(result.y)) {
        throw untransformable(x, y, null);
      }
      sequence.setOrdinate(index, CoordinateSequence.X, result.x);
      sequence.setOrdinate(index, CoordinateSequence.Y, result.y);
    }

    private IllegalArgumentException untransformable(double x, double y, Exception cause) {
      return new IllegalArgumentException(
          "coordinates ("
              + x
              + ", "
              + y
              + ") cannot be converted from "
              + from
              + " to "
              + to
              + "; check that the coordinate system of the data is right",
          cause);
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public boolean isGeometryChanged() {
      return true;
    }
  }
}
