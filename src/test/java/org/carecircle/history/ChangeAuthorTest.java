package org.carecircle.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReference;
import org.carecircle.system.CurrentUser;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The user of an entry is whoever {@link CurrentUser} says is acting, at the time of the change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChangeAuthorTest {
  static final AtomicReference<String> ACTING = new AtomicReference<>("planner-li");

  @TestConfiguration
  static class Users {
    @Bean
    @Primary
    CurrentUser actingUser() {
      return ACTING::get;
    }
  }

  @LocalServerPort int port;

  @Test
  void eachEntryNamesTheUserWhoMadeTheChange() {
    ApiClient api = new ApiClient(port);
    ACTING.set("planner-li");
    Response created = api.postJson("/api/facilities", FacilityHistoryApiTest.CLINIC);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    ACTING.set("planner-wang");
    assertThat(api.putJson("/api/facilities/" + id, FacilityHistoryApiTest.CLINIC.replace("\"beds\":20", "\"beds\":21"))
        .status()).isEqualTo(200);

    JsonNode entries = api.get("/api/facilities/" + id + "/history").json().get("entries");
    assertThat(entries).extracting(e -> e.get("version").asLong() + " " + e.get("user").asText())
        .containsExactly("2 planner-wang", "1 planner-li");
    JsonNode byLi = api.get("/api/history?entityType=facility&user=planner-li&entityId=" + id).json().get("entries");
    assertThat(byLi).extracting(e -> e.get("version").asLong()).containsExactly(1L);
  }
}
