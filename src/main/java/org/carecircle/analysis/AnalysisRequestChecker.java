package org.carecircle.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.facility.Facility;
import org.carecircle.facility.FacilityQuery;
import org.carecircle.facility.FacilityService;
import org.carecircle.network.NetworkService;
import org.carecircle.network.TravelMode;
import org.springframework.stereotype.Component;

/**
 * Checks the shared fields of every analysis request in one place, with one set of limits ({@link
 * AnalysisLimits}) and one wording of each error. Problems are collected, each with the field it
 * concerns ({@code minutes[2]}, {@code facilityFilter.types}), so that the planner can fix the form
 * in one go; an analysis adds the problems of its own fields to the same list.
 */
@Component
public class AnalysisRequestChecker {
  private final NetworkService networks;
  private final FacilityService facilities;

  public AnalysisRequestChecker(NetworkService networks, FacilityService facilities) {
    this.networks = networks;
    this.facilities = facilities;
  }

  /**
   * Checks {@code request}'s shared fields under {@code rules}; every problem is added to {@code
   * problems}.
   *
   * @return the checked values, or null when a problem was added
   */
  public CheckedAnalysis check(AnalysisRequest request, AnalysisRules rules, List<InputProblem> problems) {
    int before = problems.size();
    Long networkId = rules.networkRequired() ? network(request.networkId(), problems) : null;
    TravelMode mode = mode(request.mode(), problems);
    double[] minutes = minutes(request.minutes(), rules, problems);
    double turnout = turnout(request.turnoutMinutes(), minutes, problems);
    List<AnalysisOrigin> origins = origins(request, rules, problems);
    return problems.size() > before ? null : new CheckedAnalysis(networkId, mode, minutes, turnout, origins);
  }

  /** As {@link #check(AnalysisRequest, AnalysisRules, List)}, throwing when anything is wrong. */
  public CheckedAnalysis check(AnalysisRequest request, AnalysisRules rules) {
    if (request == null) {
      throw emptyBody();
    }
    List<InputProblem> problems = new ArrayList<>();
    CheckedAnalysis checked = check(request, rules, problems);
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    return checked;
  }

  /** The problem of a request without a body. */
  public static InputRejectedException emptyBody() {
    return new InputRejectedException(InputProblem.ofField("body", "the request body is empty"));
  }

  /**
   * Registry facilities named by one field of a request ({@code fixedFacilities}): by ids, or by
   * types and statuses.
   *
   * @param field the request field, for the problems ({@code fixedFacilities.ids})
   * @param defaultStatuses statuses when the selection gives none; null: existing
   * @return the facilities as origins, in the order found; empty when a problem was added
   */
  public List<AnalysisOrigin> facilities(FacilitySelection selection, String field, List<String> defaultStatuses,
      List<InputProblem> problems) {
    if (selection.ids() != null) {
      if (selection.types() != null || selection.statuses() != null) {
        problems.add(InputProblem.ofField(field, "give either ids or types and statuses, not both"));
        return List.of();
      }
      return byIds(selection.ids(), field + ".ids", problems);
    }
    List<String> statuses = selection.statuses() == null ? defaultStatuses : selection.statuses();
    return byFilter(selection.types(), statuses, field, problems);
  }

  private Long network(Long networkId, List<InputProblem> problems) {
    if (networkId == null) {
      problems.add(InputProblem.ofField("networkId", "networkId is required; import a road network first"
          + " (POST /api/networks/import)"));
      return null;
    }
    try {
      networks.get(networkId);
      return networkId;
    } catch (NotFoundException e) {
      problems.add(InputProblem.ofField("networkId", "there is no road network with id " + networkId));
      return null;
    }
  }

  private static TravelMode mode(String mode, List<InputProblem> problems) {
    if (mode == null || mode.isBlank()) {
      problems.add(InputProblem.ofField("mode", "mode is required: walk, drive or ambulance"));
      return null;
    }
    TravelMode parsed = TravelMode.parse(mode).orElse(null);
    if (parsed == null) {
      problems.add(InputProblem.ofField("mode", "unknown mode '" + mode + "'; expected walk, drive or ambulance"));
    }
    return parsed;
  }

  private static double[] minutes(List<Double> minutes, AnalysisRules rules, List<InputProblem> problems) {
    if (minutes == null || minutes.isEmpty()) {
      if (rules.minutesRequired()) {
        problems.add(InputProblem.ofField("minutes", "minutes is required: the travel time in minutes, such as 15,"
            + (rules.maxBands() > 1 ? " or a list of bands such as [5, 10, 15]" : " as one number")));
      }
      return new double[0];
    }
    if (minutes.size() > rules.maxBands()) {
      problems.add(InputProblem.ofField("minutes", "minutes has " + minutes.size() + " values; this analysis"
          + " takes at most " + rules.maxBands() + (rules.maxBands() == 1 ? " (one standard, such as 15)" : "")));
      return null;
    }
    TreeSet<Double> bands = new TreeSet<>();
    boolean ok = true;
    for (int i = 0; i < minutes.size(); i++) {
      Double value = minutes.get(i);
      if (value == null || !(value > 0) || value > AnalysisLimits.MAX_MINUTES) {
        problems.add(InputProblem.ofField("minutes[" + i + "]", "each value of minutes must be more than 0 and at"
            + " most " + plain(AnalysisLimits.MAX_MINUTES) + ", found " + (value == null ? "nothing" : plain(value))));
        ok = false;
      } else {
        bands.add(value);
      }
    }
    return ok ? bands.stream().mapToDouble(Double::doubleValue).toArray() : null;
  }

