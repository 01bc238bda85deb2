package org.carecircle.testsupport;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of API tests on Porto Alegre as a planner sets it up: an empty registry, the road network
 * imported, the hexagon grid as the population layer and the 117 health-facility cells as existing
 * clinics. Subclasses choose the store (see {@link PostgisTestStore}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PortoAlegreApiTest {
  /** The hexagon grid's population, as poa_hexgrid.csv states it. */
  public static final double PORTO_ALEGRE_POPULATION = 812_935;

  @LocalServerPort protected int port;
  @Autowired protected DataSource dataSource;
  protected ApiClient api;
  protected long networkId;

  @BeforeAll
  void importPortoAlegre() {
    TestStores.clear(dataSource);
    api = new ApiClient(port);
    networkId = TestNetworks.importPortoAlegre(api);
    PortoAlegreFixture.importPopulation(api);
    PortoAlegreFixture.importClinics(api);
  }
}
