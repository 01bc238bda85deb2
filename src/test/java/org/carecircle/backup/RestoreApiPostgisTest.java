package org.carecircle.backup;

import org.carecircle.testsupport.PostgisTestStore;

/** Restore over HTTP into an empty PostGIS store: an H2GIS pilot's backup moved to production. */
class RestoreApiPostgisTest extends RestoreApiTest implements PostgisTestStore {}
