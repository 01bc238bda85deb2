package org.carecircle.facility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.locationtech.jts.geom.Envelope;

/** Parses the {@code type}, {@code status} and {@code bbox} filters of the facility endpoints. */
final class FacilityQueryParser {
  private FacilityQueryParser() {}

  /**
   * @param types comma-separated type codes or names, or null
   * @param statuses comma-separated statuses, or null
   * @param bbox {@code minLon,minLat,maxLon,maxLat} in WGS84, or null
   * @throws InputRejectedException listing every bad value
   */
  static FacilityQuery parse(String types, String statuses, String bbox, FacilityTypeCatalogue catalogue) {
    List<InputProblem> problems = new ArrayList<>();
    Set<String> typeCodes = new LinkedHashSet<>();
    for (String type : split(types)) {
      catalogue.lookup(type).ifPresentOrElse(
          t -> typeCodes.add(t.code()),
          () -> problems.add(InputProblem.ofField("type", "unknown facility type '" + type
              + "'; see GET /api/facility-types for the codes")));
    }
    Set<FacilityStatus> statusSet = new LinkedHashSet<>();
    for (String status : split(statuses)) {
      FacilityStatus.parse(status).ifPresentOrElse(statusSet::add,
          () -> problems.add(InputProblem.ofField("status", "unknown status '" + status
              + "'; expected existing, planned, candidate or closed")));
    }
    Envelope envelope = null;
    if (bbox != null && !bbox.isBlank()) {
      envelope = parseBbox(bbox, problems);
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    return new FacilityQuery(typeCodes, statusSet, envelope);
  }

  private static List<String> split(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Envelope parseBbox(String bbox, List<InputProblem> problems) {
    String[] parts = bbox.split(",");
    String expected = "expected bbox=minLon,minLat,maxLon,maxLat in degrees (WGS84), e.g. 120.1,35.9,120.6,36.4";
    if (parts.length != 4) {
      problems.add(InputProblem.ofField("bbox", expected));
      return null;
    }
    double[] values = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        values[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        problems.add(InputProblem.ofField("bbox", "'" + parts[i].trim() + "' is not a number; " + expected));
        return null;
      }
      if (!Double.isFinite(values[i])) {
        problems.add(InputProblem.ofField("bbox", expected));
        return null;
      }
    }
    if (values[0] > values[2] || values[1] > values[3]) {
      problems.add(InputProblem.ofField("bbox", "the minimum exceeds the maximum; " + expected));
      return null;
    }
    if (values[0] < -180 || values[2] > 180 || values[1] < -90 || values[3] > 90) {
      problems.add(InputProblem.ofField("bbox", "longitudes must lie in [-180, 180] and latitudes in [-90, 90]"));
      return null;
    }
    return new Envelope(values[0], values[2], values[1], values[3]);
  }
}
