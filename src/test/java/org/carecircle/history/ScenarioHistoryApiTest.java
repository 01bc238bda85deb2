package org.carecircle.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PortoAlegreApiTest;
import org.junit.jupiter.api.Test;

/**
 * Saving and deleting a scenario records the scenario and each of its planned facilities, on
 * Porto Alegre (the siting needs a road network); subclasses choose the store.
 */
abstract class ScenarioHistoryApiTest extends PortoAlegreApiTest {

  @Test
  void scenarioCreateAndDeleteAreRecordedWithTheirFacilities() {
    Response solved = api.postJson("/api/siting/solve", "{\"networkId\":" + networkId + ",\"mode\":\"drive\","
        + "\"minutes\":5,\"model\":\"mclp\",\"p\":2,\"candidateGrid\":{\"spacingMeters\":1000},"
        + "\"fixedFacilities\":{\"types\":[\"clinic\"]}}");
    assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
    Response created = api.postJson("/api/scenarios", "{\"name\":\"history: two stations\",\"resultId\":"
        + solved.json().get("resultId").asLong() + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    long firstSite = created.json().at("/sites/0/facilityId").asLong();
    assertThat(api.delete("/api/scenarios/" + id).status()).isEqualTo(204);

    JsonNode entries = api.get("/api/history?entityType=scenario&entityId=" + id).json().get("entries");
    assertThat(entries).extracting(e -> e.get("version").asLong() + " " + e.get("action").asText())
        .containsExactly("2 delete", "1 create");
    JsonNode create = entries.get(1);
    assertThat(create.get("before").isNull()).isTrue();
    assertThat(create.at("/after/name").asText()).isEqualTo("history: two stations");
    assertThat(create.at("/after/facilityIds")).hasSize(2);
    assertThat(create.at("/after/facilityIds/0").asLong()).isEqualTo(firstSite);
    assertThat(entries.get(0).get("before")).isEqualTo(create.get("after"));
    assertThat(entries.get(0).get("after").isNull()).isTrue();

    // the planned facility the scenario made, and removed again, has its own history
    JsonNode site = api.get("/api/facilities/" + firstSite + "/history").json().get("entries");
    assertThat(site).extracting(e -> e.get("version").asLong() + " " + e.get("action").asText())
        .containsExactly("2 delete", "1 create");
    assertThat(site.get(1).at("/after/properties/status").asText()).isEqualTo("planned");
    assertThat(site.get(1).at("/after/properties/attributes/scenario").asText()).isEqualTo("history: two stations");
  }
}
