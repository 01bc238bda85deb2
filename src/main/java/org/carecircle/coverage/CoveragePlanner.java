package org.carecircle.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.facility.Facility;
import org.carecircle.facility.FacilityQuery;
import org.carecircle.facility.FacilityService;
import org.carecircle.network.NetworkService;
import org.carecircle.network.TravelMode;
import org.carecircle.system.CareCircleProperties;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link CoverageRequest} and turns it into a {@link CoveragePlan}, collecting every
 * problem with the field it concerns (e.g. {@code minutes[2]}), so that the planner can fix the
 * form in one go.
 */
@Component
public class CoveragePlanner {
  /** Longest band accepted: three hours is beyond any planning standard for health services. */
  public static final double MAX_MINUTES = 180;
  /**
   * Most bands in one request: a band is one contour pass over the whole raster, and no planning
   * standard needs more than a few (5, 10, 15, 30 minutes); 24 allows every 5 minutes up to two hours.
   */
  public static final int MAX_BANDS = 24;
  /**
   * Most origins (facilities or points) answered synchronously: one zone set costs about 2 ms per
   * origin and band on a city network (20,000 points took 43 s), so 1,000 keeps a request within a
   * few seconds; larger requests go to {@code POST /api/coverage-zones/jobs}.
   */
  public static final int MAX_SYNC_ORIGINS = 1_000;
  /** Most origins of a coverage job: 50,000 is every facility of a large province; beyond it, split the request. */
  public static final int MAX_JOB_ORIGINS = 50_000;
  private static final String JOB_ADVICE = "; send the same request to POST /api/coverage-zones/jobs, which runs"
      + " it in the background with progress";

  /** Whether a plan is computed while the client waits, or as a background job (larger limits). */
  public enum Run {
    SYNCHRONOUS(MAX_SYNC_ORIGINS),
    JOB(MAX_JOB_ORIGINS);

    final int maxOrigins;

    Run(int maxOrigins) {
      this.maxOrigins = maxOrigins;
    }
  }

  private final FacilityService facilities;
  private final NetworkService networks;
  private final CareCircleProperties.CoverageSettings settings;
  private final ObjectMapper json;

  public CoveragePlanner(FacilityService facilities, NetworkService networks,
      CareCircleProperties properties, ObjectMapper json) {
    this.facilities = facilities;
    this.networks = networks;
    this.settings = properties.coverage();
    this.json = json;
  }

