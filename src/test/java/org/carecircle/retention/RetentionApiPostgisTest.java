package org.carecircle.retention;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link RetentionApiTest} on PostGIS. */
class RetentionApiPostgisTest extends RetentionApiTest implements PostgisTestStore {}
