package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without {@code carecircle.import.server-folders} (the default) no path is read at all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerImportOffApiTest {
  @LocalServerPort int port;

  @Test
  void serverSideImportIsOffByDefaultAndSaysHowToTurnItOn() {
    ApiClient api = new ApiClient(port);
    for (String path : new String[] {"\"/srv/osm/x.osm.pbf\"", "\"/root\"", "\"/proc/self/environ\"", "123"}) {
      Response response = api.postJson("/api/networks/import", "{\"path\": " + path + "}");
      assertThat(response.status()).as(response.toString()).isEqualTo(422);
      JsonNode problem = response.json().get("rejected").get(0);
      assertThat(problem.get("field").asText()).isEqualTo("path");
      assertThat(problem.get("message").asText())
          .startsWith("reading files on the server is turned off")
          .contains("carecircle.import.server-folders");
      assertThat(response.text()).doesNotContain(System.getProperty("user.dir"));
    }
  }
}
