package org.carecircle.population;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.JdbcChangeLogRepository;
import org.carecircle.system.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.io.ImportOptions;
import org.carecircle.testsupport.TestStores;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: prints how long population imports take on H2GIS and, when
 * {@code CARECIRCLE_TEST_PG_URL} is set, on PostGIS. Imports the Ahr valley raster (23,054 cells)
 * and a synthetic raster of the same size with every pixel valid (257,100 cells), each three
 * times into the same store, so that the first (cold JVM) and later runs can be told apart. Every
 * run after the first also deletes the previous layer, as a real re-import does.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) org.carecircle.population.PopulationImportBench
 * </pre>
 */
public final class PopulationImportBench {
  private static final int RUNS = 3;

  private PopulationImportBench() {}

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("population-bench");
    float[] counts = new float[857 * 300];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = 1 + (i % 17) * 0.5f;
    }
    Path full = GeoTiffFixture.grid(857, 300, counts).origin(6.5770833, 50.5845833).pixelSize(1.0 / 1200)
        .compression("LZW").write(folder, "all-pixels-valid.tif");
    Path ahr = Path.of(System.getenv().getOrDefault("CARECIRCLE_SHARED_GEODATA", "../shared/geodata"),
        "ahrtal", "wpop_ahrvalley.tif");
    List<TestStores.Store> stores = new ArrayList<>(List.of(TestStores.Store.H2GIS));
    if (TestStores.postgisUrl() != null) {
      stores.add(TestStores.Store.POSTGIS);
    }
    for (TestStores.Store store : stores) {
      DataSource dataSource = TestStores.dataSource(store);
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      JdbcPopulationRepository repository = new JdbcPopulationRepository(dataSource);
      PopulationChanges changes = new PopulationChanges(new ChangeLog(new JdbcChangeLogRepository(jdbc),
          () -> CurrentUser.SYSTEM, new ObjectMapper()));
      PopulationImportService importer = new PopulationImportService(repository,
          new TransactionTemplate(new DataSourceTransactionManager(dataSource)), changes,
          new PopulationService(repository, changes), null);
      for (Path raster : List.of(ahr, full)) {
        for (int run = 1; run <= RUNS; run++) {
          long start = System.nanoTime();
          PopulationImportResult result = importer.importFile(raster, raster.getFileName().toString(),
              ImportOptions.DEFAULTS, null);
          System.out.printf("%-8s %-24s run %d: %,9d cells, total %,.1f, %,6d ms%n", store, raster.getFileName(), run,
              result.cells(), result.totalPopulation(), (System.nanoTime() - start) / 1_000_000);
        }
      }
    }
  }
}
