package org.carecircle.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.ChildServer;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;

/**
 * A server killed with SIGKILL in the middle of a network import: after a new server has started
 * on the same store and folder, the import is listed as failed "interrupted by a restart", the
 * uploaded copy and the staging folder are gone, and no network was stored. Real child processes;
 * subclasses choose the store.
 */
abstract class JobCrashTest {
  abstract TestStores.Store store();

  @Test
  void importKilledMidwayIsFailedAsInterruptedAndItsFilesRemoved() throws Exception {
    Path work = Files.createTempDirectory("carecircle-crash");
    Path networks = Files.createDirectories(work.resolve("networks"));
    List<String> arguments = new ArrayList<>(AppInstance.storeArguments(store(),
        "jdbc:h2:file:" + work.resolve("store").toAbsolutePath()));
    arguments.add("--carecircle.network.directory=" + networks);
    arguments.add(AppInstance.SHARED_GEODATA_FOLDER);
    arguments.addAll(AppInstance.QUICK_HEARTBEAT);

    ChildServer first = ChildServer.startClasses(arguments, work.resolve("first.log"));
    String jobId;
    List<String> networksBefore;
    try {
      networksBefore = ids(first.api().get("/api/networks").json());
      Response accepted = first.api().upload("/api/networks/import",
          SharedGeodata.file("heidelberg/heidelberg.osm.pbf"), "name", "heidelberg-killed");
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
      jobId = accepted.json().get("jobId").asText();
      // killed once GraphHopper is at work: the upload is copied and the staging folder exists
      JsonNode running = AppInstance.pollJob(first.api(), jobId, job -> AppInstance.finished(job)
          || (job.get("state").asText().equals("running") && hasStaging(networks)));
      // no wait for the job's row to reach the file: the embedded store writes every commit before
      // answering (WRITE_DELAY 0, see EmbeddedStoreDurability), and the import takes only seconds
      running = first.api().get("/api/jobs/" + jobId).json();
      assertThat(running.get("state").asText()).as("still running when killed: " + running).isEqualTo("running");
      assertThat(AppInstance.hiddenEntries(networks)).anyMatch(name -> name.startsWith(".upload-"))
          .anyMatch(name -> name.startsWith(".importing-"));
    } finally {
      first.kill();
    }

    ChildServer second = ChildServer.startClasses(arguments, work.resolve("second.log"));
    try {
      JsonNode failed = AppInstance.pollJob(second.api(), jobId, AppInstance::finished);
      assertThat(failed.get("state").asText()).as(failed.toString()).isEqualTo("failed");
      assertThat(failed.get("message").asText()).isEqualTo("interrupted by a restart");
      assertThat(failed.at("/error/detail").asText()).startsWith("interrupted by a restart");
      assertThat(failed.get("finishedAt").isNull()).isFalse();
      assertThat(AppInstance.hiddenEntries(networks)).as("upload and staging folder removed").isEmpty();
      assertThat(ids(second.api().get("/api/networks").json())).as("nothing stored").isEqualTo(networksBefore);
      // the restarted server still works: a new import of the same file succeeds
      String again = AppInstance.importServerFile(second.api(), SharedGeodata.file("heidelberg/heidelberg.osm.pbf"),
          "Heidelberg, again");
      JsonNode stored = AppInstance.pollJob(second.api(), again, AppInstance::finished);
      assertThat(stored.get("state").asText()).isEqualTo("succeeded");
      assertThat(second.api().delete("/api/networks/" + stored.at("/result/id").asLong()).status()).isEqualTo(204);
    } finally {
      second.stop();
    }
  }

  private static boolean hasStaging(Path networks) {
    return AppInstance.hiddenEntries(networks).stream().anyMatch(name -> name.startsWith(".importing-"));
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(node -> ids.add(node.get("id").asText()));
    return ids;
  }
}
