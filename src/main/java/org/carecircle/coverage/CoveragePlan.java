package org.carecircle.coverage;

import org.carecircle.analysis.AnalysisOrigin;
import java.util.List;
import java.util.Map;
import org.carecircle.network.TravelMode;

/**
 * A checked coverage request, ready to compute.
 *
 * @param networkId the road network, or null (radius method only)
 * @param origins at least one
 * @param mode travel mode
 * @param minutes the bands, ascending, distinct, each in (0, 180]
 * @param method network or radius
 * @param radiusMeters radius method with a fixed radius (one band), else null
 * @param speedKmh radius method without a fixed radius: the speed behind radius = speed x time
 * @param turnoutMinutes time before departure, in [0, smallest band)
 * @param dissolve one zone per band for all origins together
 * @param parameters the request as given, kept with the zones
 */
public record CoveragePlan(
    Long networkId,
    List<AnalysisOrigin> origins,
    TravelMode mode,
    double[] minutes,
    Method method,
    Double radiusMeters,
    double speedKmh,
    double turnoutMinutes,
    boolean dissolve,
    Map<String, Object> parameters) {

  /** How zones are drawn. */
  public enum Method {
    NETWORK,
    RADIUS
  }

  /** The radius of a band for the radius method, metres. */
  public double radiusMeters(double bandMinutes) {
    if (radiusMeters != null) {
      return radiusMeters;
    }
    return speedKmh / 3.6 * (bandMinutes - turnoutMinutes) * 60;
  }
}
