package org.carecircle.accessibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PortoAlegreApiTest;
import org.carecircle.testsupport.PortoAlegreFixture;
import org.carecircle.testsupport.TestNetworks;
import org.junit.jupiter.api.Test;

/**
 * Accessibility through the API on Porto Alegre (network, hexagon population, the 117 health
 * facility cells imported as clinics), on H2GIS and PostGIS (subclasses).
 */
abstract class AccessibilityApiTest extends PortoAlegreApiTest {
  String request(String mode, String minutes) {
    return "{\"networkId\":" + networkId + ",\"facilityFilter\":{\"types\":[\"clinic\"]},\"mode\":\"" + mode
        + "\",\"minutes\":" + minutes + "}";
  }

  JsonNode accessibility(String body) {
    Response response = api.postJson("/api/accessibility", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  @Test
  void summaryCountsPopulationWithinEachThresholdAndIsStored() {
    JsonNode summary = accessibility(request("walk", "[30, 15]"));
    assertThat(summary.get("networkId").asLong()).isEqualTo(networkId);
    assertThat(summary.get("mode").asText()).isEqualTo("walk");
    assertThat(summary.get("minutes").toString()).isEqualTo("[15.0,30.0]");
    assertThat(summary.get("totalPopulation").asDouble()).isCloseTo(PORTO_ALEGRE_POPULATION, offset(0.5));
    assertThat(summary.get("cells").asInt()).isEqualTo(1124);
    assertThat(summary.get("facilities").asInt()).isEqualTo(PortoAlegreFixture.HEALTHCARE_CELLS);
    double fifteen = summary.at("/covered/15").asDouble();
    double thirty = summary.at("/covered/30").asDouble();
    assertThat(fifteen).isPositive().isLessThanOrEqualTo(thirty);
    assertThat(thirty + summary.get("unreachablePopulation").asDouble())
        .isLessThanOrEqualTo(PORTO_ALEGRE_POPULATION + 0.5);
    assertThat(summary.at("/coveredShare/15").asDouble())
        .isCloseTo(fifteen / summary.get("totalPopulation").asDouble(), offset(1e-9));
    assertThat(summary.get("unreachableFacilities").isArray()).isTrue();
    assertThat(summary.get("seconds").asDouble()).isGreaterThanOrEqualTo(0);

    Response stored = api.get("/api/accessibility/" + summary.get("resultId").asLong());
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.json()).isEqualTo(summary);
  }

  @Test
  void aTurnoutIsAddedToEveryCellsMinutes() {
    // 3 minutes to get going and 12 to drive is the same population as 12 minutes of driving
    JsonNode driving = accessibility(request("drive", "[12]"));
    JsonNode withTurnout = accessibility(request("drive", "[15]").replace("\"minutes\"", "\"turnoutMinutes\":3,\"minutes\""));
    assertThat(withTurnout.at("/covered/15").asDouble()).isCloseTo(driving.at("/covered/12").asDouble(), offset(1e-6));
    JsonNode plain = api.get("/api/accessibility/" + driving.get("resultId").asLong() + "/surface").json();
    JsonNode later = api.get("/api/accessibility/" + withTurnout.get("resultId").asLong() + "/surface").json();
    int compared = 0;
    for (int i = 0; i < plain.get("minutes").size(); i++) {
      JsonNode before = plain.get("minutes").get(i);
      JsonNode after = later.get("minutes").get(i);
      if (before.isNumber() && after.isNumber()) {
        assertThat(after.asDouble()).as("cell " + i).isCloseTo(before.asDouble() + 3, offset(1e-3));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(500);
  }

  @Test
  void jobAnswersTheSameResult() {
    JsonNode now = accessibility(request("drive", "[10]"));
    Response accepted = api.postJson("/api/accessibility/jobs", request("drive", "[10]"));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode job = TestNetworks.awaitJob(api, accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    JsonNode later = api.get("/api/accessibility/" + job.at("/result/resultId").asLong()).json();
    assertThat(later.at("/covered/10").asDouble()).isEqualTo(now.at("/covered/10").asDouble());
    // driving 10 minutes reaches more people than walking does
    assertThat(later.at("/coveredShare/10").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void badInputIsRejectedNamingTheField() {
    // the shared fields are checked once, in AnalysisRequestCheckerTest; this one proves accessibility uses them
    assertRejected(request("boat", "[15]"), "mode");
    // accessibility starts from registry facilities: ad-hoc points are refused, not offered
    assertRejected("{\"networkId\":" + networkId + ",\"points\":[[-51.23,-30.03]],\"mode\":\"walk\",\"minutes\":[15]}",
        "points");
    assertThat(api.get("/api/accessibility/987654321").status()).isEqualTo(404);
  }

  void assertRejected(String body, String field) {
    Response response = api.postJson("/api/accessibility", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.json().get("rejected").findValuesAsText("field")).as(response.toString()).contains(field);
    Response job = api.postJson("/api/accessibility/jobs", body);
    assertThat(job.status()).as(job.toString()).isEqualTo(422);
  }

  @Test
  void gapLayerHoldsExactlyThePopulationBeyondTheThreshold() {
    JsonNode summary = accessibility(request("walk", "[15, 30]"));
    long id = summary.get("resultId").asLong();
    double total = summary.get("totalPopulation").asDouble();
    Response response = api.get("/api/accessibility/" + id + "/gaps?minutes=15");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/geo+json");
    JsonNode gaps = response.json();
    assertThat(gaps.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(gaps.get("aggregated").asBoolean()).isFalse();
    // unreachable cells are gaps too: gap + covered = everybody
    assertThat(gaps.get("gapPopulation").asDouble() + summary.at("/covered/15").asDouble())
        .isCloseTo(total, offset(1e-6 * total));
    assertThat(gaps.get("features")).hasSize(gaps.get("gapCells").asInt());
    double sum = 0;
    for (JsonNode feature : gaps.get("features")) {
      JsonNode minutes = feature.at("/properties/minutes");
      assertThat(minutes.isNull() || minutes.asDouble() > 15).as(feature.toString()).isTrue();
      sum += feature.at("/properties/population").asDouble();
    }
    assertThat(sum).isCloseTo(gaps.get("gapPopulation").asDouble(), offset(1e-6 * total));

    // the surface agrees with the gap layer, cell for cell
    JsonNode surface = api.get("/api/accessibility/" + id + "/surface").json();
    assertThat(surface.get("lon")).hasSize(1124);
    assertThat(surface.get("population")).hasSize(1124);
    int beyond = 0;
    for (JsonNode minutes : surface.get("minutes")) {
      beyond += minutes.isNull() || minutes.asDouble() > 15 ? 1 : 0;
    }
    assertThat(beyond).isEqualTo(gaps.get("gapCells").asInt());

    JsonNode dissolved = api.get("/api/accessibility/" + id + "/gaps?minutes=15&dissolve=true").json();
    assertThat(dissolved.get("dissolved").asBoolean()).isTrue();
    assertThat(dissolved.get("features").size()).isPositive().isLessThan(gaps.get("gapCells").asInt());
    double dissolvedSum = 0;
    for (JsonNode feature : dissolved.get("features")) {
      assertThat(feature.at("/geometry/type").asText()).isEqualTo("Polygon");
      dissolvedSum += feature.at("/properties/population").asDouble();
    }
    assertThat(dissolvedSum).isCloseTo(gaps.get("gapPopulation").asDouble(), offset(1e-6 * total));

    Response export = api.get("/api/accessibility/" + id + "/gaps/export?minutes=15");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
        .contains(".geojson");

    Response beyondTheSearch = api.get("/api/accessibility/" + id + "/gaps?minutes=45");
    assertThat(beyondTheSearch.status()).isEqualTo(422);
    assertThat(beyondTheSearch.json().get("rejected").findValuesAsText("field")).contains("minutes");
  }

  @Test
  void districtAccessShareAgreesWithTheAccessibilitySummary() {
    JsonNode summary = accessibility(request("walk", "[15]"));
    api.delete("/api/districts");
    // one district holding every hexagon of the city
    String box = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
        + "{\"name\":\"Porto Alegre\",\"code\":\"POA\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        + "[[[-51.4,-30.4],[-51.0,-30.4],[-51.0,-29.9],[-51.4,-29.9],[-51.4,-30.4]]]}}]}";
    Response imported = api.upload("/api/districts/import", "porto-alegre-box.geojson",
        box.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    try {
      Response response = api.get("/api/districts/indicators?standard=qingdao-2024&networkId=" + networkId);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      JsonNode row = response.json().at("/districts/0");
      // the walk target counts clinics within 15 minutes: the same cells as the summary
      assertThat(row.at("/accessShare/community-health-walk").asDouble())
          .isCloseTo(summary.at("/coveredShare/15").asDouble(), offset(1e-9));
      // no emergency station exists: nobody is within reach, and the report says so
      assertThat(row.at("/accessShare/emergency-drive").asDouble()).isZero();
      assertThat(row.at("/pass/emergency-drive").asBoolean()).isFalse();
      assertThat(response.json().get("notes").toString()).contains("emergency-drive");
    } finally {
      api.delete("/api/districts");
    }
  }

  @Test
  void withoutAPopulationLayerTheRequestIsRejected() {
    assertThat(api.delete("/api/population").status()).isBetween(200, 204);
    try {
      assertRejected(request("walk", "[15]"), "population");
    } finally {
      PortoAlegreFixture.importPopulation(api);
    }
  }
}
