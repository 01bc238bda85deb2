package org.carecircle.io.crs;

import org.locationtech.jts.geom.Coordinate;

/**
 * The offsets that Chinese web maps apply to longitude/latitude: GCJ-02 ("Mars coordinates",
 * used by AMap/Gaode and Tencent) and BD-09 (Baidu, a further shift on top of GCJ-02).
 *
 * <p>All methods take and return degrees, x = longitude, y = latitude, and return a new
 * {@link Coordinate}. The GCJ-02 shift is a few hundred metres; BD-09 adds roughly another
 * kilometre. The formulas are the widely published reconstruction (Krasovsky ellipsoid, a
 * polynomial-plus-sine series in the distance from 105°E 35°N); how closely they follow the map
 * providers' own converters is outside what this class can promise.
 *
 * <p><b>Outside China nothing is shifted</b>: every method returns its input unchanged when the
 * input point lies outside the rectangle 72.004°E–137.8347°E, 0.8293°N–55.8271°N (see {@link
 * #isOutsideChina}), because the providers do not offset points there. The rectangle is the
 * common convention, not a border: it also contains Mongolia, Korea, western Japan (Osaka is
 * inside, Tokyo outside) and much of Southeast Asia, where these methods do shift points.
 *
 * <p>The reverse directions have no closed form; they invert the forward formula by fixed-point
 * iteration until the forward image of the result is within 1e-9
 * degrees (about 0.1 mm) of the input, which takes 2–3 iterations for points in China.
 */
public final class ChinaOffset {
  /** Krasovsky 1940 ellipsoid, semi-major axis: the ellipsoid the GCJ-02 formula is built on. */
  private static final double KRASOVSKY_SEMI_MAJOR_AXIS_METERS = 6378245.0;

  /** Krasovsky 1940 ellipsoid, first eccentricity squared. */
  private static final double KRASOVSKY_ECCENTRICITY_SQUARED = 0.00669342162296594323;

  /** The origin of the GCJ-02 series: distances are measured from 105°E 35°N. */
  private static final double SERIES_ORIGIN_LON_DEGREES = 105.0;

  private static final double SERIES_ORIGIN_LAT_DEGREES = 35.0;

  /** BD-09's angular scale, "x_pi" in the published formula. */
  private static final double BD_X_PI = Math.PI * 3000.0 / 180.0;

  private static final double BD_RADIUS_WAVE_DEGREES = 0.00002;
  private static final double BD_ANGLE_WAVE_RADIANS = 0.000003;
  private static final double BD_LON_SHIFT_DEGREES = 0.0065;
  private static final double BD_LAT_SHIFT_DEGREES = 0.006;

  private static final double INVERSE_TOLERANCE_DEGREES = 1e-9;

  /**
   * Generous: the iteration contracts by a factor of about 100 per step; the cap only guards
   * against the cusp of the series at exactly 105°E, where the residual is already far below the
   * tolerance.
   */
  private static final int INVERSE_MAX_ITERATIONS = 20;

  private ChinaOffset() {}

  /**
   * Whether the providers' convention leaves this point unshifted: longitude outside [72.004,
   * 137.8347] or latitude outside [0.8293, 55.8271] degrees.
   */
  public static boolean isOutsideChina(double lonDegrees, double latDegrees) {
    return lonDegrees < 72.004
        || lonDegrees > 137.8347
        || latDegrees < 0.8293
        || latDegrees > 55.8271;
  }

  /** WGS84 to GCJ-02. */
  public static Coordinate wgs84ToGcj02(double lonDegrees, double latDegrees) {
    if (isOutsideChina(lonDegrees, latDegrees)) {
      return new Coordinate(lonDegrees, latDegrees);
    }
    return gcjForward(lonDegrees, latDegrees);
  }

  /** GCJ-02 to WGS84, by iterative inversion of {@link #wgs84ToGcj02}. */
  public static Coordinate gcj02ToWgs84(double lonDegrees, double latDegrees) {
    if (isOutsideChina(lonDegrees, latDegrees)) {
      return new Coordinate(lonDegrees, latDegrees);
    }
    // the offset varies slowly, so subtracting the offset found at the GCJ point is already
    // within a few metres of the answer
    Coordinate shifted = gcjForward(lonDegrees, latDegrees);
    double startLon = 2 * lonDegrees - shifted.x;
    double startLat = 2 * latDegrees - shifted.y;
    return invert(ChinaOffset::gcjForward, lonDegrees, latDegrees, startLon, startLat);
  }

  /** GCJ-02 to BD-09. */
  public static Coordinate gcj02ToBd09(double lonDegrees, double latDegrees) {
    if (isOutsideChina(lonDegrees, latDegrees)) {
      return new Coordinate(lonDegrees, latDegrees);
    }
    return bdForward(lonDegrees, latDegrees);
  }

