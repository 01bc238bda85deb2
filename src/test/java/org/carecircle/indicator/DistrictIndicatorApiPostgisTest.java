package org.carecircle.indicator;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link DistrictIndicatorApiTest} on PostGIS. */
class DistrictIndicatorApiPostgisTest extends DistrictIndicatorApiTest implements PostgisTestStore {}
