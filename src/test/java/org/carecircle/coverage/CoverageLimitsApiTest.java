package org.carecircle.coverage;

import org.carecircle.analysis.AnalysisLimits;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A synchronous coverage request is bounded: too many points, bands or facilities answer at once
 * with the limit and what to do, instead of keeping a request thread for tens of seconds. The
 * radius method needs no network, so every refusal here is about the limit alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CoverageLimitsApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  ApiClient api;

  @BeforeEach
  void client() {
    TestStores.clear(dataSource);
    api = new ApiClient(port);
  }

  private static String points(int count) {
    StringBuilder points = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      points.append(i == 0 ? "" : ",").append("[120.").append(1000 + i % 9000).append(",36.07]");
    }
    return points.append(']').toString();
  }

  private JsonNode refused(String path, String body, String field) {
    long started = System.nanoTime();
    ApiClient.Response response = api.postJson(path, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(System.nanoTime() - started).as("answered at once").isLessThan(5_000_000_000L);
    JsonNode problem = response.json().at("/rejected/0");
    assertThat(problem.get("field").asText()).isEqualTo(field);
    return problem;
  }

  @Test
  void twentyThousandPointsAreRefusedSynchronouslyWithTheLimitAndTheJobAlternative() {
    String body = "{\"method\":\"radius\",\"mode\":\"walk\",\"minutes\":[15],\"points\":" + points(20_000) + "}";
    JsonNode problem = refused("/api/coverage-zones", body, "points");
    assertThat(problem.get("message").asText()).contains("20000").contains("at most "
        + AnalysisLimits.MAX_SYNC_ORIGINS).contains("/api/coverage-zones/jobs");
    // as a job the same request is fine; more than the job limit is not
    ApiClient.Response job = api.postJson("/api/coverage-zones/jobs", body);
    assertThat(job.status()).as(job.toString()).isEqualTo(202);
    api.delete("/api/jobs/" + job.json().get("jobId").asText());
    String tooMany = "{\"method\":\"radius\",\"mode\":\"walk\",\"minutes\":[15],\"points\":"
        + points(AnalysisLimits.MAX_JOB_ORIGINS + 1) + "}";
    assertThat(refused("/api/coverage-zones/jobs", tooMany, "points").get("message").asText())
        .contains("at most " + AnalysisLimits.MAX_JOB_ORIGINS);
  }

  @Test
  void storedZoneSetsAreListedNewestFirstPageByPage() {
    new org.springframework.jdbc.core.JdbcTemplate(dataSource).update("DELETE FROM coverage_zone_set");
    java.util.List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(api.postJson("/api/coverage-zones",
          "{\"method\":\"radius\",\"mode\":\"walk\",\"minutes\":[5],\"points\":[[120.38,36.07]]}")
          .json().get("zoneSetId").asLong());
    }
    JsonNode first = api.get("/api/coverage-zones?limit=2").json();
    assertThat(first.get("numberMatched").asInt()).isEqualTo(3);
    assertThat(first.get("numberReturned").asInt()).isEqualTo(2);
    assertThat(first.at("/zoneSets/0/zoneSetId").asLong()).isEqualTo(ids.get(2));
    String next = first.at("/links/0/href").asText();
    assertThat(first.at("/links/0/rel").asText()).isEqualTo("next");
    JsonNode second = api.get(next).json();
    assertThat(second.get("numberReturned").asInt()).isEqualTo(1);
    assertThat(second.at("/zoneSets/0/zoneSetId").asLong()).isEqualTo(ids.get(0));
    assertThat(second.get("links")).isEmpty();
  }

  @Test
  void tenThousandBandsAreRefused() {
    StringBuilder minutes = new StringBuilder("[");
    for (int i = 1; i <= 10_000; i++) {
      minutes.append(i == 1 ? "" : ",").append(i * 0.01);
    }
    String body = "{\"method\":\"radius\",\"mode\":\"walk\",\"minutes\":" + minutes + "],\"points\":[[120.38,36.07]]}";
    JsonNode problem = refused("/api/coverage-zones", body, "minutes");
    assertThat(problem.get("message").asText()).contains("10000 values").contains("at most " + AnalysisLimits.MAX_BANDS);
    refused("/api/coverage-zones/jobs", body, "minutes");
  }

  @Test
  void moreFacilitiesThanTheSynchronousLimitAreSentToAJob() {
    StringBuilder csv = new StringBuilder("name,type,lon,lat\n");
    for (int i = 0; i <= AnalysisLimits.MAX_SYNC_ORIGINS; i++) {
      csv.append("Clinic ").append(i).append(",clinic,120.").append(1000 + i).append(",36.07\n");
    }
    ApiClient.Response imported = api.upload("/api/facilities/import", "clinics.csv",
        csv.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    JsonNode problem = refused("/api/coverage-zones",
        "{\"method\":\"radius\",\"mode\":\"walk\",\"minutes\":[15],\"facilityFilter\":{\"types\":[\"clinic\"]}}",
        "facilityFilter");
    assertThat(problem.get("message").asText()).contains((AnalysisLimits.MAX_SYNC_ORIGINS + 1) + " facilities")
        .contains("/api/coverage-zones/jobs");
  }
}