  /**
   * BD-09 to GCJ-02. Starts from the published closed-form reverse formula (off by 5–10 cm) and
   * refines it by iterative inversion of {@link #gcj02ToBd09}.
   */
  public static Coordinate bd09ToGcj02(double lonDegrees, double latDegrees) {
    if (isOutsideChina(lonDegrees, latDegrees)) {
      return new Coordinate(lonDegrees, latDegrees);
    }
    double x = lonDegrees - BD_LON_SHIFT_DEGREES;
    double y = latDegrees - BD_LAT_SHIFT_DEGREES;
    double radius = Math.hypot(x, y) - BD_RADIUS_WAVE_DEGREES * Math.sin(y * BD_X_PI);
    double angle = Math.atan2(y, x) - BD_ANGLE_WAVE_RADIANS * Math.cos(x * BD_X_PI);
    return invert(
        ChinaOffset::bdForward,
        lonDegrees,
        latDegrees,
        radius * Math.cos(angle),
        radius * Math.sin(angle));
  }

  /** WGS84 to BD-09: GCJ-02 first, then Baidu's shift. */
  public static Coordinate wgs84ToBd09(double lonDegrees, double latDegrees) {
    Coordinate gcj = wgs84ToGcj02(lonDegrees, latDegrees);
    return gcj02ToBd09(gcj.x, gcj.y);
  }

  /** BD-09 to WGS84: back to GCJ-02 first, then to WGS84. */
  public static Coordinate bd09ToWgs84(double lonDegrees, double latDegrees) {
    Coordinate gcj = bd09ToGcj02(lonDegrees, latDegrees);
    return gcj02ToWgs84(gcj.x, gcj.y);
  }

  /** The GCJ-02 formula without the outside-China test, so that the inversion is continuous. */
  private static Coordinate gcjForward(double lonDegrees, double latDegrees) {
    double x = lonDegrees - SERIES_ORIGIN_LON_DEGREES;
    double y = latDegrees - SERIES_ORIGIN_LAT_DEGREES;
    double latRadians = Math.toRadians(latDegrees);
    double sinLat = Math.sin(latRadians);
    double w = 1 - KRASOVSKY_ECCENTRICITY_SQUARED * sinLat * sinLat;
    // the series yields metres-like values; dividing by the meridian and parallel radii of
    // curvature (times pi/180) turns them into degrees
    double meridianRadiusMeters =
        KRASOVSKY_SEMI_MAJOR_AXIS_METERS
            * (1 - KRASOVSKY_ECCENTRICITY_SQUARED)
            / (w * Math.sqrt(w));
    double parallelRadiusMeters =
        KRASOVSKY_SEMI_MAJOR_AXIS_METERS / Math.sqrt(w) * Math.cos(latRadians);
    double dLatDegrees = latitudeSeries(x, y) * 180.0 / (meridianRadiusMeters * Math.PI);
    double dLonDegrees = longitudeSeries(x, y) * 180.0 / (parallelRadiusMeters * Math.PI);
    return new Coordinate(lonDegrees + dLonDegrees, latDegrees + dLatDegrees);
  }

  private static double latitudeSeries(double x, double y) {
    return -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * Math.sqrt(Math.abs(x))
        + sharedWave(x)
        + (20.0 * sinPi(y) + 40.0 * sinPi(y / 3.0)) * 2.0 / 3.0
        + (160.0 * sinPi(y / 12.0) + 320.0 * sinPi(y / 30.0)) * 2.0 / 3.0;
  }

  private static double longitudeSeries(double x, double y) {
    return 300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * Math.sqrt(Math.abs(x))
        + sharedWave(x)
        + (20.0 * sinPi(x) + 40.0 * sinPi(x / 3.0)) * 2.0 / 3.0
        + (150.0 * sinPi(x / 12.0) + 300.0 * sinPi(x / 30.0)) * 2.0 / 3.0;
  }

  /** The term both series share; it depends on longitude only. */
  private static double sharedWave(double x) {
    return (20.0 * sinPi(6.0 * x) + 20.0 * sinPi(2.0 * x)) * 2.0 / 3.0;
  }

  private static double sinPi(double value) {
    return Math.sin(value * Math.PI);
  }

  private static Coordinate bdForward(double lonDegrees, double latDegrees) {
    double radius =
        Math.hypot(lonDegrees, latDegrees)
            + BD_RADIUS_WAVE_DEGREES * Math.sin(latDegrees * BD_X_PI);
    double angle =
        Math.atan2(latDegrees, lonDegrees) + BD_ANGLE_WAVE_RADIANS * Math.cos(lonDegrees * BD_X_PI);
    return new Coordinate(
        radius * Math.cos(angle) + BD_LON_SHIFT_DEGREES,
        radius * Math.sin(angle) + BD_LAT_SHIFT_DEGREES);
  }

  private interface Forward {
    Coordinate apply(double lonDegrees, double latDegrees);
  }

  /**
   * IMPLEMENTATION NOTE: both forward maps are the identity plus a small, slowly varying shift, so
   * the fixed-point step "move by the residual" contracts quickly; Newton's method would need the
   * Jacobian of the series for no practical gain.
   */
  private static Coordinate invert(
      Forward forward, double targetLon, double targetLat, double startLon, double startLat) {
    double lon = startLon;
    double lat = startLat;
    for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
      Coordinate image = forward.apply(lon, lat);
      double residualLon = image.x - targetLon;
      double residualLat = image.y - targetLat;
      if (Math.abs(residualLon) < INVERSE_TOLERANCE_DEGREES
          && Math.abs(residualLat) < INVERSE_TOLERANCE_DEGREES) {
        break;
      }
      lon -= residualLon;
      lat -= residualLat;
    }
    return new Coordinate(lon, lat);
  }
}
