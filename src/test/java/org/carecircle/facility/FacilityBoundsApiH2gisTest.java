package org.carecircle.facility;

/** {@link FacilityBoundsApiTest} on the embedded H2GIS store. */
class FacilityBoundsApiH2gisTest extends FacilityBoundsApiTest {}
