package org.carecircle.siting;

/** {@link NetworkSitingApiTest} on the embedded H2GIS store. */
class NetworkSitingApiH2gisTest extends NetworkSitingApiTest {}
