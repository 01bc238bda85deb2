package org.carecircle.district;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** An official population must be a figure a district can have; the district list comes in pages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DistrictBoundsApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @Test
  void implausibleOfficialPopulationIsRejectedWithTheBound() {
    new JdbcTemplate(dataSource).update("DELETE FROM district");
    ApiClient api = new ApiClient(port);
    ApiClient.Response imported = api.upload("/api/districts/import", "square.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Square"},
         "geometry":{"type":"Polygon","coordinates":[[[7,50],[7.1,50],[7.1,50.1],[7,50.1],[7,50]]]}}]}"""
        .getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    long id = api.get("/api/districts").json().at("/features/0/id").asLong();
    ApiClient.Response huge = api.putJson("/api/districts/" + id + "/official-population", "{\"officialPopulation\": 1e308}");
    assertThat(huge.status()).as(huge.toString()).isEqualTo(422);
    assertThat(huge.json().at("/rejected/0/field").asText()).isEqualTo("officialPopulation");
    assertThat(huge.json().at("/rejected/0/message").asText()).contains("at most 100000000");
    ApiClient.Response plausible = api.putJson("/api/districts/" + id + "/official-population",
        "{\"officialPopulation\": 32000000}");
    assertThat(plausible.status()).as(plausible.toString()).isEqualTo(200);
  }

  @Test
  void districtsAreListedPageByPage() {
    new JdbcTemplate(dataSource).update("DELETE FROM district");
    ApiClient api = new ApiClient(port);
    StringBuilder features = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      double x = 7 + i * 0.1;
      features.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"D").append(i)
          .append("\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[").append(x).append(",50],[")
          .append(x + 0.1).append(",50],[").append(x + 0.1).append(",50.1],[").append(x).append(",50.1],[").append(x)
          .append(",50]]]}}");
    }
    ApiClient.Response imported = api.upload("/api/districts/import", "three.geojson",
        ("{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}").getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    var first = api.get("/api/districts?limit=2").json();
    assertThat(first.get("numberMatched").asInt()).isEqualTo(3);
    assertThat(first.get("features")).hasSize(2);
    assertThat(first.at("/features/0/properties/name").asText()).isEqualTo("D0");
    var second = api.get(first.at("/links/0/href").asText()).json();
    assertThat(second.get("features")).hasSize(1);
    assertThat(second.at("/features/0/properties/name").asText()).isEqualTo("D2");
    assertThat(second.get("links")).isEmpty();
  }
}
