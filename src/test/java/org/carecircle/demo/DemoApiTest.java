package org.carecircle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @Test
  void demoIsOfferedOnAnEmptyStoreAndLoadsOnlyOnRequest() {
    TestStores.clear(dataSource);
    ApiClient api = new ApiClient(port);
    var offer = api.get("/api/demo").json();
    assertThat(offer.get("storeEmpty").asBoolean()).isTrue();
    assertThat(offer.get("descriptionEn").asText()).contains("Synthetic");
    assertThat(api.get("/api/facilities").json().get("features")).isEmpty();

    var loaded = api.postJson("/api/demo/load", "").json();
    assertThat(loaded.get("imported").asInt()).isEqualTo(offer.get("facilityCount").asInt());
    assertThat(api.get("/api/demo").json().get("storeEmpty").asBoolean()).isFalse();
    // loading again updates the same facilities instead of doubling them
    assertThat(api.postJson("/api/demo/load", "").json().get("updated").asInt()).isEqualTo(loaded.get("imported").asInt());
    assertThat(api.get("/api/facilities").json().get("features")).hasSize(loaded.get("imported").asInt());
  }
}
