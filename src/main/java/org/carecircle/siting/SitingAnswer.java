package org.carecircle.siting;

import java.util.List;

/**
 * A {@link SitingResult} as JSON: wire names for model, solver and status, and null where the
 * result has NaN (JSON has no NaN).
 */
public record SitingAnswer(String model, String solver, String status, List<String> selected, Double objective,
    Double coveredWeight, Double coveredShare, Integer uncoveredDemandCount, Double backupCoveredWeight,
    Double meanCost, Double maxCost, Double bound, Double gap, double seconds, List<Site> sites,
    PresolveReport presolve, String message) {

  /** A chosen site; marginalGain null when closing it would leave demand without any site. */
  public record Site(String id, Double marginalGain) {}

  public static SitingAnswer of(SitingResult result) {
    boolean cutoff = !Double.isNaN(result.coveredWeight());
    return new SitingAnswer(result.model().wireName(), result.solver().wireName(), result.status().wireName(),
        result.selected(), orNull(result.objective()), orNull(result.coveredWeight()),
        orNull(result.coveredShare()), cutoff ? result.uncoveredDemandCount() : null,
        orNull(result.backupCoveredWeight()), orNull(result.meanCost()), orNull(result.maxCost()),
        orNull(result.bound()), orNull(result.gap()), result.seconds(),
        result.sites().stream().map(s -> new Site(s.id(), orNull(s.marginalGain()))).toList(), result.presolve(),
        result.message());
  }

  /** One point of a coverage curve. */
  public record CurvePoint(int p, Double objective, Double coveredWeight, Double coveredShare, Double meanCost,
      Double maxCost, String status, List<String> selected) {

    public static CurvePoint of(int p, SitingResult result) {
      return new CurvePoint(p, orNull(result.objective()), orNull(result.coveredWeight()),
          orNull(result.coveredShare()), orNull(result.meanCost()), orNull(result.maxCost()),
          result.status().wireName(), result.selected());
    }
  }

  static Double orNull(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
  }
}
