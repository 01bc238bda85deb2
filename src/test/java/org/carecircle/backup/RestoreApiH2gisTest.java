package org.carecircle.backup;

/** Restore over HTTP into an empty H2GIS store. */
class RestoreApiH2gisTest extends RestoreApiTest {}
