package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one owner of network data in memory, on a two-node network whose byte counts are worked out
 * by hand:
 *
 * <pre>
 *   node 0 ---- edge 0 (2 points) ---- node 1     walk and drive: one arc each way
 * </pre>
 *
 * Network arrays: nodes 2 x (lon, lat) doubles = 32 B; edge A, B, length, 4 B each = 12 B;
 * geometryStart 2 ints = 8 B; points 2 x (lon, lat) doubles = 32 B; in all 84 B. A mode graph:
 * arcStart 3 ints = 12 B, head, edge, seconds 2 x 4 B each = 24 B, forward 2 x 1 B = 2 B; 38 B.
 */
class NetworkDataCacheTest {
  static final NetworkDataCache.DerivedKind<Sized> SNAPS = new NetworkDataCache.DerivedKind<>("snaps", 2);
  static final NetworkDataCache.DerivedKind<Sized> EDGES = new NetworkDataCache.DerivedKind<>("edges", 1);

  /** A derived value of a given size. */
  record Sized(long memoryBytes) implements MemoryFootprint {}

  static ModeGraph graph() {
    return new ModeGraph(new int[] {0, 1, 2}, new int[] {1, 0}, new int[] {0, 0}, new float[] {10, 12},
        new boolean[] {true, false});
  }

  static RoadNetwork twoNodes() {
    return new RoadNetwork(new double[] {120.0, 120.01}, new double[] {36.0, 36.0}, new int[] {0}, new int[] {1},
        new float[] {900}, new int[] {0, 2}, new double[] {120.0, 120.01}, new double[] {36.0, 36.0}, graph(), graph());
  }

  static ModeNetwork walk(long id, RoadNetwork network) {
    ModeGraph graph = network.modeGraph(TravelMode.WALK);
    return new ModeNetwork(id, TravelMode.WALK, network, graph, EdgeTravelTimes.of(network, graph),
        NetworkLocator.build(network, graph));
  }

  @Test
  void memoryIsCountedOncePerArrayAsWorkedOutByHand() {
    NetworkDataCache cache = new NetworkDataCache(2);
    RoadNetwork network = cache.network(7, NetworkDataCacheTest::twoNodes);
    assertThat(cache.memoryBytes(7)).hasValue(84 + 38 + 38);
    ModeNetwork walk = cache.mode(7, TravelMode.WALK, () -> network, () -> walk(7, network));
    // the walk graph is the network's own: not counted again; edge times 2 x 4 B; the locator its own figure
    assertThat(cache.memoryBytes(7)).hasValue(84 + 38 + 38 + 8 + walk.locator().memoryBytes());
    cache.derived(walk, EDGES, "", () -> new Sized(1000));
    assertThat(cache.memoryBytes(7)).hasValue(84 + 38 + 38 + 8 + walk.locator().memoryBytes() + 1000);
    assertThat(cache.memoryBytes(8)).isEmpty();
  }

  @Test
  void derivedDataIsBuiltOnceAndDroppedWithItsNetwork() {
    NetworkDataCache cache = new NetworkDataCache(2);
    RoadNetwork network = cache.network(7, NetworkDataCacheTest::twoNodes);
    ModeNetwork walk = cache.mode(7, TravelMode.WALK, () -> network, () -> walk(7, network));
    AtomicInteger builds = new AtomicInteger();
    Sized first = cache.derived(walk, EDGES, "", () -> new Sized(builds.incrementAndGet()));
    assertThat(cache.derived(walk, EDGES, "", () -> new Sized(builds.incrementAndGet()))).isSameAs(first);
    assertThat(builds).hasValue(1);
    assertThat(cache.derivedData(7)).containsExactly("walk edges");

    cache.evict(7);
    assertThat(cache.loadedNetworkIds()).isEmpty();
    assertThat(cache.derivedData(7)).isEmpty();
    assertThat(cache.memoryBytes(7)).isEmpty();
    // asked again after the network left: built again, and not kept for a network that is not loaded
    assertThat(cache.derived(walk, EDGES, "", () -> new Sized(builds.incrementAndGet()))).isNotSameAs(first);
    assertThat(cache.loadedNetworkIds()).isEmpty();
  }

  @Test
  void eachKindKeepsItsLatestEntriesPerMode() {
    NetworkDataCache cache = new NetworkDataCache(2);
    RoadNetwork network = cache.network(7, NetworkDataCacheTest::twoNodes);
    ModeNetwork walk = cache.mode(7, TravelMode.WALK, () -> network, () -> walk(7, network));
    cache.derived(walk, SNAPS, "layer 1", () -> new Sized(100));
    cache.derived(walk, SNAPS, "layer 2", () -> new Sized(200));
    cache.derived(walk, EDGES, "", () -> new Sized(1));
    cache.derived(walk, SNAPS, "layer 3", () -> new Sized(400));
    // two snap layers at most: layer 1, the least recently used, left; the other kind is untouched
    long base = cache.memoryBytes(7).getAsLong() - 200 - 400 - 1;
    assertThat(base).isEqualTo(84 + 38 + 38 + 8 + walk.locator().memoryBytes());
    assertThat(cache.derivedData(7)).containsExactlyInAnyOrder("walk snaps", "walk snaps", "walk edges");
  }

  @Test
  void theLeastRecentlyUsedNetworkLeavesMemoryFirst() {
    NetworkDataCache cache = new NetworkDataCache(2);
    cache.network(1, NetworkDataCacheTest::twoNodes);
    cache.network(2, NetworkDataCacheTest::twoNodes);
    cache.network(1, () -> {
      throw new AssertionError("network 1 is held and must not be loaded again");
    });
    cache.network(3, NetworkDataCacheTest::twoNodes);
    assertThat(cache.loadedNetworkIds()).containsExactly(1L, 3L);
  }

  @Test
  void aModeNetworkBuiltForAnEvictedNetworkIsAnsweredButNotKept() {
    NetworkDataCache cache = new NetworkDataCache(1);
    RoadNetwork first = cache.network(1, NetworkDataCacheTest::twoNodes);
    ModeNetwork walk = cache.mode(1, TravelMode.WALK, () -> first, () -> {
      // another network comes in while this one is being built, and pushes network 1 out
      cache.network(2, NetworkDataCacheTest::twoNodes);
      return walk(1, first);
    });
    assertThat(walk.network()).isSameAs(first);
    assertThat(cache.loadedNetworkIds()).containsExactly(2L);
  }
}
