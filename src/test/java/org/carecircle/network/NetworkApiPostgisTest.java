package org.carecircle.network;

import org.carecircle.testsupport.Requirements;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link NetworkApiTest} on PostGIS (the database scripts/test.sh creates). The class shares one
 * application context for all its tests, which is built before any {@code @BeforeAll}, so a
 * missing PostGIS is decided by a condition: skipped on a developer's machine, a failure when
 * required (CI=true or CARECIRCLE_REQUIRE_POSTGIS=1).
 */
@EnabledIf(value = "postgisAvailableOrRequired", disabledReason = "PostGIS (CARECIRCLE_TEST_PG_URL) is not"
    + " available; run scripts/test.sh to set it up")
class NetworkApiPostgisTest extends NetworkApiTest {
  static boolean postgisAvailableOrRequired() {
    return TestStores.postgisUrl() != null || Requirements.required("CARECIRCLE_REQUIRE_POSTGIS");
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> TestStores.postgisUrl() == null
        ? "jdbc:postgresql://127.0.0.1:1/missing" : TestStores.postgisUrl());
    registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("CARECIRCLE_TEST_PG_USER", "postgres"));
    registry.add("spring.datasource.password", () -> "");
    networksFolder(registry);
  }
}
