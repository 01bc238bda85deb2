package org.carecircle.standard;

import java.util.List;

/**
 * A named set of targets, e.g. {@code qingdao-2024}.
 *
 * @param code stable identifier used in URLs
 * @param name for people
 * @param targets in the order of the file
 */
public record PlanningStandard(String code, String name, List<Target> targets) {

  /** The kinds of target; see geodata/planning-standards.yaml. */
  public enum Kind { access, facilityCount, perThousand }

  /**
   * One target.
   *
   * @param code unique within the standard
   * @param kind what is measured
   * @param facilityTypes facility type codes counted (access, facilityCount)
   * @param mode walk, drive or ambulance (access)
   * @param minutes travel time allowed, after the turnout (access)
   * @param turnoutMinutes time before departure, reported only (access), may be null
   * @param serviceRadiusMeters reported only, may be null
   * @param field beds or physicians (perThousand)
   * @param value the pass mark: share (0..1), count, or per 1,000
   */
  public record Target(String code, String name, Kind kind, List<String> facilityTypes, String mode, Double minutes,
      Double turnoutMinutes, Double serviceRadiusMeters, String field, double value) {
    public Target {
      facilityTypes = facilityTypes == null ? List.of() : List.copyOf(facilityTypes);
    }

    Target with(double newValue, Double newMinutes) {
      return new Target(code, name, kind, facilityTypes, mode, newMinutes, turnoutMinutes, serviceRadiusMeters, field,
          newValue);
    }
  }
}
