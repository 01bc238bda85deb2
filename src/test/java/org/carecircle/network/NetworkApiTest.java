package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.carecircle.job.JobService;
import org.carecircle.job.JobState;
import org.carecircle.job.JobStatus;
import org.carecircle.job.JobStoreProperties;
import org.carecircle.job.JobTestStores;
import org.carecircle.system.CareCircleProperties;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.Jobs;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The network API over real HTTP on a real store; subclasses choose the store, so every test here
 * runs on H2GIS and on PostGIS. Porto Alegre is uploaded once per class and shared by the tests;
 * every bad-input test checks that no row and no folder was left behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "carecircle.network.ambulance-speed-factor=1.25")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NetworkApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired NetworkService networks;
  @Autowired JobService jobs;
  @Autowired NetworkRepository repository;
  ApiClient api;
  private Long portoAlegreId;

  /** A fresh networks folder for each application context (one per store). */
  static void networksFolder(DynamicPropertyRegistry registry) {
    try {
      String folder = Files.createTempDirectory("carecircle-networks").toString();
      registry.add("carecircle.network.directory", () -> folder);
      // server-side import reads only inside the listed folders
      registry.add("carecircle.import.server-folders", () -> portoAlegre().getParent().toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  void emptyCatalogue() {
    TestStores.clearNetworks(dataSource);
    api = new ApiClient(port);
  }

  private static Path portoAlegre() {
    return SharedGeodata.file("porto-alegre/poa_osm.pbf");
  }

  /** Polls the job through the API until it has finished. */
  private JsonNode awaitJob(String jobId) {
    long deadline = System.nanoTime() + Jobs.DEADLINE.toNanos();
    while (true) {
      Response response = api.get("/api/jobs/" + jobId);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      JsonNode job = response.json();
      if (JobState.valueOf(job.get("state").asText().toUpperCase()).isFinished()) {
        return job;
      }
      assertThat(System.nanoTime()).as("job " + jobId + " finishes in time").isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Porto Alegre uploaded through the API, once for all tests of the class. */
  private long portoAlegreId() {
    if (portoAlegreId == null) {
      Response accepted = api.upload("/api/networks/import", portoAlegre(), "name", "Porto Alegre");
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
      String jobId = accepted.json().get("jobId").asText();
      assertThat(accepted.headers().firstValue("Location")).contains("/api/jobs/" + jobId);
      JsonNode job = awaitJob(jobId);
      assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
      portoAlegreId = job.at("/result/id").asLong();
    }
    return portoAlegreId;
  }

  /** Names and sizes of everything in the networks folder, to prove nothing was left behind. */
  private Map<String, Long> folderContents() throws IOException {
    Map<String, Long> contents = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(networks.directory())) {
      for (Path path : paths.toList()) {
        contents.put(networks.directory().relativize(path).toString(), Files.isDirectory(path) ? -1 : Files.size(path));
      }
    }
    return contents;
  }

  @Test
  void uploadedPortoAlegreIsImportedAsAJobAndListed() {
    long id = portoAlegreId();

    JsonNode network = api.get("/api/networks/" + id).json();
    assertThat(network.get("name").asText()).isEqualTo("Porto Alegre");
    assertThat(network.get("sourceFile").asText()).isEqualTo("poa_osm.pbf");
    // the extract: 43,264 OSM nodes on 16,032 ways, 21,572 junctions and ends in GraphHopper 11
    assertThat(network.get("nodeCount").asInt()).isBetween(15_000, 35_000);
    assertThat(network.get("edgeCount").asInt()).isBetween(20_000, 45_000);
    JsonNode bbox = network.get("bbox");
    assertThat(bbox).hasSize(4);
    assertThat(bbox.get(0).asDouble()).isBetween(-51.30, -51.20);
    assertThat(bbox.get(1).asDouble()).isBetween(-30.20, -30.05);
    assertThat(bbox.get(2).asDouble()).isBetween(-51.15, -51.05);
    assertThat(bbox.get(3).asDouble()).isBetween(-30.02, -29.95);
    assertThat(network.get("profiles")).extracting(JsonNode::asText).containsExactly("walk", "drive", "ambulance");
    assertThat(network.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    assertThat(api.get("/api/networks").json()).extracting(n -> n.get("id").asLong()).contains(id);
    assertThat(networks.folder(id).resolve(NetworkService.NETWORK_FILE)).isRegularFile();
    assertThat(networks.folder(id).resolve(NetworkService.GRAPHHOPPER_FOLDER)).isDirectory();
  }

  @Test
  void finishedImportJobReportsItsResult() {
    long id = portoAlegreId();
    JobStatus job = jobs.list().stream().filter(j -> j.kind().equals(NetworkService.IMPORT_JOB_KIND))
        .filter(j -> j.state() == JobState.SUCCEEDED).filter(j -> ((NetworkInfo) j.result()).id() == id)
        .findFirst().orElseThrow();

    JsonNode status = api.get("/api/jobs/" + job.id()).json();
    assertThat(status.get("kind").asText()).isEqualTo("network-import");
    assertThat(status.get("state").asText()).isEqualTo("succeeded");
    assertThat(status.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(status.get("error").isNull()).isTrue();
    assertThat(status.at("/result/id").asLong()).isEqualTo(id);
    assertThat(status.at("/result/bbox")).hasSize(4);
    assertThat(status.get("startedAt").isNull()).isFalse();
    assertThat(status.get("finishedAt").isNull()).isFalse();
    // cancelling a finished job answers 204 and changes nothing
    assertThat(api.delete("/api/jobs/" + job.id()).status()).isEqualTo(204);
    assertThat(api.get("/api/jobs/" + job.id()).json().get("state").asText()).isEqualTo("succeeded");
    assertThat(api.get("/api/jobs/no-such-job").status()).isEqualTo(404);
  }

  @Test
  void networkLoadsFromItsFileAfterARestartWithoutImportingAgain() throws IOException {
    long id = portoAlegreId();
    RoadNetwork beforeRestart = networks.network(id);
    Map<String, Long> filesBefore = folderContents();
    FileTime networkFileWritten = Files.getLastModifiedTime(networks.folder(id).resolve(NetworkService.NETWORK_FILE));

    // a "restart": a new service with a new, empty job pool on the same store and folder
    // jobs are in the database: the new pool sees the jobs so far, and must add none
    List<String> jobsBefore = jobs.list().stream().map(JobStatus::id).toList();
    JobService freshJobs = new JobService(1, 1, Duration.ofHours(1), java.time.Clock.systemUTC(), dataSource,
        JobTestStores.json(), JobStoreProperties.defaults());
    try {
      NetworkService restarted = new NetworkService(new JdbcNetworkRepository(new JdbcTemplate(dataSource)),
          freshJobs, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
          new CareCircleProperties.NetworkSettings(networks.directory().toString(), 1.25, 200, null));
      restarted.removeLeftovers();

      assertThat(restarted.list()).extracting(NetworkInfo::id).contains(id);
      RoadNetwork loaded = restarted.network(id);
      assertThat(loaded).isNotSameAs(beforeRestart);
      RoadNetworkAssertions.assertSameNetwork(loaded, beforeRestart);
      ModeGraph drive = restarted.graph(id, TravelMode.DRIVE);
      assertThat(drive.arcSeconds).isEqualTo(beforeRestart.modeGraph(TravelMode.DRIVE).arcSeconds);

      // nothing was imported: no job ran, and no file was written or rewritten
      assertThat(freshJobs.list()).extracting(JobStatus::id).containsExactlyElementsOf(jobsBefore);
      assertThat(folderContents()).isEqualTo(filesBefore);
      assertThat(Files.getLastModifiedTime(networks.folder(id).resolve(NetworkService.NETWORK_FILE)))
          .isEqualTo(networkFileWritten);
    } finally {
      freshJobs.shutdown();
    }
  }

  @Test
  void everyModeHasItsGraphAndAmbulanceUsesTheSpeedFactor() {
    long id = portoAlegreId();
    ModeGraph drive = networks.graph(id, TravelMode.DRIVE);
    ModeGraph ambulance = networks.graph(id, TravelMode.AMBULANCE);
    assertThat(networks.graph(id, TravelMode.AMBULANCE)).as("cached").isSameAs(ambulance);
    assertThat(ambulance.arcHead).isSameAs(drive.arcHead);
    // this context sets carecircle.network.ambulance-speed-factor=1.25
    for (int arc = 0; arc < drive.arcCount(); arc += 997) {
      assertThat((double) ambulance.arcSeconds[arc]).isCloseTo(drive.arcSeconds[arc] / 1.25, within(1e-4));
    }
    assertThat(networks.graph(id, TravelMode.WALK).arcCount()).isGreaterThan(drive.arcCount());

    // Praça da Matriz: a 15-minute search by each mode reaches more by car than on foot
    int reachedOnFoot = 0;
    int reachedByCar = 0;
    for (TravelMode mode : List.of(TravelMode.WALK, TravelMode.DRIVE, TravelMode.AMBULANCE)) {
      ModeNetwork routing = networks.modeNetwork(id, mode);
      SnappedPoint square = routing.locator().snap(-51.2302, -30.0331, 300).orElseThrow();
      SearchSources sources = new SearchSources();
      sources.addPoint(square, routing.edgeTimes());
      int reached = TravelTimeSearch.search(routing.graph(), sources, 15 * 60).reachedCount();
      if (mode == TravelMode.WALK) {
        reachedOnFoot = reached;
      } else if (mode == TravelMode.DRIVE) {
        reachedByCar = reached;
      } else {
        assertThat(reached).as("ambulance, 25 % faster than cars").isGreaterThanOrEqualTo(reachedByCar);
      }
    }
    assertThat(reachedOnFoot).isGreaterThan(100);
    assertThat(reachedByCar).isGreaterThan(reachedOnFoot);
  }

  @Test
  void serverFileImportAddsASecondNetworkAndDeleteRemovesRowAndFolder() {
    long first = portoAlegreId();
    Response accepted = api.postJson("/api/networks/import",
        "{\"path\": \"" + portoAlegre() + "\", \"name\": \"Porto Alegre, server copy\"}");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode job = awaitJob(accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    long second = job.at("/result/id").asLong();
    assertThat(second).isNotEqualTo(first);
    assertThat(job.at("/result/sourceFile").asText()).isEqualTo(portoAlegre().toString());
    assertThat(api.get("/api/networks").json()).extracting(n -> n.get("id").asLong()).contains(first, second);
    assertThat(networks.network(second).nodeCount()).isEqualTo(networks.network(first).nodeCount());

    assertThat(api.delete("/api/networks/" + second).status()).isEqualTo(204);
    assertThat(api.get("/api/networks/" + second).status()).isEqualTo(404);
    assertThat(repository.findById(second)).isEmpty();
    assertThat(networks.folder(second)).doesNotExist();
    assertThat(api.delete("/api/networks/" + second).status()).isEqualTo(404);
    // the first network is untouched
    assertThat(api.get("/api/networks/" + first).status()).isEqualTo(200);
    assertThat(networks.folder(first)).isDirectory();
  }

  // ---- bad input: a clear message, and neither a row nor a folder left behind ----

  private JsonNode assertRejected(Response response, List<NetworkInfo> rowsBefore, Map<String, Long> filesBefore)
      throws IOException {
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode body = response.json();
    assertThat(body.get("rejected")).isNotEmpty();
    assertThat(repository.findAll()).isEqualTo(rowsBefore);
    assertThat(folderContents()).isEqualTo(filesBefore);
    return body.get("rejected").get(0);
  }

  @Test
  void truncatedPbfIsRejectedBeforeAnyJob() throws IOException {
    portoAlegreId();
    List<NetworkInfo> rows = repository.findAll();
    Map<String, Long> files = folderContents();
    int jobsBefore = jobs.list().size();
    byte[] whole = Files.readAllBytes(portoAlegre());

    JsonNode problem = assertRejected(api.upload("/api/networks/import", "poa_osm.pbf",
        Arrays.copyOf(whole, whole.length / 2)), rows, files);
    assertThat(problem.get("field").asText()).isEqualTo("file");
    assertThat(problem.get("message").asText()).contains("damaged or truncated").contains("cut off");
    assertThat(jobs.list()).hasSize(jobsBefore);
  }

  @Test
  void garbageAndEmptyFilesAreRejected() throws IOException {
    portoAlegreId();
    List<NetworkInfo> rows = repository.findAll();
    Map<String, Long> files = folderContents();

    JsonNode text = assertRejected(api.upload("/api/networks/import", "roads.osm.pbf",
        "<osm version=\"0.6\"></osm>".getBytes(java.nio.charset.StandardCharsets.UTF_8)), rows, files);
    assertThat(text.get("message").asText()).contains("does not start with the header block of an OSM PBF file");
    JsonNode empty = assertRejected(api.upload("/api/networks/import", "roads.osm.pbf", new byte[0]), rows, files);
    assertThat(empty.get("message").asText()).isEqualTo("the file is empty");
  }

  @Test
  void missingServerPathIsRejectedWithAClearMessage() throws IOException {
    portoAlegreId();
    List<NetworkInfo> rows = repository.findAll();
    Map<String, Long> files = folderContents();

    Path noSuchCity = portoAlegre().resolveSibling("no-such-city.osm.pbf");
    JsonNode missing = assertRejected(api.postJson("/api/networks/import",
        "{\"path\": \"" + noSuchCity + "\"}"), rows, files);
    assertThat(missing.get("field").asText()).isEqualTo("path");
    assertThat(missing.get("message").asText()).isEqualTo("there is no file '" + noSuchCity
        + "' in the server import folders");
    JsonNode blank = assertRejected(api.postJson("/api/networks/import", "{\"path\": \"  \"}"), rows, files);
    assertThat(blank.get("message").asText()).startsWith("give the path of an .osm.pbf file");
    JsonNode folder = assertRejected(api.postJson("/api/networks/import",
        "{\"path\": \"" + portoAlegre().getParent() + "\"}"), rows, files);
    assertThat(folder.get("message").asText()).endsWith("is a folder, not an .osm.pbf file");
  }

  @Test
  void blockThatCannotBeDecodedFailsTheJobWithTheProblem() throws IOException {
    portoAlegreId();
    List<NetworkInfo> rows = repository.findAll();
    Map<String, Long> files = folderContents();
    // the last bytes of a PBF file are the end of the last block's zlib stream, its Adler-32
    // checksum: the framing stays intact, decompression fails inside GraphHopper
    byte[] damaged = Files.readAllBytes(portoAlegre());
    for (int i = 1; i <= 4; i++) {
      damaged[damaged.length - i] ^= (byte) 0xFF;
    }
    Response accepted = api.upload("/api/networks/import", "poa_osm.pbf", damaged);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

    JsonNode job = awaitJob(accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).isEqualTo("failed");
    assertThat(job.at("/error/title").asText()).isEqualTo("The input was rejected; nothing was written");
    assertThat(job.at("/error/rejected/0/field").asText()).isEqualTo("file");
    assertThat(job.at("/error/rejected/0/message").asText())
        .startsWith("the OSM file could not be read; it is damaged or not an OSM file")
        .doesNotContain(networks.directory().toString());
    assertThat(job.get("result").isNull()).isTrue();
    assertThat(repository.findAll()).isEqualTo(rows);
    assertThat(folderContents()).isEqualTo(files);
  }

  @Test
  void cancelledImportLeavesNothingBehind() throws IOException {
    portoAlegreId();
    List<NetworkInfo> rows = repository.findAll();
    Map<String, Long> files = folderContents();

    Response accepted = api.upload("/api/networks/import", portoAlegre());
    assertThat(accepted.status()).isEqualTo(202);
    String jobId = accepted.json().get("jobId").asText();
    assertThat(api.delete("/api/jobs/" + jobId).status()).isEqualTo(204);

    JsonNode job = awaitJob(jobId);
    assertThat(job.get("state").asText()).isEqualTo("cancelled");
    assertThat(job.get("result").isNull()).isTrue();
    assertThat(repository.findAll()).isEqualTo(rows);
    assertThat(folderContents()).isEqualTo(files);
  }

  @Test
  void unknownNetworkAnswers404() {
    Response response = api.get("/api/networks/987654");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("detail").asText()).isEqualTo("there is no road network with id 987654");
    assertThat(api.delete("/api/networks/987654").status()).isEqualTo(404);
  }
}
