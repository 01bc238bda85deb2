package org.carecircle.retention;

/** {@link RetentionApiTest} on the embedded H2GIS store. */
class RetentionApiH2gisTest extends RetentionApiTest {}
