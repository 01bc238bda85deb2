package org.carecircle.facility;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link FacilityApiTest} on PostGIS (the database scripts/test.sh creates). */
class FacilityApiPostgisTest extends FacilityApiTest implements PostgisTestStore {}
