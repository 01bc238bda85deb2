package org.carecircle.history;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link EntityHistoryApiTest} on PostGIS. */
class EntityHistoryApiPostgisTest extends EntityHistoryApiTest implements PostgisTestStore {}
