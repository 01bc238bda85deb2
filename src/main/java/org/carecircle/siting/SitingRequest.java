package org.carecircle.siting;

import java.util.List;

/**
 * A siting request with an explicit cost matrix, as posted to {@code /api/siting/solve},
 * {@code /api/siting/jobs} and {@code /api/siting/curve}.
 *
 * @param model {@code mclp}, {@code lscp}, {@code pmedian} or {@code pcenter}
 * @param p new sites (not LSCP)
 * @param cutoff the covering models' cutoff, in the costs' unit
 * @param solver {@code heuristic}, {@code exact} or {@code auto} (default)
 * @param timeLimitSeconds the exact solver's limit (default 30, at most {@link SitingRequestReader#MAX_TIME_LIMIT_SECONDS})
 * @param targetShare LSCP: share of the coverable weight to cover (default 1)
 * @param backup MCLP: maximise backup coverage second (default false)
 * @param maxP the curve's largest p
 * @param demand demand points: id and weight
 * @param candidates candidate sites: id and whether already open
 * @param costs one row per candidate-demand pair; pairs left out are missing (allowed for the
 *     covering models only)
 */
public record SitingRequest(String model, Integer p, Double cutoff, String solver, Double timeLimitSeconds,
    Double targetShare, Boolean backup, Integer maxP, List<DemandRow> demand, List<CandidateRow> candidates,
    List<CostRow> costs) {

  /** A demand point; weight in people (or any additive measure). */
  public record DemandRow(String id, Double weight) {}

  /** A candidate site; {@code fixed} = already open (default false). */
  public record CandidateRow(String id, Boolean fixed) {}

  /** The cost from a candidate to a demand point, in the request's one unit. */
  public record CostRow(String candidate, String demand, Double cost) {}
}
