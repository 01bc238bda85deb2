package org.carecircle.coverage;

/** {@link CoverageApiTest} on the embedded H2GIS store. */
class CoverageApiH2gisTest extends CoverageApiTest {}
