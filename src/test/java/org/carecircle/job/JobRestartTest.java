package org.carecircle.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;

/**
 * Jobs outlive a restart: an instance imports a road network, is shut down, and a new instance on
 * the same store still lists the finished job with its result. Subclasses choose the store.
 */
abstract class JobRestartTest {
  abstract TestStores.Store store();

  @Test
  void finishedJobIsStillListedWithItsResultAfterARestart() throws IOException {
    List<String> store = AppInstance.storeArguments(store(), TestStores.h2Url());
    Path networks = Files.createTempDirectory("carecircle-networks");
    String jobId;
    long networkId;
    try (AppInstance first = AppInstance.start(store, networks)) {
      jobId = AppInstance.importServerFile(first.api, SharedGeodata.file("heidelberg/heidelberg.osm.pbf"),
          "Heidelberg before the restart");
      JsonNode done = AppInstance.pollJob(first.api, jobId, AppInstance::finished);
      assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
      networkId = done.at("/result/id").asLong();
    }

    try (AppInstance second = AppInstance.start(store, networks)) {
      JsonNode job = second.api.get("/api/jobs/" + jobId).json();
      assertThat(job.get("state").asText()).isEqualTo("succeeded");
      assertThat(job.get("kind").asText()).isEqualTo("network-import");
      assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
      assertThat(job.at("/result/id").asLong()).isEqualTo(networkId);
      assertThat(job.at("/result/name").asText()).isEqualTo("Heidelberg before the restart");
      assertThat(job.at("/result/bbox")).hasSize(4);
      assertThat(job.get("finishedAt").isNull()).isFalse();
      assertThat(second.api.get("/api/jobs").json()).extracting(j -> j.get("id").asText()).contains(jobId);
      // and the result is usable: the network it names is there
      assertThat(second.api.get("/api/networks/" + networkId).status()).isEqualTo(200);
      // the store is shared with other tests on PostGIS: leave no network pointing at a temp folder
      assertThat(second.api.delete("/api/networks/" + networkId).status()).isEqualTo(204);
    }
  }
}
