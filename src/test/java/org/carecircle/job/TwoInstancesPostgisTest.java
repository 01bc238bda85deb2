package org.carecircle.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carecircle.error.NotFoundException;
import org.carecircle.network.NetworkService;
import org.carecircle.network.TravelMode;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.carecircle.testsupport.PostgisTestStore;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances behind one load balancer: A and B, two application contexts with their own web
 * servers on one PostGIS database and one networks folder. Whatever a planner does through one
 * is seen through the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesPostgisTest implements PostgisTestStore {
  /** Heidelberg's old town (Bismarckplatz), on the road network of the extract. */
  private static final double[] BISMARCKPLATZ = {8.6936, 49.4094};

  private Path networks;
  private AppInstance a;
  private AppInstance b;

  @BeforeAll
  void startBoth() throws IOException {
    networks = Files.createTempDirectory("carecircle-shared-networks");
    List<String> store = AppInstance.storeArguments(TestStores.Store.POSTGIS, null);
    a = AppInstance.start(store, networks);
    b = AppInstance.start(store, networks);
    assertThat(a.port).isNotEqualTo(b.port);
  }

  @AfterAll
  void stopBoth() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private static Path heidelberg() {
    return SharedGeodata.file("heidelberg/heidelberg.osm.pbf");
  }

  private static String walkZone(long networkId) {
    return "{\"networkId\": " + networkId + ", \"points\": [[" + BISMARCKPLATZ[0] + ", " + BISMARCKPLATZ[1] + "]],"
        + " \"mode\": \"walk\", \"minutes\": [5], \"method\": \"network\", \"merge\": \"none\"}";
  }

  @Test
  void importOnAIsFollowedOnBAndBAnswersCoverageOnTheNetworkAImported() {
    Response accepted = a.api.upload("/api/networks/import", heidelberg(), "name", "heidelberg-from-a");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String jobId = accepted.json().get("jobId").asText();

    // polled to completion on B only; B saw it move (queued or running) before it ended
    JsonNode done = AppInstance.pollJob(b.api, jobId, AppInstance::finished);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("kind").asText()).isEqualTo("network-import");
    assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
    long networkId = done.at("/result/id").asLong();
    assertThat(done.at("/result/name").asText()).isEqualTo("heidelberg-from-a");
    assertThat(b.api.get("/api/jobs").json()).extracting(job -> job.get("id").asText()).contains(jobId);
    assertThat(b.api.get("/api/networks/" + networkId).json().get("name").asText()).isEqualTo("heidelberg-from-a");

    // B loads the network from the shared folder and answers as A does
    Response zoneOnB = b.api.postJson("/api/coverage-zones", walkZone(networkId));
    assertThat(zoneOnB.status()).as(zoneOnB.toString()).isEqualTo(201);
    Response zoneOnA = a.api.postJson("/api/coverage-zones", walkZone(networkId));
    assertThat(zoneOnA.status()).as(zoneOnA.toString()).isEqualTo(201);
    JsonNode featureB = zoneOnB.json().get("features").get(0);
    JsonNode featureA = zoneOnA.json().get("features").get(0);
    // a 5-minute walk reaches at most 417 m: a zone of some hectares, less than the circle
    double areaB = featureB.at("/properties/areaSquareMeters").asDouble();
    assertThat(areaB).isBetween(20_000.0, Math.PI * 417 * 417);
    assertThat(areaB).isEqualTo(featureA.at("/properties/areaSquareMeters").asDouble());
    assertThat(featureB.get("geometry")).isEqualTo(featureA.get("geometry"));

    // deleted through A, forgotten by B although B had it loaded
    assertThat(a.api.delete("/api/networks/" + networkId).status()).isEqualTo(204);
    Response afterDelete = b.api.postJson("/api/coverage-zones", walkZone(networkId));
    assertThat(afterDelete.status()).as(afterDelete.toString()).isEqualTo(422);
    assertThat(afterDelete.json().at("/rejected/0/message").asText())
        .isEqualTo("there is no road network with id " + networkId);
    // B held the walk network in memory; asked for it directly, B checks the catalogue, not its memory
    NetworkService networksOfB = b.context.getBean(NetworkService.class);
    assertThatThrownBy(() -> networksOfB.modeNetwork(networkId, TravelMode.WALK))
        .isInstanceOf(NotFoundException.class);
    assertThat(b.api.get("/api/networks").json()).extracting(n -> n.get("id").asLong()).doesNotContain(networkId);
  }

  @Test
  void cancelThroughBStopsAnImportRunningOnA() {
    List<Long> networksBefore = networkIds();
    String jobId = AppInstance.importServerFile(a.api, heidelberg(), "heidelberg-cancelled-through-b");
    JsonNode running = AppInstance.pollJob(b.api, jobId,
        job -> AppInstance.finished(job) || job.get("state").asText().equals("running"));
    assertThat(running.get("state").asText()).as("running when cancelled: " + running).isEqualTo("running");

    assertThat(b.api.delete("/api/jobs/" + jobId).status()).isEqualTo(204);
    JsonNode ended = AppInstance.pollJob(a.api, jobId, AppInstance::finished);
    assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("cancelled");
    assertThat(b.api.get("/api/jobs/" + jobId).json().get("state").asText()).isEqualTo("cancelled");
    // A stopped: nothing stored, nothing left in the shared folder
    assertThat(networkIds()).isEqualTo(networksBefore);
    assertThat(AppInstance.hiddenEntries(networks)).isEmpty();
  }

  @Test
  void cancelThroughBOfAJobWaitingOnARemovesItFromAsQueue() {
    // A's two workers are kept busy, so a third import waits in A's queue
    List<String> busy = List.of(AppInstance.importServerFile(a.api, heidelberg(), "busy-1"),
        AppInstance.importServerFile(a.api, heidelberg(), "busy-2"));
    Response waiting = a.api.upload("/api/networks/import", heidelberg(), "name", "waiting");
    String waitingId = waiting.json().get("jobId").asText();
    JsonNode queued = b.api.get("/api/jobs/" + waitingId).json();
    // an import of Heidelberg takes seconds; both were submitted just before
    assertThat(queued.get("state").asText()).as(queued.toString()).isEqualTo("queued");
    assertThat(b.api.delete("/api/jobs/" + waitingId).status()).isEqualTo(204);
    JsonNode cancelled = b.api.get("/api/jobs/" + waitingId).json();
    assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("startedAt").isNull()).isTrue();
    busy.forEach(id -> b.api.delete("/api/jobs/" + id));
    busy.forEach(id -> AppInstance.pollJob(a.api, id, AppInstance::finished));
    // A never starts it, and its uploaded copy is gone
    AppInstance.sleep(1500);
    JsonNode onA = a.api.get("/api/jobs/" + waitingId).json();
    assertThat(onA.get("state").asText()).isEqualTo("cancelled");
    assertThat(onA.get("startedAt").isNull()).isTrue();
    assertThat(AppInstance.hiddenEntries(networks)).noneMatch(name -> name.startsWith(".upload-"));
  }

  private List<Long> networkIds() {
    return b.api.get("/api/networks").json().findValues("id").stream().map(JsonNode::asLong).toList();
  }

  @Test
  void aSessionSignedInOnAWorksOnBAndSigningOutOnBEndsItOnA() {
    TestUser planner = TestUsers.create(a.api, "two-instances", "planner");
    ApiClient nobodyOnA = a.api.anonymous();
    String xsrf = nobodyOnA.get("/login.html").cookie("XSRF-TOKEN");
    Response login = nobodyOnA.withHeader("Cookie", "XSRF-TOKEN=" + xsrf).withHeader("X-XSRF-TOKEN", xsrf)
        .postForm("/login", "username", planner.name(), "password", planner.password());
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    String session = login.cookie("SESSION");
    String token = login.cookie("XSRF-TOKEN") == null ? xsrf : login.cookie("XSRF-TOKEN");
    String cookies = "SESSION=" + session + "; XSRF-TOKEN=" + token;

    // the load balancer sends the next requests to B: the session is in the shared store
    ApiClient sessionOnB = b.api.anonymous().withHeader("Cookie", cookies);
    assertThat(sessionOnB.get("/api/me").json().get("name").asText()).isEqualTo(planner.name());
    Response created = sessionOnB.withHeader("X-XSRF-TOKEN", token).postJson("/api/facilities", """
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [8.69, 49.41]},
         "properties": {"name": "Praxis am Bismarckplatz", "type": "clinic"}}""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(a.api.get("/api/facilities/" + created.json().get("id").asLong() + "/history").json()
        .findValuesAsText("user")).as("the change made through B is the planner's").contains(planner.name());

    Response out = sessionOnB.withHeader("X-XSRF-TOKEN", token).postForm("/logout");
    assertThat(out.status()).as(out.toString()).isLessThan(400);
    assertThat(a.api.anonymous().withHeader("Cookie", cookies).get("/api/me").status())
        .as("signed out on B, the session no longer works on A").isEqualTo(401);
  }
}
