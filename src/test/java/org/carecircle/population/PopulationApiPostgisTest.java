package org.carecircle.population;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link PopulationApiTest} on PostGIS (the database scripts/test.sh creates). */
class PopulationApiPostgisTest extends PopulationApiTest implements PostgisTestStore {}
