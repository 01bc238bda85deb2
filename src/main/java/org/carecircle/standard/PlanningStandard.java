package org.carecircle.standard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

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
   * @param fileValue the pass mark as in the file (what a reset goes back to); null while reading the file
   * @param fileMinutes the minutes as in the file (access), else null
   */
  public record Target(String code, String name, Kind kind, List<String> facilityTypes, String mode, Double minutes,
      Double turnoutMinutes, Double serviceRadiusMeters, String field, double value, Double fileValue,
      Double fileMinutes) {
    public Target {
      facilityTypes = facilityTypes == null ? List.of() : List.copyOf(facilityTypes);
    }

    /** True when a stored change makes this target differ from the file. */
    @JsonProperty("changed")
    public boolean changed() {
      return fileValue != null && (value != fileValue || !Objects.equals(minutes, fileMinutes));
    }

    /** Whether the target has minutes that can be changed (access targets). */
    @JsonIgnore
    public boolean hasMinutes() {
      return kind == Kind.access;
    }

    /** This target as read from the file, remembering its values as the file's. */
    Target asFileTarget() {
      return new Target(code, name, kind, facilityTypes, mode, minutes, turnoutMinutes, serviceRadiusMeters, field,
          value, value, minutes);
    }

    Target with(double newValue, Double newMinutes) {
      return new Target(code, name, kind, facilityTypes, mode, newMinutes, turnoutMinutes, serviceRadiusMeters, field,
          newValue, fileValue, fileMinutes);
    }
  }
}
