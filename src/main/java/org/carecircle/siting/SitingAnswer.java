package org.carecircle.siting;

import org.carecircle.siting.solver.PresolveReport;
import org.carecircle.siting.solver.SitingResult;
import java.util.List;

/**
 * A {@link SitingResult} as JSON: wire names for model, solver and status, and null where the
 * result has NaN (JSON has no NaN). Network problems add {@code network} (sites' positions,
 * before/after coverage; costs are minutes) and a {@code resultId} under which the run is stored;
 * {@code curve} is there when the request asked for it.
 */
public record SitingAnswer(String model, String solver, String status, List<String> selected, Double objective,
    Double coveredWeight, Double coveredShare, Integer uncoveredDemandCount, Double backupCoveredWeight,
    Double meanCost, Double maxCost, Double bound, Double gap, double seconds, List<Site> sites,
    PresolveReport presolve, String message, Long resultId, NetworkSitingReport network, List<CurvePoint> curve) {

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
        result.message(), null, null, null);
  }

  /** This answer with a network report and curve; {@code totalSeconds} replaces the solve's seconds. */
  public SitingAnswer withNetwork(NetworkSitingReport report, List<CurvePoint> curvePoints, double totalSeconds) {
    return new SitingAnswer(model, solver, status, selected, objective, coveredWeight, coveredShare,
        uncoveredDemandCount, backupCoveredWeight, meanCost, maxCost, bound, gap, totalSeconds, sites, presolve,
        message, resultId, report, curvePoints);
  }

  /** This answer with a curve. */
  public SitingAnswer withCurve(List<CurvePoint> curvePoints) {
    return new SitingAnswer(model, solver, status, selected, objective, coveredWeight, coveredShare,
        uncoveredDemandCount, backupCoveredWeight, meanCost, maxCost, bound, gap, seconds, sites, presolve,
        message, resultId, network, curvePoints);
  }

  /** This answer as stored under {@code id}. */
  public SitingAnswer withResultId(long id) {
    return new SitingAnswer(model, solver, status, selected, objective, coveredWeight, coveredShare,
        uncoveredDemandCount, backupCoveredWeight, meanCost, maxCost, bound, gap, seconds, sites, presolve,
        message, id, network, curve);
  }

  /** One point of a coverage curve. */
  public record CurvePoint(int p, Double objective, Double coveredWeight, Double coveredShare, Double meanCost,
      Double maxCost, String status, List<String> selected) {

    public static CurvePoint of(int p, SitingResult result) {
      return new CurvePoint(p, orNull(result.objective()), orNull(result.coveredWeight()),
          orNull(result.coveredShare()), orNull(result.meanCost()), orNull(result.maxCost()),
          result.status().wireName(), result.selected());
    }

    /** The points of a curve whose k-th result is for p = k + 1. */
    public static List<CurvePoint> all(List<SitingResult> results) {
      List<CurvePoint> points = new java.util.ArrayList<>();
      for (int k = 0; k < results.size(); k++) {
        points.add(of(k + 1, results.get(k)));
      }
      return points;
    }
  }

  static Double orNull(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
  }
}
