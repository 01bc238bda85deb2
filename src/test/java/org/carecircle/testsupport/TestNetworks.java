package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Imports real road networks through the API, as a planner would, for tests that need one. */
public final class TestNetworks {
  private TestNetworks() {}

  /** Uploads ../shared/geodata/porto-alegre/poa_osm.pbf, waits for the job, returns the network id. */
  public static long importPortoAlegre(ApiClient api) {
    ApiClient.Response accepted = api.upload("/api/networks/import",
        SharedGeodata.file("porto-alegre/poa_osm.pbf"), "name", "Porto Alegre");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode job = awaitJob(api, accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    return job.at("/result/id").asLong();
  }

  /** Polls GET /api/jobs/{id} until the job has finished. */
  public static JsonNode awaitJob(ApiClient api, String jobId) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      JsonNode job = api.get("/api/jobs/" + jobId).json();
      String state = job.get("state").asText();
      if (!state.equals("queued") && !state.equals("running")) {
        return job;
      }
      assertThat(System.nanoTime()).as("job " + jobId + " still " + state).isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
