package org.carecircle.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of entity whose changes are recorded; {@link #code()} is what the API and the store use. */
public enum EntityType {
  /** A facility of the registry; entity id = facility id. */
  FACILITY("facility"),
  /** An administrative district; entity id = district id. */
  DISTRICT("district"),
  /** The population layer (there is one); entity id = {@value #CURRENT_POPULATION_LAYER}. */
  POPULATION_LAYER("population_layer"),
  /** A target of a planning standard; entity id = {@code standardCode/targetCode}. */
  PLANNING_TARGET("planning_target"),
  /** A saved siting scenario; entity id = scenario id. */
  SCENARIO("scenario");

  /** The entity id of the one population layer. */
  public static final String CURRENT_POPULATION_LAYER = "current";

  private final String code;

  EntityType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The type with this code (case-insensitive), if any. */
  public static Optional<EntityType> parse(String code) {
    String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.code.equals(wanted)).findFirst();
  }

  /** The codes, for messages: "facility, district, ...". */
  public static String codes() {
    return String.join(", ", Arrays.stream(values()).map(EntityType::code).toList());
  }
}
