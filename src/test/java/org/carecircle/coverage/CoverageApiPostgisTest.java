package org.carecircle.coverage;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link CoverageApiTest} on PostGIS (the database scripts/test.sh creates). */
class CoverageApiPostgisTest extends CoverageApiTest implements PostgisTestStore {}