  private static double turnout(Double turnoutMinutes, double[] minutes, List<InputProblem> problems) {
    double turnout = turnoutMinutes == null ? 0 : turnoutMinutes;
    if (!(turnout >= 0) || Double.isInfinite(turnout)) {
      problems.add(InputProblem.ofField("turnoutMinutes", "turnoutMinutes must be 0 or more, found "
          + plain(turnout)));
    } else if (minutes != null && minutes.length > 0 && turnout >= minutes[0]) {
      problems.add(InputProblem.ofField("turnoutMinutes", "turnoutMinutes (" + plain(turnout) + ") must be less"
          + " than the smallest of minutes (" + plain(minutes[0]) + "): no time would be left to travel"));
    }
    return turnout;
  }

  private List<AnalysisOrigin> origins(AnalysisRequest request, AnalysisRules rules, List<InputProblem> problems) {
    boolean pointsAllowed = rules.selection() == AnalysisRules.Selection.FACILITIES_OR_POINTS;
    String forms = pointsAllowed ? "facilityIds, facilityFilter (types, statuses) or points"
        : "facilityIds or facilityFilter (types, statuses)";
    if (rules.selection() == AnalysisRules.Selection.NONE) {
      for (String field : given(request)) {
        problems.add(InputProblem.ofField(field, "this analysis does not take " + field));
      }
      return List.of();
    }
    if (!pointsAllowed && request.points() != null) {
      problems.add(InputProblem.ofField("points", "this analysis starts from registry facilities; give " + forms));
      return List.of();
    }
    List<String> given = given(request);
    if (given.size() != 1) {
      problems.add(InputProblem.ofField("facilityIds", given.isEmpty() ? "say which facilities: " + forms
          : "give only one of " + forms.replace(" (types, statuses)", "")));
      return List.of();
    }
    int count = request.facilityIds() != null ? request.facilityIds().size()
        : request.points() != null ? request.points().size() : -1;
    if (count == 0) {
      problems.add(InputProblem.ofField(given.get(0), given.get(0) + " is empty"));
      return List.of();
    }
    if (count > rules.maxOrigins()) {
      problems.add(tooMany(given.get(0), count + (request.points() != null ? " points" : " facilities"), rules));
      return List.of();
    }
    List<AnalysisOrigin> origins;
    if (request.facilityIds() != null) {
      origins = byIds(request.facilityIds(), "facilityIds", problems);
    } else if (request.facilityFilter() != null) {
      FacilityFilter filter = request.facilityFilter();
      int before = problems.size();
      origins = byFilter(filter.types(), filter.statuses(), "facilityFilter", problems);
      if (problems.size() == before && origins.isEmpty()) {
        problems.add(InputProblem.ofField("facilityFilter", "no facility matches these types and statuses"));
      } else if (origins.size() > rules.maxOrigins()) {
        problems.add(tooMany("facilityFilter", origins.size() + " facilities match", rules));
        return List.of();
      }
    } else {
      origins = points(request.points(), problems);
    }
    return origins;
  }

  private static List<String> given(AnalysisRequest request) {
    List<String> given = new ArrayList<>();
    if (request.facilityIds() != null) {
      given.add("facilityIds");
    }
    if (request.facilityFilter() != null) {
      given.add("facilityFilter");
    }
    if (request.points() != null) {
      given.add("points");
    }
    return given;
  }

  private List<AnalysisOrigin> byIds(List<Long> ids, String field, List<InputProblem> problems) {
    List<AnalysisOrigin> origins = new ArrayList<>();
    for (Long id : ids) {
      try {
        origins.add(origin(facilities.get(id)));
      } catch (NotFoundException | NullPointerException e) {
        problems.add(InputProblem.ofField(field, "there is no facility with id " + id));
      }
    }
    return origins;
  }

  private List<AnalysisOrigin> byFilter(List<String> types, List<String> statuses, String field,
      List<InputProblem> problems) {
    FacilityQuery query = facilities.filterQuery(types, statuses, field, problems);
    if (query == null) {
      return List.of();
    }
    return facilities.find(query).stream().map(AnalysisRequestChecker::origin).toList();
  }

  private static List<AnalysisOrigin> points(List<List<Double>> points, List<InputProblem> problems) {
    List<AnalysisOrigin> origins = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      List<Double> point = points.get(i);
      if (point == null || point.size() != 2 || point.get(0) == null || point.get(1) == null
          || !(Math.abs(point.get(0)) <= 180) || !(Math.abs(point.get(1)) <= 90)) {
        problems.add(InputProblem.ofField("points[" + i + "]", "expected [longitude, latitude] in degrees,"
            + " longitude in [-180, 180], latitude in [-90, 90]"));
      } else {
        origins.add(new AnalysisOrigin(null, null, i, point.get(0), point.get(1)));
      }
    }
    return origins;
  }

  private static InputProblem tooMany(String field, String found, AnalysisRules rules) {
    return InputProblem.ofField(field, found + "; at most " + rules.maxOrigins() + " are allowed in one "
        + (rules.jobsPath() != null ? "request answered at once; send the same request to POST " + rules.jobsPath()
            + ", which runs it in the background with progress" : "request; split it into several"));
  }

  private static AnalysisOrigin origin(Facility facility) {
    return new AnalysisOrigin(facility.id(), facility.name(), null, facility.longitude(), facility.latitude());
  }

  /** A number as a planner writes it: 15, not 15.0. */
  public static String plain(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }
}
