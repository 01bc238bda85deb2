package org.carecircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PortoAlegreApiTest;
import org.carecircle.testsupport.PortoAlegreFixture;
import org.carecircle.testsupport.TestNetworks;
import org.junit.jupiter.api.Test;

/**
 * Siting on Porto Alegre through the API, as a planner would: the road network, the hexagon
 * population, the 117 health-facility cells imported as clinics and kept open, candidates generated
 * on the roads; then saving the answer as a scenario and exporting it. On H2GIS and PostGIS
 * (subclasses).
 */
abstract class NetworkSitingApiTest extends PortoAlegreApiTest {
  /** The hexagon grid's extent, a little more than the cells' centres. */
  static final double MIN_LON = -51.27;
  static final double MAX_LON = -51.08;
  static final double MIN_LAT = -30.15;
  static final double MAX_LAT = -29.96;

  /** MCLP, 5 minutes' drive, candidates every 1,000 m, the clinics open; {@code extra} adds fields. */
  String mclp(int p, String extra) {
    return "{\"networkId\":" + networkId + ",\"mode\":\"drive\",\"minutes\":5,\"model\":\"mclp\",\"p\":" + p
        + ",\"candidateGrid\":{\"spacingMeters\":1000},\"fixedFacilities\":{\"types\":[\"clinic\"]}" + extra + "}";
  }

