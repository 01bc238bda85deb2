package org.carecircle.network;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The one owner of everything held in memory for road networks: the network itself, each mode's
 * graph, edge times and snapping index ({@link ModeNetwork}), and what analyses derive from a mode
 * network (the isochrone engine's edge data, population cells snapped onto the roads). All of a
 * network's data has one lifetime: it is dropped together when the network is deleted or replaced
 * ({@link #evict}) or when more than {@code maxNetworks} networks are loaded (the least recently
 * used goes).
 *
 * <p>Thread-safe. Builders run outside the lock, so two threads may build the same value at once;
 * the first one stored wins and the other is dropped.
 */
public final class NetworkDataCache {
  /**
   * A kind of data derived from a mode network.
   *
   * @param name for logs and memory reports, e.g. {@code isochrone-edges}
   * @param maxEntries most values of this kind kept per mode network (e.g. one per population
   *     layer); the least recently used goes first
   */
  public record DerivedKind<T extends MemoryFootprint>(String name, int maxEntries) {
    public DerivedKind {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1");
      }
    }
  }

  private record DerivedKey(TravelMode mode, DerivedKind<?> kind, Object key) {}

  /** One loaded network and everything derived from it. */
  private static final class Entry {
    final RoadNetwork network;
    final Map<TravelMode, ModeNetwork> modes = new EnumMap<>(TravelMode.class);
    final Map<DerivedKey, MemoryFootprint> derived = new LinkedHashMap<>(16, 0.75f, true);

    Entry(RoadNetwork network) {
      this.network = network;
    }

    /** Each object counted once: the ambulance shares the drive locator, and its graph at factor 1. */
    long memoryBytes() {
      List<MemoryFootprint> parts = new ArrayList<>(List.of(network, network.modeGraph(TravelMode.WALK),
          network.modeGraph(TravelMode.DRIVE)));
      for (ModeNetwork mode : modes.values()) {
        parts.addAll(List.of(mode.graph(), mode.edgeTimes(), mode.locator()));
      }
      parts.addAll(derived.values());
      Set<MemoryFootprint> counted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      long bytes = 0;
      for (MemoryFootprint part : parts) {
        if (counted.add(part)) {
          bytes += part.memoryBytes();
        }
      }
      return bytes;
    }
  }

  private final int maxNetworks;
  private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);

  /** @param maxNetworks most networks held in memory at once, at least 1 */
  public NetworkDataCache(int maxNetworks) {
    if (maxNetworks < 1) {
      throw new IllegalArgumentException("at least one network must fit in memory, was " + maxNetworks);
    }
    this.maxNetworks = maxNetworks;
  }

  /** The network {@code id}, loaded by {@code load} on first use. */
  public RoadNetwork network(long id, Supplier<RoadNetwork> load) {
    synchronized (this) {
      Entry entry = entries.get(id);
      if (entry != null) {
        return entry.network;
      }
    }
    RoadNetwork loaded = load.get();
    synchronized (this) {
      Entry entry = entries.computeIfAbsent(id, key -> new Entry(loaded));
      trim();
      return entry.network;
    }
  }

  /**
   * The mode network of {@code mode} on network {@code id}, built by {@code build} on first use.
   * The network must have been loaded with {@link #network} (it is, again, if it was evicted meanwhile).
   */
  public ModeNetwork mode(long id, TravelMode mode, Supplier<RoadNetwork> load, Supplier<ModeNetwork> build) {
    synchronized (this) {
      Entry entry = entries.get(id);
      if (entry != null && entry.modes.containsKey(mode)) {
        return entry.modes.get(mode);
      }
    }
    RoadNetwork network = network(id, load);
    ModeNetwork built = build.get();
    if (built.network() != network) {
      throw new IllegalStateException("mode network built on another copy of network " + id);
    }
    synchronized (this) {
      Entry entry = entries.get(id);
      if (entry == null || entry.network != network) {
        // evicted or replaced while building: answer without keeping it
        return built;
      }
      return entry.modes.computeIfAbsent(mode, m -> built);
    }
  }

  /**
   * Data derived from {@code owner}, built by {@code build} on first use for this {@code key}, and
   * dropped with its network.
   *
   * @param key what the value depends on besides the mode network (e.g. the population layer), or
   *     a constant
   */
  @SuppressWarnings("unchecked")
  public <T extends MemoryFootprint> T derived(ModeNetwork owner, DerivedKind<T> kind, Object key, Supplier<T> build) {
    DerivedKey derivedKey = new DerivedKey(owner.mode(), kind, key);
    synchronized (this) {
      Entry entry = entries.get(owner.networkId());
      if (entry != null && entry.network == owner.network()) {
        T cached = (T) entry.derived.get(derivedKey);
        if (cached != null) {
          return cached;
        }
      }
    }
    T built = build.get();
    synchronized (this) {
      Entry entry = entries.get(owner.networkId());
      if (entry == null || entry.network != owner.network()) {
        return built;
      }
      T raced = (T) entry.derived.putIfAbsent(derivedKey, built);
      if (raced != null) {
        return raced;
      }
      trimKind(entry, owner.mode(), kind);
      return built;
    }
  }

  /** Drops everything held for network {@code id}. */
  public synchronized void evict(long id) {
    entries.remove(id);
  }

  /** The ids of the networks held now. */
  public synchronized Set<Long> loadedNetworkIds() {
    return new TreeSet<>(entries.keySet());
  }

  /** Bytes held for network {@code id} with everything derived from it, or empty when it is not loaded. */
  public synchronized OptionalLong memoryBytes(long id) {
    Entry entry = entries.get(id);
    return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.memoryBytes());
  }

  /** The kinds of derived data held for network {@code id}, e.g. {@code drive isochrone-edges}. */
  public synchronized List<String> derivedData(long id) {
    Entry entry = entries.get(id);
    List<String> names = new ArrayList<>();
    if (entry != null) {
      entry.derived.keySet().forEach(key -> names.add(key.mode().code() + " " + key.kind().name()));
    }
    return names;
  }

  private void trim() {
    Iterator<Long> eldest = entries.keySet().iterator();
    while (entries.size() > maxNetworks && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
    }
  }

  private static void trimKind(Entry entry, TravelMode mode, DerivedKind<?> kind) {
    long count = entry.derived.keySet().stream().filter(k -> k.mode() == mode && k.kind().equals(kind)).count();
    Iterator<DerivedKey> keys = entry.derived.keySet().iterator();
    while (count > kind.maxEntries() && keys.hasNext()) {
      DerivedKey key = keys.next();
      if (key.mode() == mode && key.kind().equals(kind)) {
        keys.remove();
        count--;
      }
    }
  }
}
