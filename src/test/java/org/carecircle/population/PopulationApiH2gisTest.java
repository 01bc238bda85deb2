package org.carecircle.population;

/** {@link PopulationApiTest} on the embedded H2GIS store (the test default, see config/application.yml). */
class PopulationApiH2gisTest extends PopulationApiTest {}
