package org.carecircle.standard;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link PlanningStandardApiTest} on PostGIS. */
class PlanningStandardApiPostgisTest extends PlanningStandardApiTest implements PostgisTestStore {}
