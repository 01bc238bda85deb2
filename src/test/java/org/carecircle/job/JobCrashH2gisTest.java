package org.carecircle.job;

import org.carecircle.testsupport.TestStores;

/** {@link JobCrashTest} on an H2GIS file the killed server had open. */
class JobCrashH2gisTest extends JobCrashTest {
  @Override
  TestStores.Store store() {
    return TestStores.Store.H2GIS;
  }
}
