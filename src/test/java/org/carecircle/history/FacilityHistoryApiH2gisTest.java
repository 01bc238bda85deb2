package org.carecircle.history;

/** {@link FacilityHistoryApiTest} on the embedded H2GIS store. */
class FacilityHistoryApiH2gisTest extends FacilityHistoryApiTest {}
