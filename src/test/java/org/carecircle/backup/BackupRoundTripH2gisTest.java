package org.carecircle.backup;

/** The round trip from H2GIS: into H2GIS and into PostGIS (a pilot moved to production). */
class BackupRoundTripH2gisTest extends BackupRoundTripTest {}