  JsonNode solve(String body) {
    Response response = api.postJson("/api/siting/solve", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void mclpChoosesSitesOnTheRoadsAndReportsCoverageBeforeAndAfter() {
    JsonNode answer = solve(mclp(5, ",\"solver\":\"exact\""));
    assertThat(answer.get("status").asText()).isEqualTo("optimal");
    JsonNode network = answer.get("network");
    // every open clinic takes part or is named with the reason it cannot
    assertThat(network.get("fixedSites").size() + network.get("leftOutFixedSites").size())
        .isEqualTo(PortoAlegreFixture.HEALTHCARE_CELLS);
    network.get("leftOutFixedSites").forEach(left -> assertThat(left.get("reason").asText()).isNotBlank());
    assertThat(network.at("/candidates/source").asText()).isEqualTo("grid");
    assertThat(network.at("/candidates/used").asInt()).isPositive()
        .isEqualTo(network.get("candidatePoints").size());
    assertThat(network.at("/demand/totalPopulation").asDouble()).isCloseTo(PORTO_ALEGRE_POPULATION, offset(0.5));
    JsonNode sites = network.get("sites");
    assertThat(sites).hasSize(5);
    for (int k = 0; k < sites.size(); k++) {
      JsonNode site = sites.get(k);
      assertThat(site.get("rank").asInt()).isEqualTo(k + 1);
      assertThat(site.get("id").asText()).isEqualTo(answer.get("selected").get(k).asText()).startsWith("site-");
      assertThat(site.get("lon").asDouble()).isBetween(MIN_LON, MAX_LON);
      assertThat(site.get("lat").asDouble()).isBetween(MIN_LAT, MAX_LAT);
    }
    // ranked by marginal gain, largest first
    for (int k = 1; k < sites.size(); k++) {
      assertThat(sites.get(k).get("marginalGain").asDouble())
          .isLessThanOrEqualTo(sites.get(k - 1).get("marginalGain").asDouble());
    }
    double before = network.at("/before/coveredPopulation").asDouble();
    double after = network.at("/after/coveredPopulation").asDouble();
    assertThat(after).isCloseTo(answer.get("coveredWeight").asDouble(), offset(1e-6)).isGreaterThan(before);
    assertThat(network.at("/after/coveredShare").asDouble())
        .isCloseTo(after / network.at("/demand/totalPopulation").asDouble(), offset(1e-12));
    // the sum of the marginal gains cannot exceed what the new sites add together
    double gains = 0;
    for (JsonNode site : sites) {
      gains += site.get("marginalGain").asDouble();
    }
    assertThat(gains).isLessThanOrEqualTo(after - before + 1e-6);
  }

  @Test
  void coverageBeforeNewSitesEqualsTheAccessibilityOfTheOpenClinics() {
    // two independent computations of the same figure: one multi-source search from the clinics
    // (accessibility) and the siting matrix (one search per site) with no new site open
    JsonNode answer = solve(mclp(1, ""));
    Response accessibility = api.postJson("/api/accessibility", "{\"networkId\":" + networkId
        + ",\"facilityFilter\":{\"types\":[\"clinic\"]},\"mode\":\"drive\",\"minutes\":[5]}");
    assertThat(accessibility.status()).as(accessibility.toString()).isEqualTo(201);
    assertThat(answer.at("/network/before/coveredPopulation").asDouble())
        .isCloseTo(accessibility.json().at("/covered/5").asDouble(), offset(0.5));
  }

  @Test
  void theAnswerIsStoredAndTheCurveNeverGoesDown() {
    JsonNode answer = solve(mclp(3, ",\"curveMaxP\":6"));
    Response stored = api.get("/api/siting/results/" + answer.get("resultId").asLong());
    assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
    assertThat(stored.json()).isEqualTo(answer);
    JsonNode curve = answer.get("curve");
    assertThat(curve).hasSize(6);
    double previous = answer.at("/network/before/coveredPopulation").asDouble();
    for (int k = 0; k < curve.size(); k++) {
      assertThat(curve.get(k).get("p").asInt()).isEqualTo(k + 1);
      double covered = curve.get(k).get("coveredWeight").asDouble();
      assertThat(covered).isGreaterThanOrEqualTo(previous);
      previous = covered;
    }
    assertThat(api.get("/api/siting/results/999999").status()).isEqualTo(404);
  }

  @Test
  void noCandidateIsPlacedInAnExcludedArea() {
    // the middle of the city: [-51.22, -51.16] x [-30.08, -30.02]
    String excluded = "{\"type\":\"Polygon\",\"coordinates\":[[[-51.22,-30.08],[-51.16,-30.08],[-51.16,-30.02],"
        + "[-51.22,-30.02],[-51.22,-30.08]]]}";
    JsonNode free = solve(mclp(5, ""));
    JsonNode answer = solve(mclp(5, "").replace("{\"spacingMeters\":1000}",
        "{\"spacingMeters\":1000,\"excludedAreas\":" + excluded + "}"));
    assertThat(answer.at("/network/candidates/excluded").asInt()).isPositive();
    assertThat(answer.at("/network/candidates/used").asInt())
        .isEqualTo(free.at("/network/candidates/used").asInt() - answer.at("/network/candidates/excluded").asInt());
    List<JsonNode> points = new ArrayList<>();
    answer.get("network").get("candidatePoints").forEach(points::add);
    answer.get("network").get("sites").forEach(points::add);
    for (JsonNode point : points) {
      double lon = point.isArray() ? point.get(0).asDouble() : point.get("lon").asDouble();
      double lat = point.isArray() ? point.get(1).asDouble() : point.get("lat").asDouble();
      boolean inside = lon > -51.22 && lon < -51.16 && lat > -30.08 && lat < -30.02;
      assertThat(inside).as("%s, %s lies in the excluded area", lon, lat).isFalse();
    }
  }

  @Test
  void aSavedScenarioIsPlannedFacilitiesWithCoverageBeforeAndAfterAndExports() {
    JsonNode answer = solve(mclp(4, ""));
    Response created = api.postJson("/api/scenarios", "{\"name\":\"4 new stations\",\"resultId\":"
        + answer.get("resultId").asLong() + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode scenario = created.json();
    assertThat(scenario.get("typeCode").asText()).isEqualTo("emergency_station");
    assertThat(scenario.get("sites")).hasSize(4);
    assertThat(scenario.at("/summary/before")).isEqualTo(answer.at("/network/before"));
    assertThat(scenario.at("/summary/after")).isEqualTo(answer.at("/network/after"));
    assertThat(scenario.at("/sites/0/lon").asDouble())
        .isCloseTo(answer.at("/network/sites/0/lon").asDouble(), offset(1e-9));

    JsonNode planned = api.get("/api/facilities?status=planned").json();
    assertThat(planned.get("features")).hasSize(4);
    assertThat(planned.at("/features/0/properties/attributes/scenario").asText()).isEqualTo("4 new stations");

    Response exported = api.get("/api/scenarios/" + scenario.get("id").asLong() + "/export?format=geojson");
    assertThat(exported.status()).isEqualTo(200);
    assertThat(exported.json().get("features")).hasSize(4);
    assertThat(exported.json().at("/features/0/geometry/type").asText()).isEqualTo("Point");

    Response again = api.postJson("/api/scenarios", "{\"name\":\"4 new stations\",\"resultId\":"
        + answer.get("resultId").asLong() + "}");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.text()).contains("exists already");
    assertThat(api.get("/api/facilities?status=planned").json().get("features")).as("nothing half written")
        .hasSize(4);

    assertThat(api.delete("/api/scenarios/" + scenario.get("id").asLong()).status()).isEqualTo(204);
    assertThat(api.get("/api/facilities?status=planned").json().get("features")).isEmpty();
    assertThat(api.get("/api/scenarios/" + scenario.get("id").asLong()).status()).isEqualTo(404);
  }

  @Test
  void registryCandidatesBecomePlannedAndReturnWhenTheScenarioIsDeleted() {
    // three sites a planner imported as candidates, in the west, the centre and the east
    PortoAlegreFixture.importCandidateSites(api);
    JsonNode answer = solve(mclp(2, "").replace("\"candidateGrid\":{\"spacingMeters\":1000}",
        "\"candidateFacilities\":{}"));
    assertThat(answer.at("/network/candidates/source").asText()).isEqualTo("facilities");
    assertThat(answer.at("/network/candidates/used").asInt()).isEqualTo(3);
    List<Long> chosen = new ArrayList<>();
    answer.at("/network/sites").forEach(site -> {
      assertThat(site.get("id").asText()).isEqualTo("facility-" + site.get("facilityId").asLong());
      chosen.add(site.get("facilityId").asLong());
    });
    assertThat(chosen).hasSize(2);

    Response created = api.postJson("/api/scenarios", "{\"name\":\"two of the candidates\",\"resultId\":"
        + answer.get("resultId").asLong() + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    List<Long> planned = new ArrayList<>();
    api.get("/api/facilities?status=planned").json().get("features")
        .forEach(f -> planned.add(f.at("/properties/id").asLong()));
    assertThat(planned).as("the candidates themselves became planned").containsExactlyInAnyOrderElementsOf(chosen);
    assertThat(api.get("/api/facilities?status=candidate").json().get("features")).hasSize(1);

    assertThat(api.delete("/api/scenarios/" + created.json().get("id").asLong()).status()).isEqualTo(204);
    assertThat(api.get("/api/facilities?status=planned").json().get("features")).isEmpty();
    JsonNode candidates = api.get("/api/facilities?status=candidate").json().get("features");
    assertThat(candidates).hasSize(3);
    candidates.forEach(f -> assertThat(f.at("/properties/attributes").has("scenario")).isFalse());
    for (JsonNode f : candidates) {
      api.delete("/api/facilities/" + f.at("/properties/id").asLong());
    }
  }

  @Test
  void aJobReportsTheSameAnswerWithProgress() {
    Response accepted = api.postJson("/api/siting/jobs", mclp(2, ""));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode job = TestNetworks.awaitJob(api, accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(job.at("/result/network/sites")).hasSize(2);
    assertThat(job.at("/result/resultId").asLong()).isPositive();
  }

  @Test
  void badNetworkRequestsNameTheField() {
    assertProblem("{\"networkId\":987654,\"mode\":\"drive\",\"minutes\":5,\"model\":\"mclp\",\"p\":2,"
        + "\"candidateGrid\":{}}", "networkId", "no road network with id 987654");
    assertProblem(mclp(2, "").replace("\"minutes\":5,", ""), "minutes", "required");
    assertProblem(mclp(2, ",\"candidates\":[{\"id\":\"a\",\"lon\":-51.2,\"lat\":-30.0}]"), "candidates",
        "give one of candidates");
    assertProblem(mclp(2, "").replace("{\"spacingMeters\":1000}",
        "{\"excludedAreas\":{\"type\":\"Point\",\"coordinates\":[-51.2,-30.0]}}"), "candidateGrid.excludedAreas",
        "Polygon");
    assertProblem(mclp(2, "").replace("1000", "10"), "candidateGrid.spacingMeters", "between 100");
    // the shared fields are checked once, in AnalysisRequestCheckerTest; this one proves siting uses those checks
    assertProblem(mclp(2, "").replace("\"drive\"", "\"boat\""), "mode", "unknown mode 'boat'");
    assertProblem(mclp(2, "").replace("\"minutes\":5", "\"minutes\":[5,10]"), "minutes", "takes at most 1");
    assertProblem(mclp(2, "").replace("\"model\"", "\"cutoff\":3,\"model\""), "networkId", "not both");
    assertProblem(mclp(2, "").replace("[\"clinic\"]", "[\"spaceport\"]"), "fixedFacilities.types",
        "unknown facility type 'spaceport'");
    // known only after the travel times: two candidates on the roads, three sites wanted
    String twoPoints = "{\"networkId\":" + networkId + ",\"mode\":\"drive\",\"minutes\":5,\"model\":\"mclp\","
        + "\"p\":3,\"candidates\":[{\"id\":\"a\",\"lon\":-51.2,\"lat\":-30.03},{\"id\":\"b\",\"lon\":-51.18,"
        + "\"lat\":-30.05}]}";
    assertProblem(twoPoints, "p", "more than the 2 candidates");
    assertProblem(twoPoints.replace("\"p\":3", "\"p\":0"), "p", "at least 1");
  }

  @Test
  void aStandardNoSiteCanMeetAnswersInfeasible() {
    // 0.01 minutes: no resident is within 0.6 seconds of any station
    JsonNode answer = solve(mclp(2, "").replace("\"minutes\":5", "\"minutes\":0.01"));
    assertThat(answer.get("status").asText()).isEqualTo("infeasible");
    assertThat(answer.get("message").asText()).isNotBlank();
    assertThat(answer.get("coveredWeight").asDouble()).isZero();
  }

  void assertProblem(String body, String field, String message) {
    Response response = api.postJson("/api/siting/solve", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    response.json().get("rejected").forEach(p -> {
      fields.add(p.path("field").asText());
      messages.add(p.path("message").asText());
    });
    assertThat(fields).as(response.text()).contains(field);
    assertThat(String.join(" | ", messages)).as(response.text()).contains(message);
  }
}
