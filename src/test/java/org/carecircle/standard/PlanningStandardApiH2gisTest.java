package org.carecircle.standard;

/** {@link PlanningStandardApiTest} on the embedded H2GIS store (the test default). */
class PlanningStandardApiH2gisTest extends PlanningStandardApiTest {}
