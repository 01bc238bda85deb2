package org.carecircle.siting;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link NetworkSitingApiTest} on PostGIS. */
class NetworkSitingApiPostgisTest extends NetworkSitingApiTest implements PostgisTestStore {}
