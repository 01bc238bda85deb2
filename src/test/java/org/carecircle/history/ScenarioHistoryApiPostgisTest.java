package org.carecircle.history;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link ScenarioHistoryApiTest} on PostGIS. */
class ScenarioHistoryApiPostgisTest extends ScenarioHistoryApiTest implements PostgisTestStore {}
