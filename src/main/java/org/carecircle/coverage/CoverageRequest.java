package org.carecircle.coverage;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.carecircle.analysis.AnalysisRequest;

/**
 * A planner's request for coverage zones, as sent to {@code POST /api/coverage-zones}: the shared
 * analysis fields (network, mode, minutes as bands, turnout, facilityIds / facilityFilter / points)
 * and these. Every field may be missing; {@link CoveragePlanner} checks them all and names each bad one.
 */
public final class CoverageRequest extends AnalysisRequest {
  @JsonProperty private String method;
  @JsonProperty private Double radiusMeters;
  @JsonProperty private Double speedKmh;
  @JsonProperty private String merge;

  /** {@code network} (default) or {@code radius}. */
  public String method() {
    return method;
  }

  /** Radius method: a fixed radius in metres as standards state it (one band only). */
  public Double radiusMeters() {
    return radiusMeters;
  }

  /** Radius method: radius = speed x minutes; default per mode. */
  public Double speedKmh() {
    return speedKmh;
  }

  /** {@code none} (one zone per origin and band, default) or {@code dissolve} (one zone per band). */
  public String merge() {
    return merge;
  }
}
