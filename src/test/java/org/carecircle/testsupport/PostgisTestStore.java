package org.carecircle.testsupport;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points a {@code @SpringBootTest} class at the PostGIS database that scripts/test.sh creates: a
 * test class implements this interface to run its inherited tests on PostGIS. Skipped on a
 * developer's machine without PostGIS; under CI (or CARECIRCLE_REQUIRE_POSTGIS=1) it runs and
 * fails instead.
 */
@EnabledIf(value = "org.carecircle.testsupport.TestStores#postgisAvailableOrRequired",
    disabledReason = "PostGIS (CARECIRCLE_TEST_PG_URL) is not available; run scripts/test.sh")
public interface PostgisTestStore {
  @DynamicPropertySource
  static void postgisStore(DynamicPropertyRegistry registry) {
    TestStores.postgis(registry);
  }
}
