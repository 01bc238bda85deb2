package org.carecircle.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.analysis.AnalysisLimits;
import org.carecircle.analysis.AnalysisRequestChecker;
import org.carecircle.analysis.AnalysisRules;
import org.carecircle.analysis.CheckedAnalysis;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.network.NetworkService;
import org.carecircle.network.TravelMode;
import org.carecircle.system.CareCircleProperties;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link CoverageRequest} into a {@link CoveragePlan}: the shared fields are checked by
 * {@link AnalysisRequestChecker}, the coverage fields (method, radius, speed, merge) here, and every
 * problem is reported at once with the field it concerns.
 */
@Component
public class CoveragePlanner {
  /** Whether a plan is computed while the client waits, or as a background job (larger limits). */
  public enum Run {
    SYNCHRONOUS(AnalysisLimits.MAX_SYNC_ORIGINS, "/api/coverage-zones/jobs"),
    JOB(AnalysisLimits.MAX_JOB_ORIGINS, null);

    final int maxOrigins;
    final String jobsPath;

    Run(int maxOrigins, String jobsPath) {
      this.maxOrigins = maxOrigins;
      this.jobsPath = jobsPath;
    }
  }

  private final AnalysisRequestChecker checker;
  private final NetworkService networks;
  private final CareCircleProperties.CoverageSettings settings;
  private final ObjectMapper json;

  public CoveragePlanner(AnalysisRequestChecker checker, NetworkService networks, CareCircleProperties properties,
      ObjectMapper json) {
    this.checker = checker;
    this.networks = networks;
    this.settings = properties.coverage();
    this.json = json;
  }

  /**
   * Plans a request answered synchronously (at most {@link AnalysisLimits#MAX_SYNC_ORIGINS} origins).
   *
   * @throws InputRejectedException listing every problem of the request
   */
  public CoveragePlan plan(CoverageRequest request) {
    return plan(request, Run.SYNCHRONOUS);
  }

  /**
   * @param run synchronous or job: bounds the number of origins
   * @throws InputRejectedException listing every problem of the request
   */
  public CoveragePlan plan(CoverageRequest request, Run run) {
    if (request == null) {
      throw AnalysisRequestChecker.emptyBody();
    }
    List<InputProblem> problems = new ArrayList<>();
    CoveragePlan.Method method = parseMethod(request.method(), problems);
    AnalysisRules rules = new AnalysisRules(method != CoveragePlan.Method.RADIUS, true, AnalysisLimits.MAX_BANDS,
        AnalysisRules.Selection.FACILITIES_OR_POINTS, run.maxOrigins, run.jobsPath);
    CheckedAnalysis shared = checker.check(request, rules, problems);
    boolean dissolve = parseMerge(request.merge(), problems);

    Double radiusMeters = request.radiusMeters();
    double speedKmh = 0;
    if (method == CoveragePlan.Method.RADIUS) {
      if (radiusMeters != null) {
        if (!(radiusMeters > 0) || radiusMeters > 200_000) {
          problems.add(InputProblem.ofField("radiusMeters", "radiusMeters must be more than 0 and at most 200000"));
        } else if (request.minutes() != null && request.minutes().size() > 1) {
          problems.add(InputProblem.ofField("radiusMeters", "a fixed radiusMeters fits one band only; give one minutes value, or speedKmh for several bands"));
        }
      }
      if (request.speedKmh() != null) {
        speedKmh = request.speedKmh();
        if (!(speedKmh > 0) || speedKmh > 200) {
          problems.add(InputProblem.ofField("speedKmh", "speedKmh must be more than 0 and at most 200"));
        }
      } else if (shared != null) {
        TravelMode mode = shared.mode();
        speedKmh = mode == TravelMode.WALK ? settings.walkRadiusSpeedKmh() : settings.driveRadiusSpeedKmh()
            * (mode == TravelMode.AMBULANCE ? networks.ambulanceSpeedFactor() : 1.0);
      }
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = json.convertValue(request, LinkedHashMap.class);
    parameters.values().removeIf(java.util.Objects::isNull);
    return new CoveragePlan(shared.networkId(), shared.origins(), shared.mode(), shared.minutes(), method,
        method == CoveragePlan.Method.RADIUS ? radiusMeters : null, speedKmh, shared.turnoutMinutes(), dissolve,
        parameters);
  }

  private static CoveragePlan.Method parseMethod(String method, List<InputProblem> problems) {
    if (method == null || method.isBlank() || method.equalsIgnoreCase("network")) {
      return CoveragePlan.Method.NETWORK;
    }
    if (method.equalsIgnoreCase("radius")) {
      return CoveragePlan.Method.RADIUS;
    }
    problems.add(InputProblem.ofField("method", "unknown method '" + method + "'; expected network or radius"));
    return null;
  }

  private static boolean parseMerge(String merge, List<InputProblem> problems) {
    if (merge == null || merge.isBlank() || merge.equalsIgnoreCase("none")) {
      return false;
    }
    if (merge.equalsIgnoreCase("dissolve")) {
      return true;
    }
    problems.add(InputProblem.ofField("merge", "unknown merge '" + merge + "'; expected none or dissolve"));
    return false;
  }
}
