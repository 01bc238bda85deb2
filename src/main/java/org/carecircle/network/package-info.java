/**
 * Road networks: a network is the junctions (nodes) and road pieces (edges, with their geometry
 * and length in metres) of an imported OpenStreetMap file, and per travel mode the directed arcs
 * that mode may use with their travel time in seconds. GraphHopper reads the file; CareCircle
 * keeps its own compact copy ({@link org.carecircle.network.RoadNetwork}) and searches it with its
 * own algorithms: snapping a point onto the nearest road ({@link
 * org.carecircle.network.NetworkLocator}) and travel times from one or many sources within a
 * budget ({@link org.carecircle.network.TravelTimeSearch}).
 */
package org.carecircle.network;
