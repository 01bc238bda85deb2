package org.carecircle.facility;

import org.carecircle.testsupport.TestStores;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link FacilityApiTest} on the embedded H2GIS store. */
class FacilityApiH2gisTest extends FacilityApiTest {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    String url = TestStores.h2Url();
    registry.add("spring.datasource.url", () -> url);
  }
}
