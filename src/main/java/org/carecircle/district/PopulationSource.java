package org.carecircle.district;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a district's population figure comes from. */
public enum PopulationSource {
  /** The planner entered an official count; it wins over the cells. */
  OFFICIAL("official"),
  /** The sum of the population cells inside the district. */
  CELLS("cells"),
  /** Neither: no official count and no population layer. */
  NONE("none");

  private final String code;

  PopulationSource(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }
}
