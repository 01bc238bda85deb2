package org.carecircle.population;

/** {@link PopulationImportJobApiTest} on the embedded H2GIS store (the test default). */
class PopulationImportJobApiH2gisTest extends PopulationImportJobApiTest {}
