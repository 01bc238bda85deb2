package org.carecircle.standard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Target changes over real HTTP on a real store; subclasses choose the store. Every test starts
 * and ends with the targets as in the file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PlanningStandardApiTest {
  private static final String BEDS = "/api/standards/qingdao-2024/targets/beds-per-1000";
  private static final String WALK = "/api/standards/qingdao-2024/targets/community-health-walk";

  @LocalServerPort int port;
  @Autowired TargetOverrideRepository repository;
  @Autowired org.carecircle.history.ChangeLog changeLog;
  ApiClient api;

  @BeforeEach
  @AfterEach
  void targetsAsInTheFile() {
    api = new ApiClient(port);
    for (String target : new String[] {"community-health-walk", "emergency-drive", "tertiary-hospital",
        "beds-per-1000", "physicians-per-1000"}) {
      assertThat(api.delete("/api/standards/qingdao-2024/targets/" + target).status()).isEqualTo(200);
    }
  }

  private static JsonNode target(JsonNode standard, String code) {
    for (JsonNode target : standard.get("targets")) {
      if (target.get("code").asText().equals(code)) {
        return target;
      }
    }
    throw new AssertionError("no target " + code + " in " + standard);
  }

  @Test
  void aChangedTargetIsStoredSurvivesARestartAndResetsToTheFile() {
    Response changed = api.putJson(BEDS, "{\"value\":8.25}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().get("value").asDouble()).isEqualTo(8.25);
    assertThat(changed.json().get("fileValue").asDouble()).isEqualTo(7.5);
    assertThat(changed.json().get("changed").asBoolean()).isTrue();
    Response walk = api.putJson(WALK, "{\"value\":0.8,\"minutes\":10}");
    assertThat(walk.status()).as(walk.toString()).isEqualTo(200);

    JsonNode standard = api.get("/api/standards/qingdao-2024").json();
    assertThat(target(standard, "beds-per-1000").get("value").asDouble()).isEqualTo(8.25);
    assertThat(target(standard, "community-health-walk").get("minutes").asDouble()).isEqualTo(10);
    assertThat(target(standard, "community-health-walk").get("fileMinutes").asDouble()).isEqualTo(15);
    assertThat(target(standard, "physicians-per-1000").get("changed").asBoolean()).isFalse();

    // what the application reads after a restart: a new service over the same table
    PlanningStandard restarted = new PlanningStandardService(repository, changeLog).get("qingdao-2024");
    assertThat(restarted.targets()).filteredOn(t -> t.code().equals("beds-per-1000"))
        .singleElement().extracting(PlanningStandard.Target::value).isEqualTo(8.25);
    assertThat(restarted.targets()).filteredOn(t -> t.code().equals("community-health-walk"))
        .singleElement().extracting(PlanningStandard.Target::minutes).isEqualTo(10.0);

    Response reset = api.delete(BEDS);
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    assertThat(reset.json().get("value").asDouble()).isEqualTo(7.5);
    assertThat(reset.json().get("changed").asBoolean()).isFalse();
    assertThat(target(api.get("/api/standards").json().get(0), "beds-per-1000").get("value").asDouble())
        .isEqualTo(7.5);
    assertThat(repository.findByStandard("qingdao-2024")).extracting(TargetOverride::targetCode)
        .containsExactly("community-health-walk");
  }

  @Test
  void badValuesAre422NamingTheFieldAndNothingIsStored() {
    assertRejected(api.putJson(BEDS, "{\"value\":-1}"), 422, "value");
    assertRejected(api.putJson(BEDS, "{\"value\":\"NaN\"}"), 422, "value");
    assertRejected(api.putJson(BEDS, "{\"value\":1e999}"), 422, "value");
    assertRejected(api.putJson(WALK, "{\"value\":1.5}"), 422, "value");
    assertRejected(api.putJson(WALK, "{\"minutes\":-5}"), 422, "minutes");
    assertRejected(api.putJson(WALK, "{\"minutes\":\"NaN\"}"), 422, "minutes");
    assertRejected(api.putJson(BEDS, "{\"minutes\":10}"), 422, "minutes");
    assertRejected(api.putJson(BEDS, "{}"), 422, "value");
    // not a number at all: the body cannot be read, still problem+json naming the field
    assertRejected(api.putJson(BEDS, "{\"value\":\"eight\"}"), 400, "value");
    assertThat(repository.findByStandard("qingdao-2024")).isEmpty();
  }

  @Test
  void unknownStandardOrTargetIs404() {
    for (Response response : new Response[] {api.putJson("/api/standards/atlantis/targets/beds-per-1000",
        "{\"value\":1}"), api.putJson("/api/standards/qingdao-2024/targets/nope", "{\"value\":1}"),
        api.delete("/api/standards/qingdao-2024/targets/nope"), api.get("/api/standards/atlantis")}) {
      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
    assertThat(api.putJson("/api/standards/qingdao-2024/targets/nope", "{\"value\":1}").json().get("detail").asText())
        .contains("nope").contains("beds-per-1000");
  }

  private static void assertRejected(Response response, int status, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("rejected").get(0).get("field").asText()).as(response.toString()).isEqualTo(field);
  }
}
