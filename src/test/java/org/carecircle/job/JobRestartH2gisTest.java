package org.carecircle.job;

import org.carecircle.testsupport.TestStores;

/** {@link JobRestartTest} on one H2GIS file, used by both instances in turn. */
class JobRestartH2gisTest extends JobRestartTest {
  @Override
  TestStores.Store store() {
    return TestStores.Store.H2GIS;
  }
}
