package org.carecircle.siting;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What both kinds of siting request choose: the model, how many sites and the solver's options.
 * Read by {@link SitingRequestReader#readOptions}; every field may be missing.
 */
public final class SitingChoice {
  @JsonProperty private String model;
  @JsonProperty private Integer p;
  @JsonProperty private String solver;
  @JsonProperty private Double timeLimitSeconds;
  @JsonProperty private Double targetShare;
  @JsonProperty private Boolean backup;
  @JsonProperty private Integer maxP;
  @JsonProperty private Integer curveMaxP;

  /** {@code mclp}, {@code lscp}, {@code pmedian} or {@code pcenter}. */
  public String model() {
    return model;
  }

  /** New sites to open (not LSCP). */
  public Integer p() {
    return p;
  }

  /** {@code heuristic}, {@code exact} or {@code auto} (default). */
  public String solver() {
    return solver;
  }

  /** The exact solver's limit, seconds (default 30, at most {@link SitingRequestReader#MAX_TIME_LIMIT_SECONDS}). */
  public Double timeLimitSeconds() {
    return timeLimitSeconds;
  }

  /** LSCP: share of the coverable weight to cover (default 1). */
  public Double targetShare() {
    return targetShare;
  }

  /** MCLP: maximise backup coverage second (default false). */
  public Boolean backup() {
    return backup;
  }

  /** {@code /api/siting/curve}: the curve's largest p. */
  public Integer maxP() {
    return maxP;
  }

  /** With /solve and /jobs: also answer the curve p = 1 .. curveMaxP (heuristic). */
  public Integer curveMaxP() {
    return curveMaxP;
  }
}
