package org.carecircle.siting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.carecircle.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Explicit candidate lists are bounded like the candidate grid: one network search per site. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SitingLimitsApiTest {
  @LocalServerPort int port;

  @Test
  void moreCandidatesThanTheSiteLimitAreRefusedAtOnce() {
    StringBuilder candidates = new StringBuilder("[");
    for (int i = 0; i <= CandidateGridGenerator.MAX_SITES; i++) {
      candidates.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"lon\":-51.2,\"lat\":-30.0}");
    }
    String body = "{\"networkId\":987654,\"mode\":\"drive\",\"minutes\":5,\"model\":\"mclp\",\"p\":2,\"candidates\":"
        + candidates + "]}";
    ApiClient.Response response = new ApiClient(port).postJson("/api/siting/solve", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    boolean named = false;
    for (JsonNode problem : response.json().get("rejected")) {
      if ("candidates".equals(problem.get("field").asText())
          && problem.get("message").asText().contains("at most " + CandidateGridGenerator.MAX_SITES)) {
        named = true;
      }
    }
    assertThat(named).as(response.toString()).isTrue();
  }
}
