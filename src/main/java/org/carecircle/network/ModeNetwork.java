package org.carecircle.network;

/**
 * Everything a search in one travel mode needs, built once per network and mode and cached by
 * {@link NetworkService}: the network, the mode's arcs, its per-edge times and its snapping index.
 * Immutable and thread-safe.
 *
 * @param networkId the stored network's id
 * @param mode the travel mode
 * @param network the road network
 * @param graph the mode's arcs ({@link TravelMode#AMBULANCE}: the drive arcs sped up)
 * @param edgeTimes per-edge seconds derived from {@code graph}
 * @param locator snaps points onto edges this mode may use
 */
public record ModeNetwork(long networkId, TravelMode mode, RoadNetwork network, ModeGraph graph,
    EdgeTravelTimes edgeTimes, NetworkLocator locator) {}
