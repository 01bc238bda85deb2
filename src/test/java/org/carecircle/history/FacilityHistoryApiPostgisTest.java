package org.carecircle.history;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link FacilityHistoryApiTest} on PostGIS. */
class FacilityHistoryApiPostgisTest extends FacilityHistoryApiTest implements PostgisTestStore {}
