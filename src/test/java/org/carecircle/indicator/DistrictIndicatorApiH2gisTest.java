package org.carecircle.indicator;

/** {@link DistrictIndicatorApiTest} on the embedded H2GIS store. */
class DistrictIndicatorApiH2gisTest extends DistrictIndicatorApiTest {}
