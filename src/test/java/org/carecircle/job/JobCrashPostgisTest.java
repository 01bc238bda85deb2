package org.carecircle.job;

import org.carecircle.testsupport.PostgisTestStore;
import org.carecircle.testsupport.TestStores;

/** {@link JobCrashTest} on the PostGIS test database. */
class JobCrashPostgisTest extends JobCrashTest implements PostgisTestStore {
  @Override
  TestStores.Store store() {
    return TestStores.Store.POSTGIS;
  }
}
