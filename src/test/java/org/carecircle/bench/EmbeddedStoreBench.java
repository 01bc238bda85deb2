package org.carecircle.bench;

import java.nio.file.Files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.carecircle.district.DistrictPopulationCalculator;
import org.carecircle.district.DistrictPopulationSums;
import org.carecircle.population.JdbcPopulationRepository;
import org.carecircle.population.PopulationCell;
import org.carecircle.population.PopulationSum;
import org.flywaydb.core.Flyway;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the crash-safe embedded store costs at metropolitan scale, against two baselines measured in
 * the same run on the same generated layer: a store migrated only to V7, which still has H2's R-tree
 * (SPATIAL) indexes, queried as the repository did then; and the no-index path of V8 to V12 (the
 * same SQL, scanning, run on the current store). The current path is the repository since V13: a
 * B-tree on a grid key of each cell's location and the cells' numbers stored beside their geometry.
 * A benchmark, not a test:
 *
 * <pre>
 * java -cp ... org.carecircle.bench.EmbeddedStoreBench [cells, default 1000000]
 * </pre>
 *
 * The layer is a generated 100 m grid over a Qingdao-sized area (about 100 x 100 km, cells with
 * their squares, seeded). Measured, each as the median over 20 different boxes: the cells of a
 * 2 x 2 km map view ({@code find}), the cells overlapping a 15 x 15 km district's envelope ({@code
 * findOverlapping}); and, median of three, the populations of ten irregular 15 km districts from
 * one pass, as the district list and the district indicators compute them (baselines: every cell
 * of the districts' joint extent decoded and weighted by one DistrictPopulationCalculator per
 * district; current: the grid-key ranges of the ten envelopes, DistrictPopulationSums on the
 * cells' numbers, polygons read for border cells only). The
 * district sums of the current path are checked against the baseline's.
 */
public final class EmbeddedStoreBench {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
  private static final double CELL_DEGREES = 0.001;
  private static final int BOXES = 20;
  private static final int DISTRICTS = 10;
  /** The repository's SQL up to V12: geometry decoded per row, boxes through {@code &&}. */
  private static final String OLD_COLUMNS =
      "id, population, ST_AsBinary(geom) AS wkb, ST_AsBinary(cell_geom) AS cell_wkb";
  private static final String OLD_FIND = "SELECT " + OLD_COLUMNS + " FROM population_cell"
      + " WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) ORDER BY id LIMIT ?";
  private static final String OLD_OVERLAPPING = "SELECT " + OLD_COLUMNS + " FROM population_cell"
      + " WHERE cell_geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) UNION ALL SELECT " + OLD_COLUMNS
      + " FROM population_cell WHERE cell_geom IS NULL AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";

  private EmbeddedStoreBench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int cells = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int side = (int) Math.ceil(Math.sqrt(cells));
    java.nio.file.Path folder = Files.createTempDirectory("carecircle-store-bench");
    System.out.printf("layer: %,d cells of %.3f deg on a %d x %d grid at 120-121 E, 36-37 N%n", cells, CELL_DEGREES,
        side, side);
    Store rtree = new Store(folder.resolve("v7-rtree"), "7");
    Store current = new Store(folder.resolve("current"), null);
    long start = System.nanoTime();
    rtree.loadOldWay(cells, side);
    System.out.printf("%-34s insert %6.1f s%n", "V7 store (R-tree), INSERTs of V7", seconds(start));
    start = System.nanoTime();
    current.load(cells, side);
    System.out.printf("%-34s insert %6.1f s%n", "current store (grid key), insertAll", seconds(start));

    Random random = new Random(42);
    List<Envelope> views = new ArrayList<>();
    List<Envelope> districtBoxes = new ArrayList<>();
    for (int i = 0; i < BOXES; i++) {
      double x = 120 + random.nextDouble() * (side * CELL_DEGREES - 0.15);
      double y = 36 + random.nextDouble() * (side * CELL_DEGREES - 0.15);
      views.add(new Envelope(x, x + 0.02, y, y + 0.02));
      districtBoxes.add(new Envelope(x, x + 0.15, y, y + 0.15));
    }
    List<Geometry> districts = new ArrayList<>();
    for (int i = 0; i < DISTRICTS; i++) {
      districts.add(blob(districtBoxes.get(i), i));
    }
    Envelope tenDistricts = new Envelope();
    districts.forEach(d -> tenDistricts.expandToInclude(d.getEnvelopeInternal()));

    System.out.printf("%-34s %14s %18s %24s%n", "path", "2 km view ms", "15 km district ms", "10 districts' sums ms");
    List<double[]> results = new ArrayList<>();
    List<double[]> sums = new ArrayList<>();
    for (QueryPath path : List.of(new QueryPath("V7 store, R-tree (baseline)", rtree, true),
        new QueryPath("no index, V8-V12 SQL (baseline)", current, true), new QueryPath("grid key, V13 (current)", current, false))) {
      path.find(views.get(0));
      double view = median(views, path::find);
      double district = median(districtBoxes, path::overlapping);
      double[][] lastSums = new double[1][];
      double pass = median(List.of(tenDistricts, tenDistricts, tenDistricts), box -> {
        lastSums[0] = path.districtSums(districts, box);
        return lastSums[0].length;
      });
      results.add(new double[] {view, district, pass});
      sums.add(lastSums[0]);
      System.out.printf("%-34s %14.1f %18.1f %24.1f%n", path.label, view, district, pass);
    }
    double[] v7 = results.get(0);
    double[] scan = results.get(1);
    double[] now = results.get(2);
    System.out.printf("%-34s %13.2fx %17.2fx %23.2fx%n", "ratio current / V7 R-tree", now[0] / v7[0],
        now[1] / v7[1], now[2] / v7[2]);
    System.out.printf("%-34s %13.2fx %17.2fx %23.2fx%n", "ratio current / no index", now[0] / scan[0],
        now[1] / scan[1], now[2] / scan[2]);
    double largest = 0;
    double total = 0;
    for (int d = 0; d < DISTRICTS; d++) {
      largest = Math.max(largest, Math.abs(sums.get(2)[d] - sums.get(1)[d]) / Math.max(1, sums.get(1)[d]));
      total += sums.get(2)[d];
    }
    System.out.printf("ten districts hold %,.1f people; largest relative difference current / baseline sums: %.1e%n",
        total, largest);
    System.out.printf("10 districts' sums %.1f ms against a target of 2,000 ms at 1,000,000 cells: %s%n", now[2],
        now[2] <= 2000 ? "met" : "MISSED");
    rtree.close();
    current.close();
  }

  /** An irregular district of about 15 km inside the box: a wavy star-shaped ring of 360 vertices. */
  private static Geometry blob(Envelope box, int seed) {
    Coordinate[] ring = new Coordinate[361];
    double radius = box.getWidth() / 2;
    for (int k = 0; k < 360; k++) {
      double angle = Math.toRadians(k);
      double r = radius * (0.8 + 0.12 * Math.sin(5 * angle + seed) + 0.06 * Math.cos(13 * angle + 2 * seed));
      ring[k] = new Coordinate(box.centre().x + r * Math.cos(angle), box.centre().y + r * Math.sin(angle));
    }
    ring[360] = ring[0].copy();
    return WGS84.createPolygon(ring);
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

  /** One way of asking a store. */
  private record QueryPath(String label, Store store, boolean oldSql) {
    int find(Envelope box) {
      return oldSql ? store.jdbc.query(OLD_FIND, oldCells(), box.getMinX(), box.getMinY(), box.getMaxX(),
          box.getMaxY(), 10_000).size() : store.repository.find(box, 10_000).size();
    }

    int overlapping(Envelope box) {
      return oldSql ? store.jdbc.query(OLD_OVERLAPPING, oldCells(), box.getMinX(), box.getMinY(), box.getMaxX(),
          box.getMaxY(), box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY()).size()
          : store.repository.findOverlapping(box).size();
    }

    double[] districtSums(List<Geometry> districts, Envelope extent) {
      return store.transaction.execute(status -> {
        if (!oldSql) {
          DistrictPopulationSums sums = new DistrictPopulationSums(districts);
          store.repository.forEachExtentOverlappingAny(
              districts.stream().map(Geometry::getEnvelopeInternal).toList(), sums::add);
          return sums.values(store.repository::cellPolygons);
        }
        List<DistrictPopulationCalculator> calculators = districts.stream()
            .map(DistrictPopulationCalculator::new).toList();
        PopulationSum[] sums = new PopulationSum[districts.size()];
        Arrays.setAll(sums, d -> new PopulationSum());
        var mapper = oldCells();
        store.streaming.query(OLD_OVERLAPPING, (java.sql.ResultSet rs) -> {
          List<PopulationCell> one = Collections.singletonList(mapper.mapRow(rs, 0));
          for (int d = 0; d < sums.length; d++) {
            sums[d].add(calculators.get(d).calculate(one).population());
          }
        }, extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY(), extent.getMinX(),
            extent.getMinY(), extent.getMaxX(), extent.getMaxY());
        double[] values = new double[sums.length];
        Arrays.setAll(values, d -> sums[d].value());
        return values;
      });
    }
  }

  private static org.springframework.jdbc.core.RowMapper<PopulationCell> oldCells() {
    WKBReader wkb = new WKBReader(WGS84);
    return (rs, rowNum) -> {
      try {
        byte[] cell = rs.getBytes("cell_wkb");
        return new PopulationCell(rs.getLong("id"), rs.getDouble("population"), (Point) wkb.read(rs.getBytes("wkb")),
            cell == null ? null : wkb.read(cell));
      } catch (ParseException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** One H2GIS file store migrated to a version (null: the newest). */
  private static final class Store {
    final SingleConnectionDataSource dataSource;
    final JdbcPopulationRepository repository;
    final JdbcTemplate jdbc;
    final JdbcTemplate streaming;
    final TransactionTemplate transaction;

    Store(java.nio.file.Path folder, String targetVersion) {
      dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + folder.resolve("store") + ";WRITE_DELAY=0", "sa", "",
          true);
      var flyway = Flyway.configure().dataSource(dataSource)
          .locations("classpath:db/migration/h2", "classpath:db/migration/common");
      if (targetVersion != null) {
        flyway.target(targetVersion);
      }
      flyway.load().migrate();
      repository = targetVersion == null ? new JdbcPopulationRepository(dataSource) : null;
      jdbc = new JdbcTemplate(dataSource);
      streaming = new JdbcTemplate(dataSource);
      streaming.setFetchSize(10_000);
      transaction = new TransactionTemplate(new DataSourceTransactionManager((DataSource) dataSource));
    }

    /** The same generated cells every time: squares with their centres, 1 to 30 people each. */
    static void generate(int cells, int side, java.util.function.Consumer<List<PopulationCell>> batches) {
      List<PopulationCell> batch = new ArrayList<>(10_000);
      Random random = new Random(7);
      for (int i = 0; i < cells; i++) {
        double x = 120 + (i % side) * CELL_DEGREES;
        double y = 36 + (i / side) * CELL_DEGREES;
        Polygon square = (Polygon) WGS84.toGeometry(new Envelope(x, x + CELL_DEGREES, y, y + CELL_DEGREES));
        batch.add(new PopulationCell(i + 1, 1 + random.nextInt(30),
            WGS84.createPoint(new Coordinate(x + CELL_DEGREES / 2, y + CELL_DEGREES / 2)), square));
        if (batch.size() == 10_000 || i == cells - 1) {
          batches.accept(List.copyOf(batch));
          batch.clear();
        }
      }
    }

    void load(int cells, int side) {
      generate(cells, side, batch -> transaction.executeWithoutResult(status -> repository.insertAll(batch)));
    }

    /** The V7 schema's INSERT (the columns of V3), geometry parsed from WKB by the store. */
    void loadOldWay(int cells, int side) {
      WKBWriter wkb = new WKBWriter();
      generate(cells, side, batch -> transaction.executeWithoutResult(status -> jdbc.batchUpdate(
          "INSERT INTO population_cell (id, population, geom, cell_geom)"
              + " VALUES (?, ?, ST_GeomFromWKB(?, 4326), ST_GeomFromWKB(?, 4326))", batch, 5_000, (ps, cell) -> {
                ps.setLong(1, cell.id());
                ps.setDouble(2, cell.population());
                ps.setBytes(3, wkb.write(cell.location()));
                ps.setBytes(4, wkb.write(cell.cellPolygon()));
              })));
    }

    void close() {
      dataSource.destroy();
    }
  }
}
