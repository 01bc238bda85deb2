package org.carecircle.population;

import org.carecircle.testsupport.PostgisTestStore;

/** {@link PopulationImportJobApiTest} on PostGIS (the database scripts/test.sh creates). */
class PopulationImportJobApiPostgisTest extends PopulationImportJobApiTest implements PostgisTestStore {}
