/**
 * Coverage zones. A coverage zone is the area from which a facility is reachable within
 * cutoffSeconds: along the roads of one travel mode, then on foot straight to the nearest road of
 * that mode. Zones are WGS84 (SRID 4326) polygons with holes; a plain service radius is a zone
 * too ({@link org.carecircle.coverage.isochrone.RadiusZoneBuilder}).
 */
package org.carecircle.coverage;
