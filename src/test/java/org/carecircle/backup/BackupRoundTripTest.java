package org.carecircle.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.carecircle.job.JobContext;
import org.carecircle.network.NetworkService;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PortoAlegreFixture;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestNetworks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backup of a store a planner has filled through the API (Porto Alegre's road network, population
 * and clinics, a facility with Chinese name and attributes, Qingdao's districts, a coverage zone
 * set, an accessibility result, a siting run saved as a scenario, a changed planning target), made
 * through {@code POST /api/admin/backups} and downloaded, then restored into an empty H2GIS and an
 * empty PostGIS store: every table equal row by row, the network folder equal byte by byte, and
 * the next facility gets a fresh id. Subclasses choose the source store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "carecircle.backup.directory=${java.io.tmpdir}/carecircle-test-backups-${random.uuid}")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackupRoundTripTest {
  /** Tables that must hold rows in the source, so that the comparison proves each one travels. */
  private static final List<String> FILLED_TABLES = List.of("facility", "population_cell", "population_layer",
      "district", "coverage_zone_set", "coverage_zone", "accessibility_result", "siting_run", "scenario",
      "scenario_facility", "planning_target_override", "road_network");

  @LocalServerPort int port;
  @Autowired DataSource source;
  @Autowired NetworkService networks;
  ApiClient api;
  long networkId;
  Path backup;
  String backupName;
  final TargetStores targets = new TargetStores();

  @BeforeAll
  void fillTheStoreAndBackItUp() throws Exception {
    TargetStores.emptyStore(source);
    api = new ApiClient(port);
    networkId = TestNetworks.importPortoAlegre(api);
    PortoAlegreFixture.importPopulation(api);
    PortoAlegreFixture.importClinics(api);
    PortoAlegreFixture.importCandidateSites(api);
    created(api.postJson("/api/facilities", """
        {"type":"Feature","geometry":{"type":"Point","coordinates":[120.3826123,36.0661987]},
         "properties":{"name":"青岛市市南区八大峡社区卫生服务中心","type":"community_health_centre","status":"existing",
                       "beds":20,"physicians":7,"address":"市南区西藏路 6 号","externalId":"QD-370202-001",
                       "attributes":{"等级":"一级","夜间门诊":true,"note":"line one\\nline two"}}}"""));
    Response districts = api.upload("/api/districts/import",
        SharedGeodata.file("china-districts/qingdao-districts.geojson"), "crs", "GCJ-02");
    assertThat(districts.status()).as(districts.toString()).isEqualTo(200);
    created(api.postJson("/api/coverage-zones", "{\"networkId\":" + networkId
        + ",\"points\":[[-51.2,-30.03]],\"mode\":\"walk\",\"minutes\":[5,10],\"method\":\"network\"}"));
    created(api.postJson("/api/accessibility", "{\"networkId\":" + networkId
        + ",\"facilityFilter\":{\"types\":[\"clinic\"]},\"mode\":\"walk\",\"minutes\":[15]}"));
    Response solved = api.postJson("/api/siting/solve", "{\"networkId\":" + networkId + ",\"mode\":\"drive\","
        + "\"minutes\":5,\"model\":\"mclp\",\"p\":2,\"candidateGrid\":{\"spacingMeters\":1000},"
        + "\"fixedFacilities\":{\"types\":[\"clinic\"]}}");
    assertThat(solved.status()).as(solved.toString()).isEqualTo(200);
    created(api.postJson("/api/scenarios", "{\"name\":\"两个新站 two new stations\",\"resultId\":"
        + solved.json().get("resultId").asLong() + "}"));
    Response target = api.putJson("/api/standards/qingdao-2024/targets/beds-per-1000", "{\"value\":8.25}");
    assertThat(target.status()).as(target.toString()).isEqualTo(200);

    backupName = makeBackup("");
    backup = download(backupName);
  }

  /** Makes a backup through the API, waits for its job and answers its name. */
  private String makeBackup(String query) {
    Response accepted = api.postJson("/api/admin/backups" + query, "");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode job = TestNetworks.awaitJob(api, accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    return job.at("/result/name").asText();
  }

  private Path download(String name) throws IOException {
    Response download = api.get("/api/admin/backups/" + name);
    assertThat(download.status()).as(download.toString()).isEqualTo(200);
    assertThat(download.contentType()).isEqualTo("application/zip");
    Path file = Files.createTempFile("carecircle-backup-test", ".zip");
    Files.write(file, download.body());
    return file;
  }

  /** Drops the target databases and leaves the source store empty, as the other test classes expect it. */
  @AfterAll
  void dropTargets() throws IOException, SQLException {
    targets.close();
    Files.deleteIfExists(backup);
    TargetStores.emptyStore(source);
  }

  private static void created(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  @Test
  void everyTableOfTheSourceHoldsData() {
    JdbcTemplate jdbc = new JdbcTemplate(source);
    for (String table : FILLED_TABLES) {
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isPositive();
    }
  }

  @Test
  void theListShowsTheBackupWithItsTablesAndRows() throws SQLException {
    JsonNode listed = null;
    for (JsonNode entry : api.get("/api/admin/backups").json()) {
      listed = entry.get("name").asText().equals(backupName) ? entry : listed;
    }
    assertThat(listed).as("the backup in the list").isNotNull();
    long rows = 0;
    List<String> tables = StoreComparison.applicationTables(source);
    for (String table : tables) {
      rows += new JdbcTemplate(source).queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
    assertThat(listed.get("rows").asLong()).isEqualTo(rows);
    assertThat(listed.get("tables").asInt()).isEqualTo(tables.size());
    assertThat(listed.get("sizeBytes").asLong()).isEqualTo(backup.toFile().length());
    assertThat(listed.get("networksIncluded").asBoolean()).isTrue();
    assertThat(listed.get("problem").isNull()).isTrue();
  }

  @Test
  void aBackupWithoutNetworksNamesThemToImportAgain() throws Exception {
    Path withoutNetworks = download(makeBackup("?includeNetworks=false"));
    try (ZipFile zip = new ZipFile(withoutNetworks.toFile())) {
      assertThat(zip.stream().map(ZipEntry::getName)).noneMatch(n -> n.startsWith("networks/")).isNotEmpty();
      assertThat(withoutNetworks.toFile().length()).isLessThan(backup.toFile().length() / 2);
    }
    DataSource target = targets.emptyH2gis();
    Path folder = targets.emptyFolder();
    RestoreReport report = new StoreRestorer(target, new StoreCatalogue(List.of()), folder)
        .restore(withoutNetworks, JobContext.NONE);
    assertThat(report.networksRestored()).isEmpty();
    assertThat(report.networksToImport()).containsExactly("Porto Alegre");
    assertThat(new JdbcTemplate(target).queryForObject("SELECT name FROM road_network", String.class))
        .isEqualTo("Porto Alegre");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
    Files.delete(withoutNetworks);
  }

  @Test
  void restoredIntoAnEmptyH2gisStoreEveryRowIsEqual() throws Exception {
    assertRestoresInto(targets.emptyH2gis(), targets.emptyFolder());
  }

  @Test
  void restoredIntoAnEmptyPostgisStoreEveryRowIsEqual() throws Exception {
    assertRestoresInto(targets.emptyPostgis(), targets.emptyFolder());
  }

  private void assertRestoresInto(DataSource target, Path networkFolder) throws Exception {
    StoreRestorer restorer = new StoreRestorer(target, new StoreCatalogue(List.of()), networkFolder);
    RestoreReport report = restorer.restore(backup, JobContext.NONE);
    assertThat(report.networksRestored()).containsExactly("Porto Alegre");
    StoreComparison.assertSameRows(source, target);
    assertSameFiles(networks.folder(networkId), networkFolder.resolve(Long.toString(networkId)));

    // a second restore into the now filled store is refused and changes nothing
    assertThatThrownBy(() -> new StoreRestorer(target, new StoreCatalogue(List.of()), targets.emptyFolder())
        .restore(backup, JobContext.NONE))
        .isInstanceOf(RestoreRefusedException.class).hasMessageContaining("facility (");
    StoreComparison.assertSameRows(source, target);

    // identities continue after the restored ids
    JdbcTemplate jdbc = new JdbcTemplate(target);
    long highestFacility = jdbc.queryForObject("SELECT MAX(id) FROM facility", Long.class);
    long highestDistrict = jdbc.queryForObject("SELECT MAX(id) FROM district", Long.class);
    long highestZoneSet = jdbc.queryForObject("SELECT MAX(id) FROM coverage_zone_set", Long.class);
    assertThat(insertReturningId(target, "INSERT INTO facility (name, type_code, status, geom) VALUES"
        + " ('新站', 'clinic', 'planned', ST_GeomFromText('POINT (-51.2 -30.03)', 4326))"))
        .isGreaterThan(highestFacility);
    assertThat(insertReturningId(target, "INSERT INTO district (name, geom) VALUES ('新区',"
        + " ST_GeomFromText('MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))', 4326))")).isGreaterThan(highestDistrict);
    assertThat(insertReturningId(target, "INSERT INTO coverage_zone_set (parameters, unreachable) VALUES ('{}', '[]')"))
        .isGreaterThan(highestZoneSet);
  }

  private static long insertReturningId(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        var statement = connection.prepareStatement(sql, new String[] {"id"})) {
      statement.executeUpdate();
      try (var keys = statement.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        return keys.getLong(1);
      }
    }
  }

  private static void assertSameFiles(Path expected, Path actual) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(expected)) {
      files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    try (Stream<Path> walk = Files.walk(actual)) {
      assertThat(walk.filter(Files::isRegularFile).map(actual::relativize).sorted().toList()).isEqualTo(files);
    }
    for (Path file : files) {
      assertThat(Files.mismatch(expected.resolve(file), actual.resolve(file))).as(file.toString()).isEqualTo(-1L);
    }
  }
}
