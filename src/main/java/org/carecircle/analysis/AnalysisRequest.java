package org.carecircle.analysis;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fields every network analysis request shares, as posted in JSON. An analysis extends this
 * class with its own fields and inherits these; every field may be missing, and {@link
 * AnalysisRequestChecker} checks them all in one place, naming each bad one.
 *
 * <p>The facility selection is one of {@code facilityIds}, {@code facilityFilter} or {@code
 * points}; an analysis says which of them it accepts ({@link AnalysisRules.Selection}).
 */
public class AnalysisRequest {
  @JsonProperty private Long networkId;
  @JsonProperty private String mode;
  @JsonProperty
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
  private List<Double> minutes;
  @JsonProperty private Double turnoutMinutes;
  @JsonProperty private List<Long> facilityIds;
  @JsonProperty private FacilityFilter facilityFilter;
  @JsonProperty private List<List<Double>> points;

  /** The stored road network to search on. */
  public Long networkId() {
    return networkId;
  }

  /** {@code walk}, {@code drive} or {@code ambulance}. */
  public String mode() {
    return mode;
  }

  /**
   * Travel-time thresholds, minutes, each in (0, {@link AnalysisLimits#MAX_MINUTES}]: coverage
   * bands, accessibility thresholds, or siting's one response-time standard (a single number is
   * read as a list of one).
   */
  public List<Double> minutes() {
    return minutes;
  }

  /** Minutes between the call and departure, taken off every threshold; null means 0. */
  public Double turnoutMinutes() {
    return turnoutMinutes;
  }

  /** Registry facilities by id. */
  public List<Long> facilityIds() {
    return facilityIds;
  }

  /** Registry facilities by type and status (status default: existing). */
  public FacilityFilter facilityFilter() {
    return facilityFilter;
  }

  /** Ad-hoc points {@code [[lon, lat], ...]}, WGS84 degrees. */
  public List<List<Double>> points() {
    return points;
  }

  /** Sets the shared fields in code (tests and internal callers; JSON sets them by itself). */
  public AnalysisRequest withShared(Long networkId, String mode, List<Double> minutes, Double turnoutMinutes,
      List<Long> facilityIds, FacilityFilter facilityFilter, List<List<Double>> points) {
    this.networkId = networkId;
    this.mode = mode;
    this.minutes = minutes;
    this.turnoutMinutes = turnoutMinutes;
    this.facilityIds = facilityIds;
    this.facilityFilter = facilityFilter;
    this.points = points;
    return this;
  }
}
