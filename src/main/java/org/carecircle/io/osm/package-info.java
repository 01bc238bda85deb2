/**
 * OpenStreetMap extracts (.osm.pbf) read with GraphHopper's PBF decoder. A <em>pass</em> is one
 * sequential read of the file that decodes only the element types it needs (nodes, ways or
 * relations); features whose geometry refers to other elements (a way to its nodes, a multipolygon
 * to its ways) are resolved in later passes, so memory grows with the wanted features, not with
 * the file. Coordinates are WGS84 longitude/latitude.
 */
package org.carecircle.io.osm;
