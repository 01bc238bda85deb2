package org.carecircle.siting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.carecircle.analysis.AnalysisRequest;
import org.carecircle.analysis.FacilitySelection;

/**
 * A siting problem on a road network: the shared analysis fields ({@code networkId}, {@code mode},
 * {@code minutes} as the one response-time standard with turnout included, {@code turnoutMinutes})
 * plus the candidates and the stations already open. Demand is the stored population; costs are
 * response minutes. Checked by {@link NetworkSitingPlanner}; the shared facility fields
 * ({@code facilityIds}, {@code facilityFilter}, {@code points}) are not taken: siting names its
 * facilities in {@code candidateFacilities} and {@code fixedFacilities}.
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
public final class NetworkSitingRequest extends AnalysisRequest implements SitingRequest {
  @JsonUnwrapped private SitingChoice choice = new SitingChoice();
  @JsonProperty private List<CandidateRow> candidates;
  @JsonProperty private CandidateGrid candidateGrid;
  @JsonProperty private FacilitySelection candidateFacilities;
  @JsonProperty private FacilitySelection fixedFacilities;
  @JsonProperty private Integer maxDemandPoints;
  /** Matrix fields the body also had (set by {@link SitingRequest.KindReader}); a mistake to report. */
  @JsonIgnore List<String> matrixFieldsGiven = List.of();

  @Override
  public SitingChoice choice() {
    return choice;
  }

  /** Candidate points (id, lon, lat, optionally fixed), instead of a grid or registry facilities. */
  public List<CandidateRow> candidates() {
    return candidates;
  }

  /** Generate candidates on the roads. */
  public CandidateGrid candidateGrid() {
    return candidateGrid;
  }

  /**
   * Registry facilities as candidates, by ids or by types and statuses (statuses default to {@code
   * candidate}): sites the planner imported or added on the map.
   */
  public FacilitySelection candidateFacilities() {
    return candidateFacilities;
  }

  /**
   * Registry facilities already open (they serve demand and are never moved); statuses default to
   * existing (add {@code planned} to count planned facilities as open too).
   */
  public FacilitySelection fixedFacilities() {
    return fixedFacilities;
  }

  /**
   * p-median and p-center: merge population cells onto squares above this many demand points
   * (default {@link NetworkSitingPlanner#DEFAULT_MAX_DEMAND_POINTS}). The covering models (mclp,
   * lscp) take every cell and merge only cells with the same covering set, which loses nothing.
   */
  public Integer maxDemandPoints() {
    return maxDemandPoints;
  }
}
