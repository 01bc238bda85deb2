package org.carecircle.backup;

import org.carecircle.testsupport.PostgisTestStore;

/** The round trip from PostGIS: into PostGIS and into H2GIS. */
class BackupRoundTripPostgisTest extends BackupRoundTripTest implements PostgisTestStore {}
