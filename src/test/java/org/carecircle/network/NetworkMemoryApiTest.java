package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.WeakReference;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PortoAlegreApiTest;
import org.carecircle.testsupport.TestNetworks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A network's data in memory has one owner: analyses leave what they derive with it, {@code GET
 * /api/networks} reports it in bytes, and deleting the network frees all of it, as a planner would
 * use it on Porto Alegre (a second copy of the network is imported, used and deleted).
 */
class NetworkMemoryApiTest extends PortoAlegreApiTest {
  @Autowired NetworkService networks;

  @Test
  void deletingANetworkFreesEverythingDerivedFromIt() throws Exception {
    long copy = TestNetworks.importPortoAlegre(api);
    Response zones = api.postJson("/api/coverage-zones", "{\"networkId\":" + copy
        + ",\"points\":[[-51.22,-30.03]],\"mode\":\"drive\",\"minutes\":[10]}");
    assertThat(zones.status()).as(zones.toString()).isEqualTo(201);
    Response access = api.postJson("/api/accessibility", "{\"networkId\":" + copy
        + ",\"facilityFilter\":{\"types\":[\"clinic\"]},\"mode\":\"walk\",\"minutes\":[15]}");
    assertThat(access.status()).as(access.toString()).isEqualTo(201);

    assertThat(networks.loadedNetworkIds()).contains(copy);
    assertThat(networks.derivedData(copy)).contains("drive isochrone-edges", "walk population-cell-snaps");
    JsonNode listed = entry(copy);
    RoadNetwork network = networks.network(copy);
    // at least the network's own arrays and the walk and drive graphs: 8 B per coordinate, 4 per int
    long atLeast = network.memoryBytes() + network.modeGraph(TravelMode.WALK).memoryBytes()
        + network.modeGraph(TravelMode.DRIVE).memoryBytes();
    assertThat(listed.get("memoryBytes").asLong()).isGreaterThan(atLeast);
    assertThat(api.get("/api/networks/" + copy).json().get("memoryBytes").asLong())
        .isEqualTo(listed.get("memoryBytes").asLong());

    WeakReference<RoadNetwork> roads = new WeakReference<>(network);
    WeakReference<ModeNetwork> drive = new WeakReference<>(networks.modeNetwork(copy, TravelMode.DRIVE));
    network = null;
    assertThat(api.delete("/api/networks/" + copy).status()).isEqualTo(204);

    assertThat(networks.loadedNetworkIds()).doesNotContain(copy);
    assertThat(networks.derivedData(copy)).isEmpty();
    // nothing else holds on to it (an analysis's own cache would keep it reachable)
    for (int attempt = 0; attempt < 20 && (roads.get() != null || drive.get() != null); attempt++) {
      System.gc();
      Thread.sleep(100);
    }
    assertThat(drive.get()).as("the drive mode network is freed").isNull();
    assertThat(roads.get()).as("the road network is freed").isNull();
    // the fixture's own network is untouched and still loaded with its figure
    assertThat(entry(networkId).has("memoryBytes")).isTrue();
  }

  @Test
  void aNetworkNotLoadedReportsNoMemory() {
    networks.loadedNetworkIds().forEach(id -> { });
    JsonNode listed = entry(networkId);
    boolean loaded = networks.loadedNetworkIds().contains(networkId);
    assertThat(listed.get("memoryBytes").isNull()).isEqualTo(!loaded);
  }

  private JsonNode entry(long id) {
    for (JsonNode network : api.get("/api/networks").json()) {
      if (network.get("id").asLong() == id) {
        return network;
      }
    }
    throw new AssertionError("network " + id + " is not listed");
  }
}
