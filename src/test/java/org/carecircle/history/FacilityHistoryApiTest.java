package org.carecircle.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.facility.FacilityService;
import org.carecircle.io.geojson.GeoJsonReader;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Facility versions, If-Match and the change history over real HTTP on a real store; subclasses
 * choose the store. Entries are found by the facility's id (ids are never reused) or by entry ids
 * above the last one before the test, so entries of earlier tests never count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FacilityHistoryApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired ChangeLog changeLog;
  @Autowired FacilityService facilities;
  @Autowired TransactionTemplate transaction;
  ApiClient api;
  JdbcTemplate jdbc;

  static final String CLINIC = """
      {"type":"Feature","geometry":{"type":"Point","coordinates":[120.3826,36.0671]},
       "properties":{"name":"八大关社区卫生服务中心","type":"community_health_centre","beds":20,
                     "physicians":12,"attributes":{"district":"市南区"}}}""";

  @BeforeEach
  void emptyRegistry() {
    TestStores.clear(dataSource);
    api = new ApiClient(port);
    jdbc = new JdbcTemplate(dataSource);
  }

  private long lastEntryId() {
    Long last = jdbc.queryForObject("SELECT MAX(id) FROM change_log", Long.class);
    return last == null ? 0 : last;
  }

  private long entriesAfter(long entryId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM change_log WHERE id > ?", Long.class, entryId);
  }

  private Response put(long id, String feature, String version) {
    return api.request("PUT", "/api/facilities/" + id, feature, "If-Match", "\"" + version + "\"");
  }

  private long create(String feature) {
    Response created = api.postJson("/api/facilities", feature);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  @Test
  void createEditTwiceDeleteRestoreListsFiveVersionsAndBringsBackVersionThree() {
    Response created = api.postJson("/api/facilities", CLINIC);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    Response read = api.get("/api/facilities/" + id);
    assertThat(read.headers().firstValue("ETag")).contains("\"1\"");
    assertThat(read.json().at("/properties/version").asLong()).isEqualTo(1);

    Response second = put(id, CLINIC.replace("\"beds\":20", "\"beds\":35"), "1");
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.headers().firstValue("ETag")).contains("\"2\"");
    Response third = put(id, CLINIC.replace("\"beds\":20", "\"beds\":35").replace("八大关", "太平角")
        .replace("120.3826", "120.3901"), "2");
    assertThat(third.status()).as(third.toString()).isEqualTo(200);
    JsonNode versionThree = third.json();
    assertThat(versionThree.at("/properties/version").asLong()).isEqualTo(3);

    Response deleted = api.request("DELETE", "/api/facilities/" + id, null, "If-Match", "\"3\"");
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(api.get("/api/facilities/" + id).status()).isEqualTo(404);

    // the history is still there after the delete
    JsonNode beforeRestore = api.get("/api/facilities/" + id + "/history").json().get("entries");
    assertThat(beforeRestore).hasSize(4);

    Response restored = api.postJson("/api/facilities/" + id + "/history/3/restore", "");
    assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
    assertThat(restored.headers().firstValue("ETag")).contains("\"5\"");
    JsonNode now = api.get("/api/facilities/" + id).json();
    assertThat(now.get("id").asLong()).as("same id as before the delete").isEqualTo(id);
    assertThat(now.at("/properties/version").asLong()).isEqualTo(5);
    assertThat(withoutVersion(now)).as("the restored facility equals version 3").isEqualTo(withoutVersion(versionThree));

    Response history = api.get("/api/facilities/" + id + "/history");
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
    JsonNode entries = history.json().get("entries");
    List<String> lines = new ArrayList<>();
    entries.forEach(e -> lines.add(e.get("version").asLong() + " " + e.get("action").asText() + " "
        + e.get("user").asText()));
    String user = TestUser.NAME;
    assertThat(lines).containsExactly("5 restore " + user, "4 delete " + user, "3 update " + user,
        "2 update " + user, "1 create " + user);
    entries.forEach(e -> assertThat(e.get("changedAt").asText()).isNotBlank());

    // each entry has both states (null only before a create and after a delete), and each entry's
    // state before is the previous entry's state after
    JsonNode create = entries.get(4);
    assertThat(create.get("before").isNull()).isTrue();
    assertThat(create.at("/after/properties/beds").asInt()).isEqualTo(20);
    assertThat(entries.get(3).at("/before/properties/beds").asInt()).isEqualTo(20);
    assertThat(entries.get(3).at("/after/properties/beds").asInt()).isEqualTo(35);
    assertThat(entries.get(3).get("before")).isEqualTo(create.get("after"));
    assertThat(entries.get(2).get("before")).isEqualTo(entries.get(3).get("after"));
    assertThat(entries.get(2).at("/after/properties/name").asText()).isEqualTo("太平角社区卫生服务中心");
    assertThat(entries.get(1).get("before")).isEqualTo(entries.get(2).get("after"));
    assertThat(entries.get(1).get("after").isNull()).as("deleted").isTrue();
    assertThat(entries.get(0).get("before").isNull()).as("restored after a delete").isTrue();
    assertThat(withoutVersion(entries.get(0).get("after"))).isEqualTo(withoutVersion(versionThree));

    // "what changed" lists the edited fields only: the second edit changed the name and the location
    List<String> changed = new ArrayList<>();
    entries.get(2).get("changes").forEach(c -> changed.add(c.get("field").asText()));
    assertThat(changed).containsExactlyInAnyOrder("name", "location");
    assertThat(entries.get(3).at("/changes/0/field").asText()).isEqualTo("beds");
    assertThat(entries.get(3).at("/changes/0/before").asInt()).isEqualTo(20);
    assertThat(entries.get(3).at("/changes/0/after").asInt()).isEqualTo(35);

    // the whole log pages through the same entries, newest first
    JsonNode page = api.get("/api/history?entityType=facility&entityId=" + id + "&limit=2").json();
    assertThat(page.get("entries")).hasSize(2);
    assertThat(page.at("/entries/0/version").asLong()).isEqualTo(5);
    long next = page.get("nextBefore").asLong();
    JsonNode older = api.get("/api/history?entityType=facility&entityId=" + id + "&limit=2&before=" + next).json();
    assertThat(older.get("entries")).extracting(e -> e.get("version").asLong()).containsExactly(3L, 2L);
    assertThat(api.get("/api/history?user=" + user + "&entityType=facility&entityId=" + id).json().get("entries"))
        .hasSize(5);
    assertThat(api.get("/api/history?user=someone-else&entityType=facility&entityId=" + id).json().get("entries"))
        .isEmpty();
  }

  private static JsonNode withoutVersion(JsonNode feature) {
    JsonNode copy = feature.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("properties")).remove("version");
    return copy;
  }

  @Test
  void aStaleIfMatchIsAConflictWithBothVersionsAndWritesNothing() {
    long id = create(CLINIC);
    Response current = put(id, CLINIC.replace("\"beds\":20", "\"beds\":25"), "1");
    assertThat(current.status()).as(current.toString()).isEqualTo(200);
    assertThat(current.json().at("/properties/version").asLong()).isEqualTo(2);
    long entries = lastEntryId();

    // a second planner still has version 1 open and saves beds: 999
    Response stale = put(id, CLINIC.replace("\"beds\":20", "\"beds\":999"), "1");
    assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
    assertThat(stale.contentType()).startsWith("application/problem+json");
    JsonNode problem = stale.json();
    assertThat(problem.get("storedVersion").asLong()).isEqualTo(2);
    assertThat(problem.get("yourVersion").asLong()).isEqualTo(1);
    assertThat(problem.at("/stored/properties/beds").asInt()).isEqualTo(25);
    assertThat(problem.get("detail").asText()).contains("version 1").contains("version is 2").contains("Nothing was written");
    JsonNode stored = api.get("/api/facilities/" + id).json();
    assertThat(stored.at("/properties/beds").asInt()).as("nothing written").isEqualTo(25);
    assertThat(stored.at("/properties/version").asLong()).isEqualTo(2);
    assertThat(entriesAfter(entries)).as("nothing recorded").isZero();

    Response staleDelete = api.request("DELETE", "/api/facilities/" + id, null, "If-Match", "\"1\"");
    assertThat(staleDelete.status()).as(staleDelete.toString()).isEqualTo(409);
    assertThat(api.get("/api/facilities/" + id).status()).isEqualTo(200);

    Response fresh = put(id, CLINIC.replace("\"beds\":20", "\"beds\":999"), "2");
    assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
    assertThat(fresh.json().at("/properties/version").asLong()).isEqualTo(3);
    assertThat(fresh.json().at("/properties/beds").asInt()).isEqualTo(999);

    // without If-Match a script still replaces the facility, and the version still counts up
    Response script = api.putJson("/api/facilities/" + id, CLINIC);
    assertThat(script.status()).as(script.toString()).isEqualTo(200);
    assertThat(script.headers().firstValue("ETag")).contains("\"4\"");

    // a restore names the current version too: a stale one restores nothing
    Response staleRestore = api.request("POST", "/api/facilities/" + id + "/history/1/restore", null, "If-Match", "\"3\"");
    assertThat(staleRestore.status()).as(staleRestore.toString()).isEqualTo(409);
    assertThat(staleRestore.json().get("storedVersion").asLong()).isEqualTo(4);
    assertThat(api.get("/api/facilities/" + id).json().at("/properties/version").asLong()).isEqualTo(4);

    Response bad = api.request("PUT", "/api/facilities/" + id, CLINIC, "If-Match", "yesterday");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
    assertThat(bad.json().at("/rejected/0/field").asText()).isEqualTo("If-Match");
    assertThat(api.get("/api/facilities/" + id).json().at("/properties/version").asLong()).isEqualTo(4);
  }

  @Test
  void anImportOfNRowsRecordsNEntriesAndAFailingImportRecordsNone() {
    long existing = create(CLINIC.replace("\"beds\":20", "\"beds\":20,\"externalId\":\"QD-7\""));
    long before = lastEntryId();
    int rows = 250;
    StringBuilder csv = new StringBuilder("name,type,lon,lat,beds,externalId\n");
    for (int i = 1; i <= rows; i++) {
      // the seventh row updates the facility created above; the others are new
      csv.append("Clinic ").append(i).append(",clinic,").append(120 + i * 0.001).append(",36.1,").append(i)
          .append(',').append(i == 7 ? "QD-7" : "").append('\n');
    }
    Response imported = api.upload("/api/facilities/import", "clinics.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(imported.json().get("created").asInt()).isEqualTo(rows - 1);
    assertThat(imported.json().get("updated").asInt()).isEqualTo(1);
    assertThat(entriesAfter(before)).isEqualTo(rows);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT changed_at) FROM change_log WHERE id > ?", Long.class, before))
        .as("one transaction, one time").isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change_log WHERE id > ? AND action = 'import'", Long.class,
        before)).isEqualTo(rows - 1);

    JsonNode updated = api.get("/api/facilities/" + existing + "/history").json().get("entries");
    assertThat(updated.get(0).get("action").asText()).isEqualTo("import_update");
    assertThat(updated.get(0).get("version").asLong()).isEqualTo(2);
    assertThat(updated.get(0).at("/before/properties/beds").asInt()).isEqualTo(20);
    assertThat(updated.get(0).at("/after/properties/beds").asInt()).isEqualTo(7);
    assertThat(api.get("/api/facilities/" + existing).headers().firstValue("ETag")).contains("\"2\"");
    // a created row's entry holds the facility as the API shows it
    JsonNode first = api.get("/api/history?entityType=facility&limit=500").json().get("entries");
    assertThat(first).anySatisfy(e -> {
      assertThat(e.get("action").asText()).isEqualTo("import");
      assertThat(e.at("/after/properties/name").asText()).isEqualTo("Clinic 1");
      assertThat(e.at("/after/properties/id").asLong()).isEqualTo(e.get("entityId").asLong());
    });

    long afterImport = lastEntryId();
    String bad = csv.toString().replace("Clinic 100,clinic,", "Clinic 100,no-such-type,");
    Response rejected = api.upload("/api/facilities/import", "clinics.csv", bad.getBytes(StandardCharsets.UTF_8));
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
    assertThat(entriesAfter(afterImport)).as("a failing import records nothing").isZero();
  }

  @Test
  void aChangeAndItsEntryAreWholeOrAbsentTogether() {
    assertThatThrownBy(() -> changeLog.record(new Change(EntityType.FACILITY, "1", 1, ChangeAction.CREATE, null,
        java.util.Map.of())))
        .as("recording outside the change's transaction is refused").isInstanceOf(IllegalTransactionStateException.class);

    long before = lastEntryId();
    long facilitiesBefore = facilities.count();
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      facilities.create(GeoJsonReader.readSingleFeature(json(CLINIC)));
      throw new IllegalStateException("the work after the change fails");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(facilities.count()).isEqualTo(facilitiesBefore);
    assertThat(entriesAfter(before)).isZero();
  }

  @Test
  void aFacilityTooLargeForTheHistoryIsRejectedAndNotWritten() {
    long before = lastEntryId();
    long facilitiesBefore = facilities.count();
    String huge = CLINIC.replace("\"district\":\"市南区\"", "\"notes\":\"" + "x".repeat(ChangeLog.MAX_STATE_CHARS) + "\"");
    Response rejected = api.postJson("/api/facilities", huge);
    assertThat(rejected.status()).as(rejected.toString().substring(0, 300)).isEqualTo(422);
    assertThat(rejected.json().at("/rejected/0/field").asText()).isEqualTo("attributes");
    assertThat(rejected.json().at("/rejected/0/message").asText()).contains("at most 1000000");
    assertThat(facilities.count()).as("nothing written").isEqualTo(facilitiesBefore);
    assertThat(entriesAfter(before)).isZero();
  }

  @Test
  void historyOfAnUnknownFacilityAndBadPagesAreExplained() {
    Response unknown = api.get("/api/facilities/987654321/history");
    assertThat(unknown.status()).isEqualTo(404);
    long id = create(CLINIC);
    Response noVersion = api.postJson("/api/facilities/" + id + "/history/9/restore", "");
    assertThat(noVersion.status()).as(noVersion.toString()).isEqualTo(404);
    assertThat(noVersion.json().get("detail").asText()).contains("no recorded version 9");
    assertThat(api.request("DELETE", "/api/facilities/" + id, null).status()).isEqualTo(204);
    Response deletion = api.postJson("/api/facilities/" + id + "/history/2/restore", "");
    assertThat(deletion.status()).as(deletion.toString()).isEqualTo(422);
    assertThat(deletion.json().at("/rejected/0/field").asText()).isEqualTo("version");

    Response badType = api.get("/api/history?entityType=hospital");
    assertThat(badType.status()).isEqualTo(422);
    assertThat(badType.json().at("/rejected/0/field").asText()).isEqualTo("entityType");
    assertThat(badType.json().at("/rejected/0/message").asText()).contains("facility, district");
    Response badLimit = api.get("/api/history?limit=100000");
    assertThat(badLimit.status()).isEqualTo(422);
    assertThat(badLimit.json().at("/rejected/0/field").asText()).isEqualTo("limit");
  }

  private static JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
