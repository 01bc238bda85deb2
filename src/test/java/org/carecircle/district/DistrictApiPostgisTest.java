package org.carecircle.district;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link DistrictApiTest} on PostGIS (the database scripts/test.sh creates). */
class DistrictApiPostgisTest extends DistrictApiTest implements PostgisTestStore {}
