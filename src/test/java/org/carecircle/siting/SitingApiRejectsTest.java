package org.carecircle.siting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad siting requests answer 422 problem+json naming the row, field and what is wrong, never 500.
 * The base request is three demand points and three candidates with every cost (metres):
 * <pre>
 *        d1   d2   d3
 *   a   100  900  500
 *   b   800  200  500
 *   c   600  600  300
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SitingApiRejectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] DEMAND = {"d1", "d2", "d3"};
  private static final String[] CANDIDATES = {"a", "b", "c"};
  private static final double[][] COSTS = {{100, 900, 500}, {800, 200, 500}, {600, 600, 300}};

  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  private static ObjectNode base(String model) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model).put("p", 1).put("cutoff", 400).put("solver", "heuristic");
    ArrayNode demand = body.putArray("demand");
    double[] weights = {10, 20, 0};
    for (int d = 0; d < 3; d++) {
      demand.addObject().put("id", DEMAND[d]).put("weight", weights[d]);
    }
    ArrayNode candidates = body.putArray("candidates");
    for (String c : CANDIDATES) {
      candidates.addObject().put("id", c);
    }
    ArrayNode costs = body.putArray("costs");
    for (int c = 0; c < 3; c++) {
      for (int d = 0; d < 3; d++) {
        costs.addObject().put("candidate", CANDIDATES[c]).put("demand", DEMAND[d]).put("cost", COSTS[c][d]);
      }
    }
    return body;
  }

  private JsonNode rejected(String path, ObjectNode body, Consumer<ObjectNode> change) {
    change.accept(body);
    Response response = api.postJson(path, body.toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    return response.json().get("rejected");
  }

  private JsonNode rejected(ObjectNode body, Consumer<ObjectNode> change) {
    return rejected("/api/siting/solve", body, change);
  }

  private static void assertProblem(JsonNode problem, Integer row, String field, String messagePart) {
    if (row == null) {
      assertThat(problem.get("row").isNull()).as(problem.toString()).isTrue();
    } else {
      assertThat(problem.get("row").asInt()).as(problem.toString()).isEqualTo(row);
    }
    assertThat(problem.get("field").asText()).as(problem.toString()).isEqualTo(field);
    assertThat(problem.get("message").asText()).as(problem.toString()).contains(messagePart);
  }

  @Test
  void theBaseRequestIsFine() {
    Response response = api.postJson("/api/siting/solve", base("pmedian").toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    // p = 1, weights 10, 20, 0: a (100·10 + 900·20)/30 = 633.3; b (800·10 + 200·20)/30 = 400;
    // c (600·10 + 600·20)/30 = 600
    assertThat(response.json().get("selected").get(0).asText()).isEqualTo("b");
    assertThat(response.json().get("meanCost").asDouble()).isEqualTo(400);
  }

  @Test
  void pLargerThanTheCandidatesIsRejected() {
    JsonNode problems = rejected(base("mclp"), b -> b.put("p", 4));
    assertProblem(problems.get(0), null, "p", "more than the 3 candidates that can be opened");
  }

  @Test
  void pOfZeroOrLessIsRejected() {
    assertProblem(rejected(base("pmedian"), b -> b.put("p", 0)).get(0), null, "p", "at least 1");
    assertProblem(rejected(base("pcenter"), b -> b.put("p", -2)).get(0), null, "p", "at least 1");
    assertProblem(rejected(base("pmedian"), b -> b.remove("p")).get(0), null, "p", "required");
  }

  @Test
  void noCandidatesIsRejected() {
    JsonNode problems = rejected(base("mclp"), b -> b.putArray("candidates"));
    assertProblem(problems.get(0), null, "candidates", "no candidate sites");
  }

  @Test
  void missingPairsAreRejectedForTheCostModelsWithTheFirstOnesNamed() {
    Consumer<ObjectNode> dropTwo = b -> {
      ((ArrayNode) b.get("costs")).remove(4); // b → d2
      ((ArrayNode) b.get("costs")).remove(0); // a → d1
    };
    JsonNode problems = rejected(base("pmedian"), dropTwo);
    assertProblem(problems.get(0), null, "costs", "2 of 9 are missing, first: a → d1, b → d2");
    assertThat(rejected(base("pcenter"), dropTwo).get(0).get("message").asText()).contains("2 of 9 are missing");

    // the covering models read a missing pair as "not within the cutoff"
    ObjectNode mclp = base("mclp");
    dropTwo.accept(mclp);
    Response response = api.postJson("/api/siting/solve", mclp.toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    // d1 was within 400 of a only: now nobody covers it; c covers d3 (weight 0), b covers nothing left
    assertThat(response.json().get("presolve").get("uncoverableDemandPoints").asInt()).isEqualTo(2);
  }

  @Test
  void negativeCostsAndWeightsAreRejectedWithTheirRows() {
    JsonNode costs = rejected(base("pmedian"), b -> ((ObjectNode) b.get("costs").get(5)).put("cost", -3));
    assertProblem(costs.get(0), 6, "costs.cost", "-3.0 is negative");
    JsonNode weights = rejected(base("pmedian"), b -> ((ObjectNode) b.get("demand").get(1)).put("weight", -20));
    assertProblem(weights.get(0), 2, "demand.weight", "-20.0 is negative");
  }

  @Test
  void costsNamingUnknownIdsAreRejected() {
    JsonNode candidate = rejected(base("mclp"), b -> ((ObjectNode) b.get("costs").get(2)).put("candidate", "z"));
    assertProblem(candidate.get(0), 3, "costs.candidate", "there is no candidate 'z'");
    JsonNode demand = rejected(base("mclp"), b -> ((ObjectNode) b.get("costs").get(7)).put("demand", "d9"));
    assertProblem(demand.get(0), 8, "costs.demand", "there is no demand point 'd9'");
  }

  @Test
  void duplicateIdsAndPairsAreRejected() {
    JsonNode demand = rejected(base("mclp"), b -> ((ObjectNode) b.get("demand").get(2)).put("id", "d1"));
    assertProblem(demand.get(0), 3, "demand.id", "'d1' is also used in row 1");
    JsonNode candidates = rejected(base("mclp"), b -> ((ObjectNode) b.get("candidates").get(1)).put("id", "a"));
    assertProblem(candidates.get(0), 2, "candidates.id", "'a' is also used in row 1");
    JsonNode pair = rejected(base("mclp"), b -> ((ArrayNode) b.get("costs")).addObject()
        .put("candidate", "a").put("demand", "d1").put("cost", 50));
    assertProblem(pair.get(0), 10, "costs", "also given in row 1");
  }

  @Test
  void unknownModelAndSolverAreRejected() {
    assertProblem(rejected(base("mclp"), b -> b.put("model", "pmedain")).get(0), null, "model",
        "unknown model 'pmedain'");
    assertProblem(rejected(base("mclp"), b -> b.put("solver", "gurobi")).get(0), null, "solver",
        "unknown solver 'gurobi'");
    assertProblem(rejected(base("mclp"), b -> b.remove("cutoff")).get(0), null, "cutoff", "needs a cutoff");
  }

  @Test
  void aCutoffNoCandidateMeetsIsAnInfeasibleAnswerNotAnError() {
    ObjectNode body = base("mclp");
    body.put("cutoff", 50);
    Response response = api.postJson("/api/siting/solve", body.toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode answer = response.json();
    assertThat(answer.get("status").asText()).isEqualTo("infeasible");
    assertThat(answer.get("selected")).isEmpty();
    assertThat(answer.get("coveredWeight").asDouble()).isZero();
    assertThat(answer.get("message").asText()).contains("no candidate is within the cutoff");
    assertThat(answer.get("presolve").get("uncoverableDemandPoints").asInt()).isEqualTo(3);

    body.put("model", "lscp");
    assertThat(api.postJson("/api/siting/solve", body.toString()).json().get("status").asText())
        .isEqualTo("infeasible");
  }

  @Test
  void theCurveAndTheJobsCheckTheirRequestsAtOnce() {
    assertProblem(rejected("/api/siting/curve", base("lscp"), b -> b.put("maxP", 2)).get(0), null, "model",
        "needs a model with p");
    assertProblem(rejected("/api/siting/curve", base("mclp"), b -> b.put("maxP", 5)).get(0), null, "maxP",
        "from 1 to the 3 candidates");
    assertProblem(rejected("/api/siting/jobs", base("mclp"), b -> b.put("p", 9)).get(0), null, "p",
        "more than the 3 candidates");
  }

  @Test
  void malformedBodiesAnswer400AndAnEmptyOne422() {
    Response empty = api.postJson("/api/siting/solve", "");
    assertThat(empty.status()).as(empty.toString()).isEqualTo(422);
    assertProblem(empty.json().get("rejected").get(0), null, "body", "empty");
    for (String body : new String[] {"{", "[]", "{\"model\":\"mclp\",\"p\":\"four\"}"}) {
      Response response = api.postJson("/api/siting/solve", body);
      assertThat(response.status()).as(body + " → " + response).isEqualTo(400);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
  }
}
