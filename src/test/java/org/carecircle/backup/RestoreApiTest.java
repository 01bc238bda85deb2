package org.carecircle.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestNetworks;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/admin/restore} into this application's own empty store (subclasses choose it;
 * the backup comes from H2GIS): files that are not
 * (whole) backups are refused with 422 naming what is wrong, a backup from another schema version
 * with 409 naming both versions, all without writing anything; a good backup is restored, the next
 * facility gets a fresh id, and a second restore into the now filled store is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "carecircle.backup.directory=${java.io.tmpdir}/carecircle-test-backups-${random.uuid}")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RestoreApiTest {
  private static final String RESTORE = "/api/admin/restore";
  @LocalServerPort int port;
  @Autowired DataSource store;
  ApiClient api;
  Path backup;
  final TargetStores targets = new TargetStores();

  @BeforeAll
  void backUpASmallStore() throws Exception {
    TargetStores.emptyStore(store);
    api = new ApiClient(port);
    DataSource source = targets.emptyH2gis();
    JdbcTemplate jdbc = new JdbcTemplate(source);
    jdbc.update("INSERT INTO facility (id, name, type_code, status, beds, attributes, geom) VALUES"
        + " (41, '济南市历下区姚家街道社区卫生服务中心', 'community_health_centre', 'existing', 12, '{\"等级\":\"一级\"}',"
        + " ST_GeomFromText('POINT (117.0421 36.6617)', 4326))");
    jdbc.update("INSERT INTO facility (id, name, type_code, status, geom) VALUES"
        + " (57, '急救分站', 'emergency_station', 'planned', ST_GeomFromText('POINT (117.1 36.65)', 4326))");
    backup = BackupFiles.write(source, targets.emptyFolder(), true);
  }

  /** Leaves the store empty, as the other test classes expect the shared PostGIS database. */
  @AfterAll
  void emptyTheStore() throws Exception {
    TargetStores.emptyStore(store);
    targets.close();
  }

  private long facilities() {
    return new JdbcTemplate(store).queryForObject("SELECT COUNT(*) FROM facility", Long.class);
  }

  private static String firstMessage(Response response) {
    return response.json().at("/rejected/0/message").asText();
  }

  @Test
  @Order(1)
  void aFileThatIsNotAZipIsRejected() {
    Response response = api.upload(RESTORE, "facilities.csv", "name,lon,lat\n".getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(firstMessage(response)).contains("not a zip archive");
    assertThat(response.json().at("/rejected/0/field").asText()).isEqualTo("file");
  }

  @Test
  @Order(2)
  void aZipWithoutManifestIsRejected() throws Exception {
    byte[] zip = BackupFiles.rewrite(backup, Map.of(BackupManifest.MANIFEST_ENTRY, content -> null));
    Response response = api.upload(RESTORE, "other.zip", zip);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(firstMessage(response)).contains("no manifest.json");

    byte[] foreign = BackupFiles.rewrite(backup, Map.of(BackupManifest.MANIFEST_ENTRY,
        content -> "{\"format\": \"other-tool\", \"formatVersion\": 1}".getBytes(StandardCharsets.UTF_8)));
    Response other = api.upload(RESTORE, "other.zip", foreign);
    assertThat(other.status()).as(other.toString()).isEqualTo(422);
    assertThat(firstMessage(other)).contains("format 'other-tool'");

    byte[] truncated = BackupFiles.rewrite(backup, Map.of(BackupManifest.MANIFEST_ENTRY,
        content -> "{\"format\": \"carecircle-backup\", \"formatVersion\": 1, \"schemaVersion\": \"7\"}"
            .getBytes(StandardCharsets.UTF_8)));
    Response partial = api.upload(RESTORE, "partial.zip", truncated);
    assertThat(partial.status()).as(partial.toString()).isEqualTo(422);
    assertThat(firstMessage(partial)).contains("lacks");
  }

  @Test
  @Order(3)
  void aDamagedTableIsRejectedAndNothingIsWritten() throws Exception {
    byte[] zip = BackupFiles.rewrite(backup, Map.of("tables/facility.jsonl",
        content -> new String(content, StandardCharsets.UTF_8).replace("急救分站", "急救总站").getBytes(StandardCharsets.UTF_8)));
    Response response = api.upload(RESTORE, "damaged.zip", zip);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(firstMessage(response)).contains("tables/facility.jsonl").contains("checksum");
    assertThat(facilities()).isZero();
  }

  @Test
  @Order(4)
  void aCutOffFileIsRejected() throws Exception {
    byte[] whole = Files.readAllBytes(backup);
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    Response response = api.upload(RESTORE, "cut.zip", cut);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(facilities()).isZero();
  }

  @Test
  @Order(5)
  void aBackupFromANewerSchemaIsRefusedNamingBothVersions() throws Exception {
    String storeVersion = new JdbcTemplate(store).queryForList(
        "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL", String.class)
        .stream().max(Comparator.comparing(MigrationVersion::fromVersion)).orElseThrow();
    byte[] zip = BackupFiles.rewrite(backup, Map.of(BackupManifest.MANIFEST_ENTRY, content -> {
      try {
        ObjectNode manifest = (ObjectNode) StoreBackupWriter.JSON.readTree(content);
        manifest.put("schemaVersion", "99");
        return StoreBackupWriter.JSON.writeValueAsBytes(manifest);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
    Response response = api.upload(RESTORE, "newer.zip", zip);
    assertThat(response.status()).as(response.toString()).isEqualTo(409);
    assertThat(response.json().get("detail").asText())
        .contains("schema version 99").contains("schema version " + storeVersion).contains("newer");
    assertThat(facilities()).isZero();
  }

  @Test
  @Order(6)
  void aBackupIsRestoredAndTheNextFacilityGetsAFreshId() {
    Response response = api.upload(RESTORE, "good.zip", read(backup));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("rows").asLong()).isEqualTo(2);
    assertThat(api.get("/api/facilities/41").json().at("/properties/name").asText())
        .isEqualTo("济南市历下区姚家街道社区卫生服务中心");
    Response created = api.postJson("/api/facilities", """
        {"type":"Feature","geometry":{"type":"Point","coordinates":[117.0,36.6]},
         "properties":{"name":"新的诊所","type":"clinic","status":"planned"}}""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("id").asLong()).isGreaterThan(57);
  }

  @Test
  @Order(7)
  void aSecondRestoreIntoTheFilledStoreIsRefusedAndChangesNothing() {
    long before = facilities();
    Response response = api.upload(RESTORE, "good.zip", read(backup));
    assertThat(response.status()).as(response.toString()).isEqualTo(409);
    assertThat(response.json().get("detail").asText()).contains("empty store").contains("facility (3 rows)");
    assertThat(facilities()).isEqualTo(before);
  }

  @Test
  @Order(8)
  void backupNamesAreCheckedBeforeAnyFileIsTouched() {
    Response hidden = api.get("/api/admin/backups/.carecircle-manual-1.zip.partial");
    assertThat(hidden.status()).as(hidden.toString()).isEqualTo(422);
    assertThat(hidden.json().at("/rejected/0/field").asText()).isEqualTo("name");
    assertThat(api.get("/api/admin/backups/..%2F..%2Fpom.xml").status()).isBetween(400, 422);
    assertThat(api.get("/api/admin/backups/carecircle-manual-none.zip").status()).isEqualTo(404);
    assertThat(api.delete("/api/admin/backups/carecircle-manual-none.zip").status()).isEqualTo(404);
  }

  @Test
  @Order(9)
  void aBackupMadeThroughTheApiIsListedDownloadedAndDeleted() {
    // other tests sharing this application context may have left backups in its folder
    api.get("/api/admin/backups").json().findValuesAsText("name")
        .forEach(old -> assertThat(api.delete("/api/admin/backups/" + old).status()).isEqualTo(204));
    Response accepted = api.postJson("/api/admin/backups", "");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode job = TestNetworks.awaitJob(api, accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    String name = job.at("/result/name").asText();
    // the three facilities, the change-history entries written with them and the accounts (the first admin)
    JdbcTemplate jdbc = new JdbcTemplate(store);
    long expectedRows = 0;
    for (String table : List.of("facility", "change_log", "app_user", "api_token")) {
      expectedRows += jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM facility", Long.class)).isEqualTo(3);
    assertThat(job.at("/result/rows").asLong()).isEqualTo(expectedRows);
    assertThat(api.get("/api/admin/backups").json().findValuesAsText("name")).containsExactly(name);
    Response file = api.get("/api/admin/backups/" + name);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(name);

    assertThat(api.delete("/api/admin/backups/" + name).status()).isEqualTo(204);
    assertThat(api.get("/api/admin/backups").json()).isEmpty();
    assertThat(api.get("/api/admin/backups/" + name).status()).isEqualTo(404);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
