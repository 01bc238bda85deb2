package org.carecircle.network;

/**
 * The nearest point on a road edge to a point of interest (a facility, a population cell).
 *
 * @param edge the {@link RoadNetwork} edge id
 * @param fraction where on the edge, by length along its geometry: 0 at node A, 1 at node B
 * @param distanceMeters straight-line distance from the point of interest to the road, metres
 * @param lon longitude of the point on the road, WGS84 degrees
 * @param lat latitude of the point on the road, WGS84 degrees
 */
public record SnappedPoint(int edge, double fraction, double distanceMeters, double lon, double lat) {}
