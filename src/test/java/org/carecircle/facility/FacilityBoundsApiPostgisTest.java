package org.carecircle.facility;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link FacilityBoundsApiTest} on PostGIS. */
class FacilityBoundsApiPostgisTest extends FacilityBoundsApiTest implements PostgisTestStore {}
