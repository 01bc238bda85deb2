package org.carecircle.facility;

/** {@link FacilityApiTest} on the embedded H2GIS store (the test default, see config/application.yml). */
class FacilityApiH2gisTest extends FacilityApiTest {}
