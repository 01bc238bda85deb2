package org.carecircle.district;

import com.fasterxml.jackson.databind.JsonNode;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/** Reads the body of {@code PUT /api/districts/{id}/official-population}. */
final class OfficialPopulationParameter {
  static final String FIELD = "officialPopulation";
  /**
   * Largest official population accepted for one district: 100 million people, three times the
   * most populous municipality in China (Chongqing, about 32 million); a larger figure is a typing
   * error, not a district.
   */
  static final double MAX_PEOPLE = 100_000_000;
  private static final String EXPECTED =
      "expected {\"officialPopulation\": 123456}, or {\"officialPopulation\": null} to clear it";

  private OfficialPopulationParameter() {}

  /**
   * @return the official population, or null to clear it
   * @throws InputRejectedException on field {@code officialPopulation} when the body lacks it (a
   *     misspelt member must not clear a figure silently) or the value is not a number in [0, 100 million]
   */
  static Double parse(JsonNode body) {
    if (body == null || !body.isObject() || !body.has(FIELD)) {
      throw problem("the body has no officialPopulation; " + EXPECTED);
    }
    JsonNode value = body.get(FIELD);
    if (value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw problem("'" + value.asText() + "' is not a number; " + EXPECTED);
    }
    double people = value.doubleValue();
    if (!Double.isFinite(people) || people < 0) {
      throw problem("the official population must be 0 or more, found " + value.asText());
    }
    if (people > MAX_PEOPLE) {
      throw problem("the official population must be at most 100000000 (100 million) people for one district,"
          + " found " + value.asText());
    }
    return people;
  }

  private static InputRejectedException problem(String message) {
    return new InputRejectedException(InputProblem.ofField(FIELD, message));
  }
}
