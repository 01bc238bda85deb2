package org.carecircle.siting;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * A siting problem given as an explicit cost matrix: demand points with weights, candidate sites
 * (some already open) and the cost of every pair in one unit of the caller's choice (metres or
 * seconds). Checked by {@link SitingRequestReader}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class MatrixSitingRequest implements SitingRequest {
  @JsonUnwrapped private SitingChoice choice = new SitingChoice();
  @JsonProperty private Double cutoff;
  @JsonProperty private List<DemandRow> demand;
  @JsonProperty private List<CandidateRow> candidates;
  @JsonProperty private List<CostRow> costs;

  @Override
  public SitingChoice choice() {
    return choice;
  }

  /** The covering models' cutoff, in the costs' unit. */
  public Double cutoff() {
    return cutoff;
  }

  /** Demand points, id and weight. */
  public List<DemandRow> demand() {
    return demand;
  }

  /** Candidate ids and whether already open. */
  public List<CandidateRow> candidates() {
    return candidates;
  }

  /**
   * One row per candidate-demand pair; pairs left out are missing (allowed for the covering models
   * only).
   */
  public List<CostRow> costs() {
    return costs;
  }
}
