package org.carecircle.analysis;

/**
 * What one analysis accepts of the shared request fields; the checks and their wording stay in
 * {@link AnalysisRequestChecker}.
 *
 * @param networkRequired false only where the analysis can run without roads (coverage by radius);
 *     the network is then not looked at
 * @param minutesRequired whether {@code minutes} must be given
 * @param maxBands most values {@code minutes} may have (1: a single standard)
 * @param selection which facility selection the analysis starts from
 * @param maxOrigins most facilities or points selected
 * @param jobsPath where a request over {@code maxOrigins} can go instead (a {@code /jobs}
 *     endpoint with a larger limit), or null when there is none
 */
public record AnalysisRules(boolean networkRequired, boolean minutesRequired, int maxBands, Selection selection,
    int maxOrigins, String jobsPath) {

  /** The facility selections an analysis accepts. */
  public enum Selection {
    /** facilityIds, facilityFilter or points: exactly one. */
    FACILITIES_OR_POINTS,
    /** facilityIds or facilityFilter: exactly one; points are refused. */
    FACILITIES,
    /** The analysis selects facilities in its own fields; the shared ones are refused. */
    NONE
  }

  /** These rules with another selection. */
  public AnalysisRules withSelection(Selection other) {
    return new AnalysisRules(networkRequired, minutesRequired, maxBands, other, maxOrigins, jobsPath);
  }

  /** These rules with or without a required network. */
  public AnalysisRules withNetworkRequired(boolean required) {
    return new AnalysisRules(required, minutesRequired, maxBands, selection, maxOrigins, jobsPath);
  }

  /** These rules with another origin limit and jobs endpoint. */
  public AnalysisRules withMaxOrigins(int max, String jobs) {
    return new AnalysisRules(networkRequired, minutesRequired, maxBands, selection, max, jobs);
  }
}
