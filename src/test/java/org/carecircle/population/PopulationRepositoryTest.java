package org.carecircle.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestStores.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same repository contract, run against a real H2GIS and a real PostGIS. */
class PopulationRepositoryTest {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private static JdbcPopulationRepository repository(Store store) {
    DataSource dataSource = TestStores.dataSource(store);
    JdbcPopulationRepository repository = new JdbcPopulationRepository(dataSource);
    repository.deleteAll();
    return repository;
  }

  /** A cell with the square of {@code size} degrees whose south-west corner is (lon, lat). */
  private static PopulationCell square(long id, double population, double lon, double lat, double size) {
    Polygon polygon = (Polygon) WGS84.toGeometry(new Envelope(lon, lon + size, lat, lat + size));
    return new PopulationCell(id, population, WGS84.createPoint(new Coordinate(lon + size / 2, lat + size / 2)), polygon);
  }

  private static PopulationCell point(long id, double population, double lon, double lat) {
    return new PopulationCell(id, population, WGS84.createPoint(new Coordinate(lon, lat)), null);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void cellsReadBackExactlyAndStreamAsArraysInIdOrder(Store store) {
    var repository = repository(store);
    repository.insertAll(List.of(point(3, 0.125, 120.3, 36.3), square(1, 5.37935113906860352, 120.1, 36.1, 0.01),
        point(2, 1e6, 120.2, 36.2)));

    PopulationCells all = repository.loadAll();
    assertThat(all.id()).containsExactly(1, 2, 3);
    // the square's centre as square() computes it, to the last bit
    assertThat(all.lon()).containsExactly(120.1 + 0.01 / 2, 120.2, 120.3);
    assertThat(all.lat()).containsExactly(36.1 + 0.01 / 2, 36.2, 36.3);
    assertThat(all.population()).containsExactly(5.37935113906860352, 1e6, 0.125);
    assertThat(all.totalPopulation()).isEqualTo(5.37935113906860352 + 1e6 + 0.125);

    List<PopulationCell> found = repository.find(null, 10);
    assertThat(found.get(0).cellPolygon().getEnvelopeInternal()).isEqualTo(new Envelope(120.1, 120.11, 36.1, 36.11));
    assertThat(found.get(0).location().getSRID()).isEqualTo(4326);
    assertThat(found.get(1).cellPolygon()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void everyGeometryColumnIsSrid4326SpatiallyIndexedOnPostgisOnly(Store store) {
    repository(store).insertAll(List.of(square(1, 1, 120.1, 36.1, 0.01)));
    JdbcTemplate jdbc = new JdbcTemplate(TestStores.dataSource(store));
    assertThat(jdbc.queryForObject("SELECT ST_SRID(geom) FROM population_cell", Integer.class)).isEqualTo(4326);
    assertThat(jdbc.queryForObject("SELECT ST_SRID(cell_geom) FROM population_cell", Integer.class)).isEqualTo(4326);
    for (String table : List.of("population_cell", "district")) {
      String indexQuery = store == Store.POSTGIS
          ? "SELECT COUNT(*) FROM pg_indexes WHERE tablename = '" + table + "' AND indexdef ILIKE '%gist%'"
          : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = '" + table.toUpperCase()
              + "' AND INDEX_TYPE_NAME = 'SPATIAL INDEX'";
      // GiST on PostGIS; none on the embedded store, where an R-tree made killed imports unreadable (h2/V8)
      int gistIndexes = table.equals("population_cell") ? 2 : 1;
      assertThat(jdbc.queryForObject(indexQuery, Integer.class)).as(table)
          .isEqualTo(store == Store.POSTGIS ? gistIndexes : 0);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void boxQueriesUseLocationsAndOverlapQueriesUsePolygons(Store store) {
    var repository = repository(store);
    // the square of cell 1 reaches 120.2-120.4 but its centre 120.3 lies east of the box's edge at 120.25
    repository.insertAll(List.of(square(1, 10, 120.2, 36.0, 0.2), point(2, 20, 120.1, 36.1), point(3, 30, 121.0, 37.0)));
    Envelope box = new Envelope(120.0, 120.25, 36.0, 36.2);

    assertThat(repository.count(box)).isEqualTo(1);
    assertThat(repository.count(null)).isEqualTo(3);
    assertThat(repository.find(box, 10)).extracting(PopulationCell::id).containsExactly(2L);
    assertThat(repository.find(null, 2)).extracting(PopulationCell::id).containsExactly(1L, 2L);
    assertThat(repository.findOverlapping(box)).extracting(PopulationCell::id).containsExactlyInAnyOrder(1L, 2L);
    assertThat(repository.hasCells()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aggregationSumsCellsPerSquareOfTheGrid(Store store) {
    var repository = repository(store);
    //  grid of 1-degree squares from (120, 36):   square (0,0) holds cells 1 and 2, square (1,1) cell 3
    repository.insertAll(List.of(point(1, 10, 120.25, 36.5), point(2, 30, 120.75, 36.5), point(3, 5, 121.5, 37.5)));
    List<PopulationBin> bins = repository.aggregate(new Envelope(120, 122, 36, 38), 1, 1);
    assertThat(bins).hasSize(2);
    PopulationBin first = bins.get(0);
    assertThat(first.minLon()).isEqualTo(120);
    assertThat(first.minLat()).isEqualTo(36);
    assertThat(first.maxLon()).isEqualTo(121);
    assertThat(first.cells()).isEqualTo(2);
    assertThat(first.population()).isEqualTo(40);
    // population-weighted: (10 * 120.25 + 30 * 120.75) / 40
    assertThat(first.centreLon()).isCloseTo(120.625, within(1e-12));
    assertThat(bins.get(1).minLon()).isEqualTo(121);
    assertThat(bins.get(1).minLat()).isEqualTo(37);
    assertThat(bins.get(1).population()).isEqualTo(5);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void summaryCountsSumsAndSpansThePolygonsAndNamesTheSource(Store store) {
    var repository = repository(store);
    assertThat(repository.summary().cells()).isZero();
    assertThat(repository.summary().bbox()).isNull();
    assertThat(repository.hasCells()).isFalse();
    repository.insertAll(List.of(square(1, 1.5, 120.0, 36.0, 0.5), point(2, 2.5, 121.0, 35.5)));
    repository.saveLayer(new PopulationLayer("人口.csv", "csv", "GCJ-02", "常住人口", null));

    PopulationSummary summary = repository.summary();
    assertThat(summary.cells()).isEqualTo(2);
    assertThat(summary.totalPopulation()).isEqualTo(4.0);
    assertThat(summary.bbox()).containsExactly(120.0, 35.5, 121.0, 36.5);
    assertThat(summary.source().sourceName()).isEqualTo("人口.csv");
    assertThat(summary.source().valueColumn()).isEqualTo("常住人口");
    assertThat(summary.source().importedAt()).isNotNull();

    repository.deleteAll();
    assertThat(repository.summary().cells()).isZero();
    assertThat(repository.layer()).isEmpty();
    assertThat(repository.loadAll().size()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void boxQueriesFindExactlyWhatATestOfEveryCellFinds(Store store) {
    var repository = repository(store);
    // 3,000 cells over 0.5 x 0.5 degrees (50 x 50 grid squares): points, 100 m squares and a few
    // 5 km census-like units, so that overlap queries must reach beyond the squares a box touches
    Random random = new Random(11);
    List<PopulationCell> cells = new ArrayList<>();
    for (int id = 1; id <= 3000; id++) {
      double lon = 120 + random.nextDouble() * 0.5;
      double lat = 36 + random.nextDouble() * 0.5;
      cells.add(id % 3 == 0 ? point(id, id, lon, lat) : square(id, id, lon, lat, id % 100 == 1 ? 0.05 : 0.001));
    }
    repository.insertAll(cells.subList(0, 1700));
    repository.insertAll(cells.subList(1700, cells.size()));
    for (int b = 0; b < 40; b++) {
      double size = b % 2 == 0 ? 0.02 : 0.2;
      double x = 119.95 + random.nextDouble() * 0.5;
      double y = 35.95 + random.nextDouble() * 0.5;
      Envelope box = new Envelope(x, x + size, y, y + size);
      Set<Long> located = new HashSet<>();
      Set<Long> overlapping = new HashSet<>();
      for (PopulationCell cell : cells) {
        if (box.covers(cell.location().getCoordinate())) {
          located.add(cell.id());
        }
        Envelope extent = (cell.cellPolygon() != null ? cell.cellPolygon() : cell.location()).getEnvelopeInternal();
        if (box.intersects(extent)) {
          overlapping.add(cell.id());
        }
      }
      assertThat(repository.count(box)).as("count in %s", box).isEqualTo(located.size());
      assertThat(repository.find(box, 10_000)).extracting(PopulationCell::id).as("find in %s", box)
          .containsExactlyInAnyOrderElementsOf(located).isSorted();
      assertThat(repository.findOverlapping(box)).extracting(PopulationCell::id).as("overlapping %s", box)
          .containsExactlyInAnyOrderElementsOf(overlapping);
      List<Long> streamed = new ArrayList<>();
      repository.forEachExtentOverlapping(box, extent -> streamed.add(extent.id()));
      assertThat(streamed).as("extents overlapping %s", box).containsExactlyInAnyOrderElementsOf(overlapping);
    }
    // several scattered boxes at once: every cell overlapping any of them, each once
    List<Envelope> scattered = List.of(new Envelope(120.0, 120.05, 36.0, 36.04), new Envelope(120.3, 120.32, 36.1, 36.3),
        new Envelope(120.31, 120.4, 36.25, 36.27), new Envelope(120.45, 120.5, 36.45, 36.5));
    Envelope joint = new Envelope();
    scattered.forEach(joint::expandToInclude);
    Set<Long> inAny = new HashSet<>();
    Set<Long> inJoint = new HashSet<>();
    for (PopulationCell cell : cells) {
      Envelope extent = (cell.cellPolygon() != null ? cell.cellPolygon() : cell.location()).getEnvelopeInternal();
      if (scattered.stream().anyMatch(box -> box.intersects(extent))) {
        inAny.add(cell.id());
      }
      if (joint.intersects(extent)) {
        inJoint.add(cell.id());
      }
    }
    List<Long> handed = new ArrayList<>();
    repository.forEachExtentOverlappingAny(scattered, extent -> handed.add(extent.id()));
    assertThat(handed).doesNotHaveDuplicates().containsAll(inAny);
    assertThat(inJoint).containsAll(handed);
    assertThat(inAny).hasSizeGreaterThan(50);
    if (store == Store.H2GIS) {
      // the ranges of the four boxes, not the joint extent
      assertThat(handed).hasSizeLessThan(inJoint.size() / 2);
      JdbcTemplate jdbc = new JdbcTemplate(TestStores.dataSource(store));
      // the crash-safe index that answers these boxes: an ordinary B-tree
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME ="
          + " 'POPULATION_CELL' AND INDEX_NAME = 'POPULATION_CELL_GRID_KEY_IDX'", Integer.class)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void extentsCarryTheStoredNumbersAndPolygonsAreReadByIdOnly(Store store) {
    var repository = repository(store);
    repository.insertAll(List.of(square(1, 5.5, 120.1, 36.1, 0.01), point(2, 7, 120.105, 36.105)));
    List<PopulationCellExtent> extents = new ArrayList<>();
    repository.forEachExtentOverlapping(new Envelope(120, 121, 36, 37), extents::add);
    assertThat(extents).containsExactlyInAnyOrder(
        new PopulationCellExtent(1, 5.5, 120.1 + 0.01 / 2, 36.1 + 0.01 / 2, 120.1, 36.1, 120.11, 36.11),
        new PopulationCellExtent(2, 7, 120.105, 36.105, 120.105, 36.105, 120.105, 36.105));
    Map<Long, org.locationtech.jts.geom.Geometry> polygons = repository.cellPolygons(List.of(1L, 2L, 99L));
    assertThat(polygons).containsOnlyKeys(1L);
    assertThat(polygons.get(1L).getEnvelopeInternal()).isEqualTo(new Envelope(120.1, 120.11, 36.1, 36.11));
    assertThat(polygons.get(1L).getSRID()).isEqualTo(4326);
  }
}
