package org.carecircle.population;

/** {@link PopulationApiTest} on PostGIS (the database scripts/test.sh creates). */
class PopulationApiPostgisTest extends PopulationApiTest implements PostgisTestStore {}
