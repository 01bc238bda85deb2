package org.carecircle.history;

/** {@link EntityHistoryApiTest} on the embedded H2GIS store. */
class EntityHistoryApiH2gisTest extends EntityHistoryApiTest {}
