package org.carecircle.network;

import org.carecircle.testsupport.TestStores;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link NetworkApiTest} on H2GIS, in a fresh file database. */
class NetworkApiH2gisTest extends NetworkApiTest {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    String url = TestStores.h2Url();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "sa");
    networksFolder(registry);
  }
}
