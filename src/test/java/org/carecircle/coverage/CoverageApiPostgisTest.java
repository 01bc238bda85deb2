package org.carecircle.coverage;

import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CoverageApiTest} on PostGIS (the database scripts/test.sh creates). Skipped on a developer's
 * machine without PostGIS; under CI (or CARECIRCLE_REQUIRE_POSTGIS=1) it runs and fails instead.
 */
@EnabledIf(value = "org.carecircle.testsupport.TestStores#postgisAvailableOrRequired",
    disabledReason = "PostGIS (CARECIRCLE_TEST_PG_URL) is not available; run scripts/test.sh")
class CoverageApiPostgisTest extends CoverageApiTest {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    TestStores.postgis(registry);
  }
}
