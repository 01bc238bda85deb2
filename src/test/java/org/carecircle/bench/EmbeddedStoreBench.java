package org.carecircle.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.DoubleAdder;
import javax.sql.DataSource;
import org.carecircle.population.JdbcPopulationRepository;
import org.carecircle.population.PopulationCell;
import org.flywaydb.core.Flyway;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the crash-safe embedded store costs: bounding-box queries on the population layer with no
 * R-tree (the store since migration h2/V8) against the same layer in a store migrated only to V7,
 * which still has H2's R-tree (SPATIAL) indexes: the named baseline, measured in the same run. A
 * benchmark, not a test:
 *
 * <pre>
 * java -cp ... org.carecircle.bench.EmbeddedStoreBench [cells, default 1000000]
 * </pre>
 *
 * The layer is a generated 100 m grid over a Qingdao-sized area (about 100 x 100 km, cells with
 * their squares, seeded), the same in both stores. Measured, each as the median over 20 different
 * boxes: the cells of a 2 x 2 km map view ({@code find}), the cells overlapping a 15 x 15 km
 * district's envelope ({@code findOverlapping}), and one streaming pass over all ten districts'
 * joint extent (what the district list does since it reads the cells once).
 */
public final class EmbeddedStoreBench {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
  private static final double CELL_DEGREES = 0.001;
  private static final int BOXES = 20;

  private EmbeddedStoreBench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int cells = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int side = (int) Math.ceil(Math.sqrt(cells));
    Path folder = Files.createTempDirectory("carecircle-store-bench");
    System.out.printf("layer: %,d cells of %.3f deg on a %d x %d grid at 120-121 E, 36-37 N%n", cells, CELL_DEGREES,
        side, side);
    Store rtree = new Store(folder.resolve("v7-rtree"), "7");
    Store plain = new Store(folder.resolve("current"), null);
    for (Store store : List.of(rtree, plain)) {
      long start = System.nanoTime();
      store.load(cells, side);
      System.out.printf("%-26s insert %6.1f s%n", store.label, seconds(start));
    }
    Random random = new Random(42);
    List<Envelope> views = new ArrayList<>();
    List<Envelope> districts = new ArrayList<>();
    for (int i = 0; i < BOXES; i++) {
      double x = 120 + random.nextDouble() * (side * CELL_DEGREES - 0.15);
      double y = 36 + random.nextDouble() * (side * CELL_DEGREES - 0.15);
      views.add(new Envelope(x, x + 0.02, y, y + 0.02));
      districts.add(new Envelope(x, x + 0.15, y, y + 0.15));
    }
    Envelope tenDistricts = new Envelope();
    districts.subList(0, 10).forEach(tenDistricts::expandToInclude);

    System.out.printf("%-26s %14s %18s %22s%n", "store", "2 km view ms", "15 km district ms", "10 districts, 1 pass ms");
    double[][] results = new double[2][];
    int row = 0;
    for (Store store : List.of(rtree, plain)) {
      store.repository.find(views.get(0), 10_000);
      double view = median(views, box -> store.repository.find(box, 10_000).size());
      double district = median(districts, box -> store.repository.findOverlapping(box).size());
      double pass = median(List.of(tenDistricts, tenDistricts, tenDistricts), box -> {
        DoubleAdder total = new DoubleAdder();
        store.transaction.executeWithoutResult(status ->
            store.repository.forEachOverlapping(box, cell -> total.add(cell.population())));
        return (int) total.sum();
      });
      results[row++] = new double[] {view, district, pass};
      System.out.printf("%-26s %14.1f %18.1f %22.1f%n", store.label, view, district, pass);
    }
    System.out.printf("ratio no R-tree / R-tree    %13.1fx %17.1fx %21.1fx%n", results[1][0] / results[0][0],
        results[1][1] / results[0][1], results[1][2] / results[0][2]);
    rtree.close();
    plain.close();
  }

  private interface Query {
    int run(Envelope box);
  }

  /** The median in milliseconds of one query per box. */
  private static double median(List<Envelope> boxes, Query query) {
    double[] millis = new double[boxes.size()];
    for (int i = 0; i < boxes.size(); i++) {
      long start = System.nanoTime();
      query.run(boxes.get(i));
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[millis.length / 2];
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** One H2GIS file store migrated to a version (null: the newest). */
  private static final class Store {
    final String label;
    final SingleConnectionDataSource dataSource;
    final JdbcPopulationRepository repository;
    final TransactionTemplate transaction;

    Store(Path folder, String targetVersion) {
      label = targetVersion == null ? "current (no R-tree)" : "V7 (R-tree, baseline)";
      dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + folder.resolve("store") + ";WRITE_DELAY=0", "sa", "",
          true);
      var flyway = Flyway.configure().dataSource(dataSource)
          .locations("classpath:db/migration/h2", "classpath:db/migration/common");
      if (targetVersion != null) {
        flyway.target(targetVersion);
      }
      flyway.load().migrate();
      repository = new JdbcPopulationRepository(dataSource);
      transaction = new TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(
          (DataSource) dataSource));
    }

    void load(int cells, int side) {
      List<PopulationCell> batch = new ArrayList<>(10_000);
      Random random = new Random(7);
      for (int i = 0; i < cells; i++) {
        double x = 120 + (i % side) * CELL_DEGREES;
        double y = 36 + (i / side) * CELL_DEGREES;
        var square = WGS84.toGeometry(new Envelope(x, x + CELL_DEGREES, y, y + CELL_DEGREES));
        batch.add(new PopulationCell(i + 1, 1 + random.nextInt(30),
            WGS84.createPoint(new Coordinate(x + CELL_DEGREES / 2, y + CELL_DEGREES / 2)), square));
        if (batch.size() == 10_000) {
          List<PopulationCell> full = List.copyOf(batch);
          transaction.executeWithoutResult(status -> repository.insertAll(full));
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        transaction.executeWithoutResult(status -> repository.insertAll(batch));
      }
    }

    void close() {
      dataSource.destroy();
    }
  }
}
