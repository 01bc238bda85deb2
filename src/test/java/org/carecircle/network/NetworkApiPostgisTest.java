package org.carecircle.network;

import org.carecircle.testsupport.PostgisTestStore;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link NetworkApiTest} on PostGIS (the database scripts/test.sh creates). */
class NetworkApiPostgisTest extends NetworkApiTest implements PostgisTestStore {
  @DynamicPropertySource
  static void folder(DynamicPropertyRegistry registry) {
    networksFolder(registry);
  }
}
