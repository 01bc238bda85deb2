package org.carecircle.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Districts, the population layer and planning targets record their changes, over real HTTP on a
 * real store (subclasses choose it). Only entries written during a test are looked at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EntityHistoryApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  ApiClient api;
  JdbcTemplate jdbc;
  long firstEntry;

  /** Two unit squares east of Qingdao's coast, far from anything else in the tests. */
  static final String TWO_DISTRICTS = """
      {"type":"FeatureCollection","features":[
       {"type":"Feature","properties":{"name":"东区","code":"HIST-E"},
        "geometry":{"type":"Polygon","coordinates":[[[121.0,36.0],[121.1,36.0],[121.1,36.1],[121.0,36.1],[121.0,36.0]]]}},
       {"type":"Feature","properties":{"name":"西区","code":"HIST-W"},
        "geometry":{"type":"Polygon","coordinates":[[[120.9,36.0],[121.0,36.0],[121.0,36.1],[120.9,36.1],[120.9,36.0]]]}}]}""";

  @BeforeEach
  void start() {
    api = new ApiClient(port);
    jdbc = new JdbcTemplate(dataSource);
    api.delete("/api/districts");
    api.delete("/api/population");
    Long last = jdbc.queryForObject("SELECT MAX(id) FROM change_log", Long.class);
    firstEntry = last == null ? 1 : last + 1;
  }

  /** Entries of one entity type written during this test, oldest first, as "entityId vN action". */
  private List<String> entries(String entityType) {
    List<String> lines = new ArrayList<>();
    JsonNode page = api.get("/api/history?limit=500&entityType=" + entityType).json().get("entries");
    for (int i = page.size() - 1; i >= 0; i--) {
      JsonNode e = page.get(i);
      if (e.get("id").asLong() >= firstEntry) {
        assertThat(e.get("user").asText()).isEqualTo(TestUser.NAME);
        lines.add(e.get("entityId").asText() + " v" + e.get("version").asLong() + " " + e.get("action").asText());
      }
    }
    return lines;
  }

  private JsonNode latest(String entityType, String entityId) {
    return api.get("/api/history?limit=1&entityType=" + entityType + "&entityId=" + entityId).json().at("/entries/0");
  }

  @Test
  void districtImportOfficialPopulationAndDeleteAreRecordedAndStaleEditsRefused() {
    Response imported = api.upload("/api/districts/import", "two.geojson", TWO_DISTRICTS.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    long east = imported.json().at("/districts/0/id").asLong();
    long west = imported.json().at("/districts/1/id").asLong();

    Response read = api.get("/api/districts/" + east);
    assertThat(read.headers().firstValue("ETag")).contains("\"1\"");
    assertThat(read.json().at("/properties/version").asLong()).isEqualTo(1);
    String path = "/api/districts/" + east + "/official-population";
    Response set = api.request("PUT", path, "{\"officialPopulation\": 52000}", "If-Match", "\"1\"");
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.headers().firstValue("ETag")).contains("\"2\"");

    Response stale = api.request("PUT", path, "{\"officialPopulation\": 1}", "If-Match", "\"1\"");
    assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
    assertThat(stale.json().get("storedVersion").asLong()).isEqualTo(2);
    assertThat(stale.json().get("yourVersion").asLong()).isEqualTo(1);
    assertThat(stale.json().at("/stored/properties/officialPopulation").asDouble()).isEqualTo(52_000);
    assertThat(api.get("/api/districts/" + east).json().at("/properties/officialPopulation").asDouble())
        .as("nothing written").isEqualTo(52_000);

    JsonNode change = latest("district", String.valueOf(east));
    assertThat(change.at("/before/officialPopulation").isNull()).isTrue();
    assertThat(change.at("/after/officialPopulation").asDouble()).isEqualTo(52_000);
    assertThat(change.at("/after/name").asText()).isEqualTo("东区");
    assertThat(change.at("/changes/0/field").asText()).isEqualTo("officialPopulation");

    assertThat(api.delete("/api/districts").status()).isEqualTo(200);
    assertThat(entries("district")).containsExactly(east + " v1 import", west + " v1 import", east + " v2 update",
        east + " v3 delete", west + " v2 delete");
    assertThat(latest("district", String.valueOf(west)).at("/before/code").asText()).isEqualTo("HIST-W");
  }

  @Test
  void populationImportReplaceAndDeleteAreRecordedAsSummaries() {
    String cells = "lon,lat,population\n121.01,36.01,100\n121.02,36.02,250.5\n";
    Response first = api.upload("/api/population/import", "cells.csv", cells.getBytes(StandardCharsets.UTF_8));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    String more = cells + "121.03,36.03,49.5\n";
    Response second = api.upload("/api/population/import", "more-cells.csv", more.getBytes(StandardCharsets.UTF_8));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    Response failed = api.upload("/api/population/import", "bad.csv", "lon,lat,population\n121.01,36.01,-5\n"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(failed.status()).as(failed.toString()).isEqualTo(422);
    assertThat(api.delete("/api/population").status()).isIn(200, 204);

    List<String> lines = entries("population_layer");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).endsWith(" import");
    assertThat(lines.get(1)).endsWith(" replace");
    assertThat(lines.get(2)).endsWith(" delete");
    JsonNode page = api.get("/api/history?limit=3&entityType=population_layer&entityId=current").json();
    JsonNode deleted = page.at("/entries/0");
    JsonNode replaced = page.at("/entries/1");
    JsonNode imported = page.at("/entries/2");
    assertThat(imported.get("before").isNull()).isTrue();
    assertThat(imported.at("/after/cells").asLong()).isEqualTo(2);
    assertThat(imported.at("/after/totalPopulation").asDouble()).isEqualTo(350.5);
    assertThat(imported.at("/after/source/sourceName").asText()).isEqualTo("cells.csv");
    assertThat(replaced.at("/before/cells").asLong()).isEqualTo(2);
    assertThat(replaced.at("/after/cells").asLong()).isEqualTo(3);
    assertThat(replaced.at("/after/totalPopulation").asDouble()).isEqualTo(400);
    assertThat(replaced.at("/after/source/sourceName").asText()).isEqualTo("more-cells.csv");
    assertThat(replaced.get("version").asLong()).isEqualTo(imported.get("version").asLong() + 1);
    assertThat(deleted.at("/before/totalPopulation").asDouble()).isEqualTo(400);
    assertThat(deleted.get("after").isNull()).isTrue();
  }

  @Test
  void planningTargetChangesAndResetsAreRecorded() {
    String beds = "/api/standards/qingdao-2024/targets/beds-per-1000";
    api.delete(beds);
    long start = firstEntry;
    Long last = jdbc.queryForObject("SELECT MAX(id) FROM change_log", Long.class);
    firstEntry = last == null ? start : last + 1;
    assertThat(api.putJson(beds, "{\"value\":8.25}").status()).isEqualTo(200);
    assertThat(api.delete(beds).status()).isEqualTo(200);
    List<String> lines = entries("planning_target");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("qingdao-2024/beds-per-1000 v").endsWith(" set_target");
    assertThat(lines.get(1)).startsWith("qingdao-2024/beds-per-1000 v").endsWith(" reset_target");
    JsonNode reset = latest("planning_target", "qingdao-2024/beds-per-1000");
    assertThat(reset.at("/before/value").asDouble()).isEqualTo(8.25);
    assertThat(reset.at("/after/value").asDouble()).isEqualTo(7.5);
  }
}
