package org.carecircle.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.SpoptSanFrancisco;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * PySAL spopt's San Francisco benchmark through the explicit-matrix API, with the published
 * answers (../shared/geodata/README.md, "Known answers"): 205 tracts weighted by POP2000, the 16
 * stores, network distances in metres, service distance 5,000 m. The request is built here from
 * the benchmark's CSV files, as a planner's tool would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SanFranciscoSitingApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MCLP_AND_PMEDIAN_SITES = List.of("Store_2", "Store_11", "Store_12", "Store_15");
  private static final List<String> PCENTER_SITES = List.of("Store_7", "Store_11", "Store_13", "Store_15");

  @LocalServerPort int port;
  ApiClient api;
  SpoptSanFrancisco sf;

  @BeforeAll
  void read() {
    api = new ApiClient(port);
    sf = SpoptSanFrancisco.read();
    assertThat(sf.tracts()).hasSize(205);
    assertThat(sf.stores()).hasSize(16);
    assertThat(sf.distances()).hasSize(16 * 205);
    assertThat(sf.totalPopulation()).isEqualTo(955_113);
  }

  /** The request body: demand = tracts by NAME with POP2000, candidates = stores, costs = the table. */
  private ObjectNode request(String model, Integer p, String solver) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    if (p != null) {
      body.put("p", p);
    }
    body.put("cutoff", 5000);
    body.put("solver", solver);
    body.put("timeLimitSeconds", 60);
    ArrayNode demand = body.putArray("demand");
    sf.tracts().forEach(t -> demand.addObject().put("id", t.name()).put("weight", t.population()));
    ArrayNode candidates = body.putArray("candidates");
    sf.stores().forEach(s -> candidates.addObject().put("id", s).put("fixed", false));
    ArrayNode costs = body.putArray("costs");
    sf.distances().forEach(d -> costs.addObject().put("candidate", d.store()).put("demand", d.tract())
        .put("cost", d.meters()));
    return body;
  }

  private JsonNode solve(ObjectNode body) {
    Response response = api.postJson("/api/siting/solve", body.toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static List<String> selected(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("selected").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static void printGap(String what, JsonNode heuristic, JsonNode exact) {
    double h = heuristic.get("objective").asDouble();
    double e = exact.get("objective").asDouble();
    System.out.printf("SF %s: heuristic %.6f (%.3f s, own bound gap %s), exact %.6f (%.3f s): gap to exact %.4f %%%n",
        what, h, heuristic.get("seconds").asDouble(), heuristic.get("gap"), e, exact.get("seconds").asDouble(),
        100 * Math.abs(h - e) / e);
  }

  @Test
  void mclpWithFourStoresCoversThePublishedPopulationWithTheOnlyOptimalSet() {
    JsonNode exact = solve(request("mclp", 4, "exact"));
    assertThat(exact.get("status").asText()).isEqualTo("optimal");
    assertThat(exact.get("coveredWeight").asDouble()).isEqualTo(875_247);
    assertThat(exact.get("objective").asDouble()).isEqualTo(875_247);
    assertThat(exact.get("uncoveredDemandCount").asInt()).isEqualTo(21);
    assertThat(selected(exact)).containsExactlyInAnyOrderElementsOf(MCLP_AND_PMEDIAN_SITES);
    assertThat(exact.get("gap").asDouble()).isZero();
    assertThat(exact.get("coveredShare").asDouble()).isCloseTo(875_247.0 / 955_113, within(1e-12));
    // sites by marginal gain: each covers people nobody else in the set covers
    assertThat(exact.get("sites")).hasSize(4);
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode site : exact.get("sites")) {
      assertThat(site.get("marginalGain").asDouble()).isPositive().isLessThanOrEqualTo(previous);
      previous = site.get("marginalGain").asDouble();
    }
    JsonNode presolve = exact.get("presolve");
    assertThat(presolve.get("demandPoints").asInt()).isEqualTo(205);
    assertThat(presolve.get("uncoverableDemandPoints").asInt()).isZero();
    assertThat(presolve.get("demandGroups").asInt()).isLessThan(205);

    JsonNode heuristic = solve(request("mclp", 4, "heuristic"));
    printGap("MCLP p=4", heuristic, exact);
    assertThat(heuristic.get("coveredWeight").asDouble()).isEqualTo(875_247);
    assertThat(selected(heuristic)).containsExactlyInAnyOrderElementsOf(MCLP_AND_PMEDIAN_SITES);
  }

  @Test
  void aFixedStoreCountsAsOpenAndIsNotChosenAgain() {
    // Store_15 is in the only optimal 4-set, so with it open the best 3 more are the rest of it
    ObjectNode body = request("mclp", 3, "exact");
    for (JsonNode candidate : body.get("candidates")) {
      if (candidate.get("id").asText().equals("Store_15")) {
        ((ObjectNode) candidate).put("fixed", true);
      }
    }
    JsonNode answer = solve(body);
    assertThat(answer.get("status").asText()).isEqualTo("optimal");
    assertThat(answer.get("coveredWeight").asDouble()).isEqualTo(875_247);
    assertThat(selected(answer)).containsExactlyInAnyOrder("Store_2", "Store_11", "Store_12");
    assertThat(answer.get("presolve").get("fixedCandidates").asInt()).isEqualTo(1);
    assertThat(answer.get("presolve").get("coveredByFixedDemandPoints").asInt()).isPositive();
  }

  @Test
  void lscpForNinetyPercentNeedsFourStoresBecauseThreeFallShort() {
    JsonNode three = solve(request("mclp", 3, "exact"));
    assertThat(three.get("coveredShare").asDouble()).isLessThan(0.9);
    ObjectNode body = request("lscp", null, "exact");
    body.put("targetShare", 0.9);
    JsonNode answer = solve(body);
    assertThat(answer.get("status").asText()).isEqualTo("optimal");
    assertThat(answer.get("objective").asInt()).isEqualTo(4);
    assertThat(answer.get("coveredShare").asDouble()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void pMedianWithFourStoresHasThePublishedMeanDistance() {
    JsonNode exact = solve(request("pmedian", 4, "exact"));
    assertThat(exact.get("status").asText()).isEqualTo("optimal");
    assertThat(exact.get("meanCost").asDouble()).isCloseTo(2982.1268579890657, within(1e-6));
    assertThat(exact.get("objective").asDouble()).isCloseTo(2982.1268579890657, within(1e-6));
    assertThat(selected(exact)).containsExactlyInAnyOrderElementsOf(MCLP_AND_PMEDIAN_SITES);

    JsonNode heuristic = solve(request("pmedian", 4, "heuristic"));
    printGap("p-median p=4", heuristic, exact);
    // the heuristic finds it too, and its Lagrangian bound already proves it
    assertThat(heuristic.get("meanCost").asDouble()).isCloseTo(2982.1268579890657, within(1e-6));
    assertThat(heuristic.get("status").asText()).isEqualTo("optimal");
  }

  @Test
  void lscpNeedsEightStoresToCoverEveryTract() {
    JsonNode exact = solve(request("lscp", null, "exact"));
    assertThat(exact.get("status").asText()).isEqualTo("optimal");
    assertThat(exact.get("objective").asInt()).isEqualTo(8);
    assertThat(exact.get("selected")).hasSize(8);
    assertThat(exact.get("uncoveredDemandCount").asInt()).isZero();
    assertThat(exact.get("coveredWeight").asDouble()).isEqualTo(955_113);

    JsonNode heuristic = solve(request("lscp", null, "heuristic"));
    printGap("LSCP", heuristic, exact);
    assertThat(heuristic.get("objective").asInt()).isEqualTo(8);
    assertThat(heuristic.get("uncoveredDemandCount").asInt()).isZero();
  }

  @Test
  void pCenterWithFourStoresHasThePublishedMinimaxDistance() {
    JsonNode exact = solve(request("pcenter", 4, "exact"));
    assertThat(exact.get("status").asText()).isEqualTo("optimal");
    assertThat(exact.get("maxCost").asDouble()).isCloseTo(7403.0638, within(1e-3));
    assertThat(selected(exact)).containsExactlyInAnyOrderElementsOf(PCENTER_SITES);

    JsonNode heuristic = solve(request("pcenter", 4, "heuristic"));
    printGap("p-center p=4", heuristic, exact);
    assertThat(heuristic.get("maxCost").asDouble()).isCloseTo(7403.0638, within(1e-3));
    assertThat(selected(heuristic)).containsExactlyInAnyOrderElementsOf(PCENTER_SITES);
  }

  @Test
  void backupCoverageKeepsThePrimaryOptimumAndCoversMoreTwice() {
    JsonNode plain = solve(request("mclp", 4, "exact"));
    ObjectNode body = request("mclp", 4, "exact");
    body.put("backup", true);
    JsonNode backup = solve(body);
    assertThat(backup.get("status").asText()).isEqualTo("optimal");
    // lexicographic: the primary coverage is the optimum, and the only optimal set stays
    assertThat(backup.get("coveredWeight").asDouble()).isEqualTo(875_247);
    assertThat(selected(backup)).containsExactlyInAnyOrderElementsOf(MCLP_AND_PMEDIAN_SITES);
    assertThat(backup.get("backupCoveredWeight").asDouble())
        .isEqualTo(plain.get("backupCoveredWeight").asDouble());
  }

  @Test
  void aJobAnswersWhatSolveAnswers() throws InterruptedException {
    Response accepted = api.postJson("/api/siting/jobs", request("mclp", 4, "exact").toString());
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String statusUrl = accepted.json().get("statusUrl").asText();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    JsonNode job;
    do {
      Thread.sleep(50);
      job = api.get(statusUrl).json();
    } while (!List.of("succeeded", "failed", "cancelled").contains(job.get("state").asText())
        && System.nanoTime() < deadline);
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("result").get("coveredWeight").asDouble()).isEqualTo(875_247);
    assertThat(selected(job.get("result"))).containsExactlyInAnyOrderElementsOf(MCLP_AND_PMEDIAN_SITES);
  }

  @Test
  void theCoverageCurveRisesWithEachStationAndMeetsTheMclpOptimumAtFour() {
    ObjectNode body = request("mclp", null, "heuristic");
    body.put("maxP", 8);
    Response response = api.postJson("/api/siting/curve", body.toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode curve = response.json();
    assertThat(curve).hasSize(8);
    double previous = 0;
    for (int k = 0; k < 8; k++) {
      JsonNode point = curve.get(k);
      assertThat(point.get("p").asInt()).isEqualTo(k + 1);
      assertThat(point.get("selected")).hasSize(k + 1);
      assertThat(point.get("coveredWeight").asDouble()).isGreaterThanOrEqualTo(previous);
      previous = point.get("coveredWeight").asDouble();
      System.out.printf("SF curve p=%d covered %.0f (%.2f %%)%n", k + 1, previous,
          100 * point.get("coveredShare").asDouble());
    }
    assertThat(curve.get(3).get("coveredWeight").asDouble()).isEqualTo(875_247);
    // LSCP needs 8 stores to cover every tract: 8 stations reach 100 %
    assertThat(curve.get(7).get("coveredShare").asDouble()).isEqualTo(1.0);
  }
}
