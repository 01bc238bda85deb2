package org.carecircle.network;

import java.time.Instant;
import java.util.List;

/**
 * A stored road network's catalogue entry, as the API lists it.
 *
 * @param id the network's id, also the name of its folder; null before it is stored
 * @param name the planner's name for it (default: the file name without extension)
 * @param sourceFile the OSM file it was imported from: the uploaded file's name, or the path on
 *     the server
 * @param bbox the extent of its roads, WGS84
 * @param nodeCount junctions and road ends
 * @param edgeCount road pieces between them
 * @param profiles the travel modes it serves ({@code walk}, {@code drive}, {@code ambulance})
 * @param createdAt when the import finished
 * @param memoryBytes bytes this server holds in memory for the network now (the graph of every
 *     mode loaded so far and what analyses derived from it), or null when it is not loaded
 */
public record NetworkInfo(
    Long id,
    String name,
    String sourceFile,
    BoundingBox bbox,
    int nodeCount,
    int edgeCount,
    List<String> profiles,
    Instant createdAt,
    Long memoryBytes) {

  public NetworkInfo {
    profiles = List.copyOf(profiles);
  }

  public NetworkInfo withId(long newId) {
    return new NetworkInfo(newId, name, sourceFile, bbox, nodeCount, edgeCount, profiles, createdAt, memoryBytes);
  }

  public NetworkInfo withMemoryBytes(Long bytes) {
    return new NetworkInfo(id, name, sourceFile, bbox, nodeCount, edgeCount, profiles, createdAt, bytes);
  }
}
