package org.carecircle.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stored results age out: the scheduled clean-up (every 300 ms here) removes unnamed results older
 * than a day that are not the newest one of their kind, and unnamed ones beyond the newest three
 * whatever their age; named ones and siting runs a scenario refers to stay. Subclasses choose the
 * store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "carecircle.retention.max-age=1d", "carecircle.retention.keep-newest=1", "carecircle.retention.max-unnamed=3",
    "carecircle.retention.cleanup-interval=300ms"})
abstract class RetentionApiTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  ApiClient api;
  JdbcTemplate jdbc;

  @BeforeEach
  void emptyStore() {
    TestStores.clear(dataSource);
    jdbc = new JdbcTemplate(dataSource);
    jdbc.update("DELETE FROM coverage_zone_set");
    jdbc.update("DELETE FROM accessibility_result");
    api = new ApiClient(port);
  }

  private long zoneSet() {
    Response response = api.postJson("/api/coverage-zones",
        "{\"method\":\"radius\",\"mode\":\"walk\",\"minutes\":[10],\"points\":[[120.38,36.07]]}");
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().get("zoneSetId").asLong();
  }

  private void backdate(String table, long id) {
    jdbc.update("UPDATE " + table + " SET created_at = ? WHERE id = ?",
        Timestamp.from(Instant.now().minus(Duration.ofDays(2))), id);
  }

  private List<Long> ids(String table) {
    return jdbc.queryForList("SELECT id FROM " + table + " ORDER BY id", Long.class);
  }

  /** Waits until the clean-up has left exactly {@code expected} in the table. */
  private void awaitRemaining(String table, List<Long> expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!ids(table).equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(ids(table)).as(table).isEqualTo(expected);
  }

  @Test
  void oldUnnamedZoneSetsAreRemovedNamedYoungAndNewestStay() throws InterruptedException {
    List<Long> sets = new ArrayList<>();
    sets.add(zoneSet());
    // named at once: the clean-up runs all the time here
    Response named = api.putJson("/api/coverage-zones/" + sets.get(0) + "/name", "{\"name\": \"Baseline 2026\"}");
    assertThat(named.status()).as(named.toString()).isEqualTo(200);
    assertThat(named.json().get("kept").asBoolean()).isTrue();
    for (int i = 1; i < 5; i++) {
      sets.add(zoneSet());
    }
    for (int i = 0; i < 3; i++) {
      backdate("coverage_zone_set", sets.get(i));
    }
    // 0: old but named; 1, 2: old and unnamed (1 is also beyond the newest three unnamed); 3, 4:
    // younger than a day (4 is also the newest)
    awaitRemaining("coverage_zone_set", List.of(sets.get(0), sets.get(3), sets.get(4)));
    assertThat(api.get("/api/coverage-zones/" + sets.get(1)).status()).isEqualTo(404);
    assertThat(api.get("/api/coverage-zones/" + sets.get(0)).status()).isEqualTo(200);
    Long zones = jdbc.queryForObject("SELECT COUNT(*) FROM coverage_zone WHERE zone_set_id IN (?, ?)", Long.class,
        sets.get(1), sets.get(2));
    assertThat(zones).as("zones go with their set").isZero();

    // un-named, the old set goes too
    assertThat(api.putJson("/api/coverage-zones/" + sets.get(0) + "/name", "{\"name\": null}").status())
        .isEqualTo(200);
    awaitRemaining("coverage_zone_set", List.of(sets.get(3), sets.get(4)));
  }

  @Test
  void sitingRunsOfAScenarioStayAndOldAccessibilityResultsGo() throws InterruptedException {
    List<Long> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jdbc.update("INSERT INTO siting_run (network_id, model, answer, created_at) VALUES (1, 'mclp', '{}', ?)",
          Timestamp.from(Instant.now().minus(Duration.ofDays(3))));
    }
    runs.addAll(ids("siting_run"));
    jdbc.update("INSERT INTO scenario (name, siting_run_id, type_code, summary) VALUES ('kept', ?, 'clinic', '{}')",
        runs.get(0));
    for (int i = 0; i < 3; i++) {
      jdbc.update("INSERT INTO accessibility_result (network_id, mode, summary, cells, created_at)"
          + " VALUES (1, 'walk', '{}', ?, ?)", new byte[] {1}, Timestamp.from(Instant.now().minus(Duration.ofDays(3))));
    }
    List<Long> results = ids("accessibility_result");
    // the scenario's run and the newest run stay; of the results only the newest
    awaitRemaining("siting_run", List.of(runs.get(0), runs.get(2)));
    awaitRemaining("accessibility_result", List.of(results.get(2)));
  }

  @Test
  void beyondMaxUnnamedEvenYoungResultsGoOldestFirst() throws InterruptedException {
    List<Long> sets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sets.add(zoneSet());
    }
    awaitRemaining("coverage_zone_set", sets.subList(2, 5));
  }

  @Test
  void namingAnUnknownResultIs404AndABadNameIs422() {
    assertThat(api.putJson("/api/accessibility/987654/name", "{\"name\": \"x\"}").status()).isEqualTo(404);
    long set = zoneSet();
    Response bad = api.putJson("/api/coverage-zones/" + set + "/name", "{\"nam\": \"x\"}");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
    assertThat(bad.json().at("/rejected/0/field").asText()).isEqualTo("name");
  }
}
