package org.carecircle.history;

/** {@link ScenarioHistoryApiTest} on the embedded H2GIS store. */
class ScenarioHistoryApiH2gisTest extends ScenarioHistoryApiTest {}
