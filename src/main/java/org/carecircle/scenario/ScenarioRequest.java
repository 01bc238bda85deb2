package org.carecircle.scenario;

/**
 * A request to save a siting result as a scenario ({@code POST /api/scenarios}).
 *
 * @param name unique, 1 to {@value ScenarioService#MAX_NAME_LENGTH} characters
 * @param resultId the stored network siting result ({@code resultId} of its answer)
 * @param typeCode the facility type of the new sites (default {@value ScenarioService#DEFAULT_TYPE})
 */
public record ScenarioRequest(String name, Long resultId, String typeCode) {}
