package org.carecircle.population;

import org.carecircle.testsupport.Requirements;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points a {@code @SpringBootTest} class at the PostGIS database that scripts/test.sh creates: a
 * test class implements this interface to run its inherited tests on PostGIS.
 */
public interface PostgisTestStore {
  @BeforeAll
  static void requirePostgis() {
    if (TestStores.postgisUrl() == null) {
      Requirements.missing("CARECIRCLE_REQUIRE_POSTGIS", "PostGIS (CARECIRCLE_TEST_PG_URL)");
    }
  }

  @DynamicPropertySource
  static void postgisStore(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url",
        () -> TestStores.postgisUrl() == null ? "jdbc:postgresql://127.0.0.1:1/missing" : TestStores.postgisUrl());
    registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("CARECIRCLE_TEST_PG_USER", "postgres"));
    registry.add("spring.datasource.password", () -> "");
  }
}
