package org.carecircle.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.carecircle.job.JobState;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.Jobs;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The population import as a background job ({@code POST /api/population/import-jobs}) over real
 * HTTP on a real store; subclasses choose the store. The Ahr valley raster is the layer every test
 * starts from, so that each can show what a failed or cancelled job left in place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PopulationImportJobApiTest {
  private static final String JOBS = "/api/population/import-jobs";
  /** The prefix of the upload copies the jobs own (PopulationController). */
  private static final String UPLOAD_PREFIX = "carecircle-population-job";

  @LocalServerPort int port;
  @Autowired PopulationService population;
  @TempDir Path folder;
  ApiClient api;

  @BeforeEach
  void ahrLayer() {
    api = new ApiClient(port);
    PopulationSummary summary = population.summary();
    boolean loaded = summary.source() != null && "wpop_ahrvalley.tif".equals(summary.source().sourceName())
        && summary.cells() == PopulationApiTest.AHR_CELLS;
    if (!loaded) {
      Response response = api.upload("/api/population/import", SharedGeodata.file(PopulationApiTest.AHR_RASTER));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
  }

  /** Starts a job and answers its id, after checking the 202 answer. */
  private String start(Response accepted) {
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode body = accepted.json();
    assertThat(body.get("kind").asText()).isEqualTo("population-import");
    String jobId = body.get("jobId").asText();
    assertThat(body.get("statusUrl").asText()).isEqualTo("/api/jobs/" + jobId);
    assertThat(accepted.headers().firstValue("Location")).contains("/api/jobs/" + jobId);
    return jobId;
  }

  private JsonNode job(String jobId) {
    Response response = api.get("/api/jobs/" + jobId);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** Polls the job until it has ended; every status read goes to {@code seen}. */
  private JsonNode awaitJob(String jobId, List<JsonNode> seen) {
    long deadline = System.nanoTime() + Jobs.DEADLINE.toNanos();
    while (true) {
      JsonNode job = job(jobId);
      seen.add(job);
      if (JobState.valueOf(job.get("state").asText().toUpperCase()).isFinished()) {
        return job;
      }
      assertThat(System.nanoTime()).as("job " + jobId + " finishes in time").isLessThan(deadline);
      pause(20);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Ahr layer is still the stored one, in the store and in the copy the analyses read. */
  private void assertAhrLayerIntact() {
    PopulationSummary summary = population.summary();
    assertThat(summary.source().sourceName()).isEqualTo("wpop_ahrvalley.tif");
    assertThat(summary.cells()).isEqualTo(PopulationApiTest.AHR_CELLS);
    assertThat(summary.totalPopulation()).isCloseTo(PopulationApiTest.AHR_TOTAL, within(0.1));
    PopulationCells cells = population.allCells();
    assertThat(cells.size()).isEqualTo((int) PopulationApiTest.AHR_CELLS);
    assertThat(cells.totalPopulation()).isCloseTo(PopulationApiTest.AHR_TOTAL, within(0.1));
  }

  /** The upload copies of ended jobs are gone (removed just after the job's final state is set). */
  private static void assertNoUploadCopiesLeft() throws IOException {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<Path> left;
    do {
      try (Stream<Path> files = Files.list(temp)) {
        left = files.filter(file -> file.getFileName().toString().startsWith(UPLOAD_PREFIX)).toList();
      }
      if (!left.isEmpty()) {
        pause(50);
      }
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    assertThat(left).as("upload copies left behind").isEmpty();
  }

  @Test
  void ahrRasterImportedAsAJobPreservesTheTotal() throws IOException {
    Response replaced = api.upload("/api/population/import", "three.csv",
        "lon,lat,population\n120.1,36.1,10\n120.2,36.1,20\n120.3,36.2,5\n".getBytes(StandardCharsets.UTF_8));
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);

    String jobId = start(api.upload(JOBS, SharedGeodata.file(PopulationApiTest.AHR_RASTER)));
    List<JsonNode> seen = new ArrayList<>();
    JsonNode job = awaitJob(jobId, seen);
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
    JsonNode result = job.get("result");
    assertThat(result.get("cells").asLong()).isEqualTo(PopulationApiTest.AHR_CELLS);
    assertThat(result.get("totalPopulation").asDouble()).isCloseTo(PopulationApiTest.AHR_TOTAL, within(0.1));
    assertThat(result.get("droppedNoData").asLong()).isEqualTo(857 * 300 - PopulationApiTest.AHR_CELLS);
    assertThat(result.get("format").asText()).isEqualTo("geotiff");
    assertThat(result.get("crs").asText()).isEqualTo("EPSG:4326");
    // progress never goes back while the job runs
    double[] fractions = seen.stream().mapToDouble(status -> status.get("progress").asDouble()).toArray();
    double[] sorted = fractions.clone();
    Arrays.sort(sorted);
    assertThat(fractions).isEqualTo(sorted);

    JsonNode summary = api.get("/api/population/summary").json();
    assertThat(summary.get("cells").asLong()).isEqualTo(PopulationApiTest.AHR_CELLS);
    assertThat(summary.get("totalPopulation").asDouble()).isCloseTo(PopulationApiTest.AHR_TOTAL, within(0.1));
    assertThat(summary.at("/source/sourceName").asText()).isEqualTo("wpop_ahrvalley.tif");
    // the cells handed to the copy in memory by the job are the layer's
    assertAhrLayerIntact();
    assertNoUploadCopiesLeft();
  }

  @Test
  void badPixelsFoundWhileReadingFailTheJobWithTheirRowAndField() throws IOException {
    Path raster = GeoTiffFixture.grid(2, 2, 1, -3, Float.NaN, 4).noData("-99999").write(folder, "bad-counts.tif");
    String jobId = start(api.upload(JOBS, raster));
    JsonNode job = awaitJob(jobId, new ArrayList<>());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("failed");
    assertThat(job.get("result").isNull()).isTrue();
    JsonNode rejected = job.at("/error/rejected");
    // the same list as the synchronous import (PopulationApiTest)
    assertThat(rejected).hasSize(2);
    assertThat(rejected.at("/0/row").asInt()).isEqualTo(1);
    assertThat(rejected.at("/0/field").asText()).isEqualTo("pixel");
    assertThat(rejected.at("/0/message").asText()).contains("row 1, column 2").contains("negative");
    assertThat(rejected.at("/1/message").asText()).contains("row 2, column 1").contains("NaN");
    assertThat(job.at("/error/title").asText()).isEqualTo("The input was rejected; nothing was written");
    assertAhrLayerIntact();
    assertNoUploadCopiesLeft();
  }

  @Test
  void badRowsOfACsvFailTheJobWithTheirRowAndColumn() throws IOException {
    String csv = "id,lon,lat,population\na,-51.20,-30.05,120\nb,-51.21,-30.06,n/a\n";
    String jobId = start(api.upload(JOBS, "cells.csv", csv.getBytes(StandardCharsets.UTF_8)));
    JsonNode job = awaitJob(jobId, new ArrayList<>());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("failed");
    assertThat(job.at("/error/rejected/0/row").asInt()).isEqualTo(3);
    assertThat(job.at("/error/rejected/0/field").asText()).isEqualTo("population");
    assertThat(job.at("/error/rejected/0/message").asText()).contains("'n/a' is not a number");
    assertThat(job.at("/error/detail").asText()).contains("row 3").contains("'n/a' is not a number");
    assertAhrLayerIntact();
    assertNoUploadCopiesLeft();
  }

  @Test
  void problemsSeenBeforeReadingAreAnsweredAtOnceWithoutAJob() throws IOException {
    int jobsBefore = api.get("/api/jobs").json().size();

    Response empty = api.upload(JOBS, "empty.tif", new byte[0]);
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.contentType()).startsWith("application/problem+json");
    assertThat(empty.json().at("/rejected/0/field").asText()).isEqualTo("file");
    assertThat(empty.json().at("/rejected/0/message").asText()).contains("empty");

    Response osm = api.upload(JOBS, SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf"));
    assertThat(osm.status()).isEqualTo(422);
    assertThat(osm.json().at("/rejected/0/message").asText()).contains("hold no population");

    Response crs = api.upload(JOBS, SharedGeodata.file(PopulationApiTest.AHR_RASTER), "crs", "EPSG:999999");
    assertThat(crs.status()).isEqualTo(422);
    assertThat(crs.json().at("/rejected/0/field").asText()).isEqualTo("crs");
    assertThat(crs.json().at("/rejected/0/message").asText()).contains("unknown coordinate reference system 'EPSG:999999'");

    Response csvCrs = api.upload(JOBS, "cells.csv", "lon,lat,pop\n7.1,50.5,4\n".getBytes(StandardCharsets.UTF_8),
        "crs", "nonsense");
    assertThat(csvCrs.status()).isEqualTo(422);
    assertThat(csvCrs.json().at("/rejected/0/field").asText()).isEqualTo("crs");

    Path scan = GeoTiffFixture.grid(2, 2, 1, 2, 3, 4).withoutGeoreferencing().write(folder, "scan.tif");
    Response ungeoreferenced = api.upload(JOBS, scan);
    assertThat(ungeoreferenced.status()).isEqualTo(422);
    assertThat(ungeoreferenced.json().at("/rejected/0/message").asText()).contains("no georeferencing");

    Response noFile = api.request("POST", JOBS, null, "Content-Type", "multipart/form-data; boundary=x");
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.contentType()).startsWith("application/problem+json");

    assertThat(api.get("/api/jobs").json().size()).as("no job was started").isEqualTo(jobsBefore);
    assertAhrLayerIntact();
    assertNoUploadCopiesLeft();
  }

  @Test
  void aCancelledImportRollsBackAndKeepsThePreviousLayer() throws IOException {
    // 600 x 500 cells of 1.5 people: writing them takes seconds, time enough to cancel midway
    int width = 600;
    int height = 500;
    float[] counts = new float[width * height];
    Arrays.fill(counts, 1.5f);
    Path raster = GeoTiffFixture.grid(width, height, counts).origin(120.0, 36.5).pixelSize(0.001)
        .write(folder, "dense.tif");

    String jobId = start(api.upload(JOBS, raster));
    long deadline = System.nanoTime() + Jobs.DEADLINE.toNanos();
    JsonNode running = job(jobId);
    // some cells written, in the import's transaction: the old layer is deleted there already
    while (!running.get("message").asText("").startsWith("writing cells")
        || running.get("message").asText().equals("writing cells 0 of 300,000")) {
      assertThat(running.get("state").asText()).as(running.toString()).isIn("queued", "running");
      assertThat(System.nanoTime()).as("the job reaches the writing").isLessThan(deadline);
      pause(10);
      running = job(jobId);
    }
    assertThat(running.get("message").asText()).matches("writing cells [0-9,]+ of 300,000");
    assertThat(running.get("progress").asDouble()).isBetween(0.1, 1.0);
    assertThat(api.delete("/api/jobs/" + jobId).status()).isEqualTo(204);

    JsonNode job = awaitJob(jobId, new ArrayList<>());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("cancelled");
    assertThat(job.get("result").isNull()).isTrue();
    assertAhrLayerIntact();
    JsonNode summary = api.get("/api/population/summary").json();
    assertThat(summary.get("cells").asLong()).isEqualTo(PopulationApiTest.AHR_CELLS);
    assertThat(summary.get("totalPopulation").asDouble()).isCloseTo(PopulationApiTest.AHR_TOTAL, within(0.1));
    assertNoUploadCopiesLeft();
  }

  @Test
  void viewersMayNotStartAnImport() {
    TestUser viewer = TestUsers.create(api, "population-viewer", "viewer");
    Response refused = api.as(viewer.name(), viewer.password()).upload(JOBS,
        SharedGeodata.file(PopulationApiTest.AHR_RASTER));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("requiredRole").asText()).isEqualTo("planner");
    assertAhrLayerIntact();
  }
}
