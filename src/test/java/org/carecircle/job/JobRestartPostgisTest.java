package org.carecircle.job;

import org.carecircle.testsupport.PostgisTestStore;
import org.carecircle.testsupport.TestStores;

/** {@link JobRestartTest} on the PostGIS test database. */
class JobRestartPostgisTest extends JobRestartTest implements PostgisTestStore {
  @Override
  TestStores.Store store() {
    return TestStores.Store.POSTGIS;
  }
}
