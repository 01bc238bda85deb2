package org.carecircle.district;

/** {@link DistrictApiTest} on the embedded H2GIS store (the test default, see config/application.yml). */
class DistrictApiH2gisTest extends DistrictApiTest {}