  /**
   * Plans a request answered synchronously (at most {@link #MAX_SYNC_ORIGINS} origins).
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
    List<InputProblem> problems = new ArrayList<>();
    if (request == null) {
      throw new InputRejectedException(InputProblem.ofField("body", "the request body is empty"));
    }
    CoveragePlan.Method method = parseMethod(request.method(), problems);
    TravelMode mode = null;
    if (request.mode() == null || request.mode().isBlank()) {
      problems.add(InputProblem.ofField("mode", "mode is required: walk, drive or ambulance"));
    } else {
      mode = TravelMode.parse(request.mode()).orElse(null);
      if (mode == null) {
        problems.add(InputProblem.ofField("mode", "unknown mode '" + request.mode() + "'; expected walk, drive or ambulance"));
      }
    }
    double[] minutes = parseMinutes(request.minutes(), problems);
    double turnout = request.turnoutMinutes() == null ? 0 : request.turnoutMinutes();
    if (!(turnout >= 0) || Double.isInfinite(turnout)) {
      problems.add(InputProblem.ofField("turnoutMinutes", "turnoutMinutes must be 0 or more"));
    } else if (minutes != null && turnout >= minutes[0]) {
      problems.add(InputProblem.ofField("turnoutMinutes", "turnoutMinutes (" + plain(turnout)
          + ") must be less than the smallest band (" + plain(minutes[0]) + " minutes): nothing would be left to travel"));
    }
    boolean dissolve = parseMerge(request.merge(), problems);

    Long networkId = request.networkId();
    if (method == CoveragePlan.Method.NETWORK) {
      if (networkId == null) {
        problems.add(InputProblem.ofField("networkId", "networkId is required for the network method; import a road network first (POST /api/networks/import)"));
      } else {
        try {
          networks.get(networkId);
        } catch (NotFoundException e) {
          problems.add(InputProblem.ofField("networkId", "there is no road network with id " + networkId));
        }
      }
    }

    Double radiusMeters = request.radiusMeters();
    double speedKmh = 0;
    if (method == CoveragePlan.Method.RADIUS) {
      if (radiusMeters != null) {
        if (!(radiusMeters > 0) || radiusMeters > 200_000) {
          problems.add(InputProblem.ofField("radiusMeters", "radiusMeters must be more than 0 and at most 200000"));
        } else if (minutes != null && minutes.length > 1) {
          problems.add(InputProblem.ofField("radiusMeters", "a fixed radiusMeters fits one band only; give one minutes value, or speedKmh for several bands"));
        }
      }
      if (request.speedKmh() != null) {
        speedKmh = request.speedKmh();
        if (!(speedKmh > 0) || speedKmh > 200) {
          problems.add(InputProblem.ofField("speedKmh", "speedKmh must be more than 0 and at most 200"));
        }
      } else if (mode != null) {
        speedKmh = mode == TravelMode.WALK ? settings.walkRadiusSpeedKmh() : settings.driveRadiusSpeedKmh()
            * (mode == TravelMode.AMBULANCE ? networks.ambulanceSpeedFactor() : 1.0);
      }
    }

    List<CoverageOrigin> origins = origins(request, run, problems);
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = json.convertValue(request, LinkedHashMap.class);
    parameters.values().removeIf(java.util.Objects::isNull);
    return new CoveragePlan(method == CoveragePlan.Method.NETWORK ? networkId : null, origins, mode, minutes,
        method, method == CoveragePlan.Method.RADIUS ? radiusMeters : null, speedKmh, turnout, dissolve, parameters);
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

  private static double[] parseMinutes(List<Double> minutes, List<InputProblem> problems) {
    if (minutes == null || minutes.isEmpty()) {
      problems.add(InputProblem.ofField("minutes", "minutes is required: a list of bands such as [5, 10, 15]"));
      return null;
    }
    if (minutes.size() > MAX_BANDS) {
      problems.add(InputProblem.ofField("minutes", "minutes has " + minutes.size() + " bands; at most " + MAX_BANDS
          + " are allowed in one request (e.g. [5, 10, 15, 30])"));
      return null;
    }
    TreeSet<Double> bands = new TreeSet<>();
    boolean ok = true;
    for (int i = 0; i < minutes.size(); i++) {
      Double value = minutes.get(i);
      if (value == null || !(value > 0) || value > MAX_MINUTES) {
        problems.add(InputProblem.ofField("minutes[" + i + "]", "each band must be more than 0 and at most "
            + plain(MAX_MINUTES) + " minutes, found " + (value == null ? "nothing" : plain(value))));
        ok = false;
      } else {
        bands.add(value);
      }
    }
    return ok ? bands.stream().mapToDouble(Double::doubleValue).toArray() : null;
  }

  private List<CoverageOrigin> origins(CoverageRequest request, Run run, List<InputProblem> problems) {
    int given = (request.facilityIds() != null ? 1 : 0) + (request.facilityFilter() != null ? 1 : 0)
        + (request.points() != null ? 1 : 0);
    if (given != 1) {
      problems.add(InputProblem.ofField("facilityIds", given == 0
          ? "say which facilities: facilityIds, facilityFilter (types, statuses) or points"
          : "give only one of facilityIds, facilityFilter and points"));
      return List.of();
    }
    List<CoverageOrigin> origins = new ArrayList<>();
    if (request.facilityIds() != null) {
      if (request.facilityIds().isEmpty()) {
        problems.add(InputProblem.ofField("facilityIds", "facilityIds is empty"));
      }
      if (request.facilityIds().size() > run.maxOrigins) {
        problems.add(tooMany("facilityIds", request.facilityIds().size() + " facilities", run));
        return List.of();
      }
      for (Long id : request.facilityIds()) {
        try {
          origins.add(origin(facilities.get(id)));
        } catch (NotFoundException | NullPointerException e) {
          problems.add(InputProblem.ofField("facilityIds", "there is no facility with id " + id));
        }
      }
    } else if (request.facilityFilter() != null) {
      FacilityQuery query = filterQuery(request.facilityFilter(), problems);
      if (query != null) {
        for (Facility facility : facilities.find(query)) {
          origins.add(origin(facility));
        }
        if (origins.isEmpty()) {
          problems.add(InputProblem.ofField("facilityFilter", "no facility matches these types and statuses"));
        } else if (origins.size() > run.maxOrigins) {
          problems.add(tooMany("facilityFilter", origins.size() + " facilities match", run));
          return List.of();
        }
      }
    } else {
      List<List<Double>> points = request.points();
      if (points.isEmpty()) {
        problems.add(InputProblem.ofField("points", "points is empty"));
      }
      if (points.size() > run.maxOrigins) {
        problems.add(tooMany("points", points.size() + " points", run));
        return List.of();
      }
      for (int i = 0; i < points.size(); i++) {
        List<Double> point = points.get(i);
        if (point == null || point.size() != 2 || point.get(0) == null || point.get(1) == null
            || !(Math.abs(point.get(0)) <= 180) || !(Math.abs(point.get(1)) <= 90)) {
          problems.add(InputProblem.ofField("points[" + i + "]", "expected [longitude, latitude] in degrees, longitude in [-180, 180], latitude in [-90, 90]"));
        } else {
          origins.add(new CoverageOrigin(null, null, i, point.get(0), point.get(1)));
        }
      }
    }
    return origins;
  }

  private static InputProblem tooMany(String field, String found, Run run) {
    return InputProblem.ofField(field, found + "; at most " + run.maxOrigins + " are allowed in one "
        + (run == Run.SYNCHRONOUS ? "request answered at once" + JOB_ADVICE
            : "request; split it into several"));
  }

  private FacilityQuery filterQuery(CoverageRequest.FacilityFilter filter, List<InputProblem> problems) {
    return facilities.filterQuery(filter.types(), filter.statuses(), "facilityFilter", problems);
  }

  private static CoverageOrigin origin(Facility facility) {
    return new CoverageOrigin(facility.id(), facility.name(), null, facility.longitude(), facility.latitude());
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
  }
}
