package org.carecircle.coverage;

import java.util.List;

/**
 * A planner's request for coverage zones, as sent to {@code POST /api/coverage-zones}. Every field
 * may be missing; {@link CoveragePlanner} checks them all and names each bad one.
 *
 * @param networkId the road network (required for the network method)
 * @param facilityIds the facilities, or
 * @param facilityFilter the facilities of these types and statuses, or
 * @param points ad-hoc points {@code [[lon, lat], ...]} (WGS84)
 * @param mode walk, drive or ambulance
 * @param minutes travel-time bands, each in (0, 180]
 * @param method network (default) or radius
 * @param radiusMeters radius method: a fixed radius as standards state it (one band only)
 * @param speedKmh radius method: radius = speed x minutes (default per mode)
 * @param turnoutMinutes time before departure, taken off every band (default 0)
 * @param merge none (one zone per origin and band, default) or dissolve (one zone per band)
 */
public record CoverageRequest(
    Long networkId,
    List<Long> facilityIds,
    FacilityFilter facilityFilter,
    List<List<Double>> points,
    String mode,
    List<Double> minutes,
    String method,
    Double radiusMeters,
    Double speedKmh,
    Double turnoutMinutes,
    String merge) {

  /** Facility types (codes or names) and statuses; empty lists mean any. */
  public record FacilityFilter(List<String> types, List<String> statuses) {}
}
