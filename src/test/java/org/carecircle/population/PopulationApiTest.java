package org.carecircle.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.carecircle.io.gpkg.GeoPackageWriter;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The population API over real HTTP on a real store; subclasses choose the store. The Ahr valley
 * raster is imported once and stays the layer for most tests; each bad-input test checks that the
 * rejected file left it as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PopulationApiTest {
  static final String AHR_RASTER = "ahrtal/wpop_ahrvalley.tif";
  /** README: the raster's sum; 23,054 of its 857 x 300 pixels hold a count (GDAL agrees). */
  static final double AHR_TOTAL = 191_420.4;
  static final long AHR_CELLS = 23_054;

  @LocalServerPort int port;
  @Autowired PopulationRepository repository;
  @Autowired PopulationService population;
  @TempDir Path folder;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  /** Imports the Ahr raster unless it is the layer already (it takes a second or two). */
  void ahrLayer() {
    PopulationSummary summary = repository.summary();
    boolean loaded = summary.source() != null && "wpop_ahrvalley.tif".equals(summary.source().sourceName())
        && summary.cells() == AHR_CELLS;
    if (!loaded) {
      Response response = api.upload("/api/population/import", SharedGeodata.file(AHR_RASTER));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
  }

  /** A rejection: 4xx problem+json, nothing imported, and the Ahr layer still in place. */
  private JsonNode assertRejected(Response response) {
    assertThat(response.status()).as(response.toString()).isIn(400, 422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode body = response.json();
    assertThat(body.get("imported").asInt()).isZero();
    assertThat(body.get("rejected")).isNotEmpty();
    PopulationSummary after = repository.summary();
    assertThat(after.cells()).as("the layer is unchanged").isEqualTo(AHR_CELLS);
    assertThat(after.source().sourceName()).isEqualTo("wpop_ahrvalley.tif");
    return body.get("rejected").get(0);
  }

  private Response importText(String fileName, String content, String... params) {
    return api.upload("/api/population/import", fileName, content.getBytes(StandardCharsets.UTF_8), params);
  }

  @Test
  void ahrRasterImportPreservesTheTotalAndIsFast() {
    long start = System.nanoTime();
    Response response = api.upload("/api/population/import", SharedGeodata.file(AHR_RASTER));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("Ahr raster import (%d cells) on %s: %d ms%n", AHR_CELLS, getClass().getSimpleName(), millis);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("cells").asLong()).isEqualTo(AHR_CELLS);
    assertThat(body.get("totalPopulation").asDouble()).isCloseTo(AHR_TOTAL, within(0.1));
    assertThat(body.get("droppedNoData").asLong()).isEqualTo(857 * 300 - AHR_CELLS);
    assertThat(body.get("droppedZero").asLong()).isZero();
    assertThat(body.get("format").asText()).isEqualTo("geotiff");
    assertThat(body.get("crs").asText()).isEqualTo("EPSG:4326");
    // gdalinfo: corners 6.5770833, 50.3345833 to 7.2912500, 50.5845833; cells cover part of that
    assertThat(body.at("/bbox/0").asDouble()).isGreaterThanOrEqualTo(6.5770833 - 1e-7);
    assertThat(body.at("/bbox/3").asDouble()).isLessThanOrEqualTo(50.5845834);
    // a bound against pathological slowness (a commit per row), not a benchmark: the figures are
    // printed above and by PopulationImportBench; a cold H2GIS on a busy machine takes up to ~10 s
    assertThat(millis).as("import time").isLessThan(60_000);

    JsonNode summary = api.get("/api/population/summary").json();
    assertThat(summary.get("cells").asLong()).isEqualTo(AHR_CELLS);
    assertThat(summary.get("totalPopulation").asDouble()).isCloseTo(AHR_TOTAL, within(0.1));
    assertThat(summary.at("/source/sourceName").asText()).isEqualTo("wpop_ahrvalley.tif");
    assertThat(summary.at("/source/sourceFormat").asText()).isEqualTo("geotiff");
  }

  @Test
  void allCellsStreamAsArraysWithTheSameTotal() {
    ahrLayer();
    PopulationCells cells = population.allCells();
    assertThat(cells.size()).isEqualTo((int) AHR_CELLS);
    assertThat(cells.totalPopulation()).isCloseTo(AHR_TOTAL, within(0.1));
    // the top-left valid pixel, as GDAL lists it first: 6.5825, 50.58417, 5.3793511
    assertThat(cells.lon()[0]).isCloseTo(6.58249998864644148, within(1e-9));
    assertThat(cells.lat()[0]).isCloseTo(50.5841666663350011, within(1e-9));
    assertThat(cells.population()[0]).isEqualTo(5.37935113906860352);
  }

  @Test
  void theCellsKeptInMemoryFollowAReplacedOrDeletedLayer() {
    ahrLayer();
    PopulationCells ahr = population.allCells();
    assertThat(population.allCells()).as("asked again: the copy in memory").isSameAs(ahr);
    Response replaced = importText("three.csv", "lon,lat,population\n120.1,36.1,10\n120.2,36.1,20\n120.3,36.2,5\n");
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(population.summary().cells()).isEqualTo(3);
    assertThat(population.summary().totalPopulation()).isEqualTo(35);
    PopulationCells three = population.allCells();
    assertThat(three.size()).isEqualTo(3);
    assertThat(three.totalPopulation()).isEqualTo(35);
    assertThat(api.delete("/api/population").status()).isEqualTo(204);
    assertThat(population.summary().cells()).isZero();
    assertThat(population.allCells().size()).isZero();
  }

  @Test
  void theCellsAnImportKeepsInMemoryAreTheCellsItStored() {
    ahrLayer();
    // the import hands its cells to the copy in memory; they must be what the store reads back
    PopulationCells kept = population.allCells();
    PopulationCells stored = repository.loadAll();
    assertThat(kept).isNotSameAs(stored);
    assertThat(kept.id()).containsExactly(stored.id());
    assertThat(kept.lon()).containsExactly(stored.lon());
    assertThat(kept.lat()).containsExactly(stored.lat());
    assertThat(kept.population()).containsExactly(stored.population());
    assertThat(kept.minLon()).containsExactly(stored.minLon());
    assertThat(kept.minLat()).containsExactly(stored.minLat());
    assertThat(kept.maxLon()).containsExactly(stored.maxLon());
    assertThat(kept.maxLat()).containsExactly(stored.maxLat());
    // a 100 m pixel: its envelope holds its location and is about 0.00083 degrees wide
    assertThat(kept.minLon()[0]).isLessThan(kept.lon()[0]);
    assertThat(kept.maxLon()[0] - kept.minLon()[0]).isCloseTo(1 / 1200.0, within(1e-9));
  }

  @Test
  void cellsInASmallBoxComeAsPointsOrPolygons() {
    ahrLayer();
    // a box of about 1 x 1 km around Bad Neuenahr: some tens of 100 m cells
    String box = "7.11,50.54,7.125,50.55";
    JsonNode points = api.get("/api/population/cells?bbox=" + box).json();
    assertThat(points.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(points.get("aggregated").asBoolean()).isFalse();
    int count = points.get("features").size();
    assertThat(count).isBetween(10, 400).isEqualTo(points.get("cellsInBbox").asInt());
    Envelope envelope = new Envelope(7.11, 7.125, 50.54, 50.55);
    for (JsonNode feature : points.get("features")) {
      assertThat(feature.at("/geometry/type").asText()).isEqualTo("Point");
      assertThat(envelope.contains(feature.at("/geometry/coordinates/0").asDouble(),
          feature.at("/geometry/coordinates/1").asDouble())).isTrue();
      assertThat(feature.at("/properties/population").asDouble()).isPositive();
    }
    JsonNode polygons = api.get("/api/population/cells?geometry=polygon&bbox=" + box).json();
    assertThat(polygons.get("features")).hasSize(count);
    assertThat(polygons.at("/features/0/geometry/type").asText()).isEqualTo("Polygon");
    // a 3" pixel: 5 corners, 0.000833 degrees wide
    JsonNode ring = polygons.at("/features/0/geometry/coordinates/0");
    assertThat(ring).hasSize(5);
    double width = Math.abs(ring.get(1).get(0).asDouble() - ring.get(0).get(0).asDouble())
        + Math.abs(ring.get(1).get(1).asDouble() - ring.get(0).get(1).asDouble());
    assertThat(width).isCloseTo(0.000833333, within(1e-6));
  }

  @Test
  void moreCellsThanTheLimitAreSummedIntoSquaresKeepingTheTotal() {
    ahrLayer();
    for (String query : List.of("/api/population/cells", "/api/population/cells?limit=500&geometry=polygon",
        "/api/population/cells?limit=1&bbox=6.5,50.3,7.3,50.6")) {
      JsonNode body = api.get(query).json();
      assertThat(body.get("aggregated").asBoolean()).as(query).isTrue();
      assertThat(body.get("cellsInBbox").asLong()).as(query).isEqualTo(AHR_CELLS);
      assertThat(body.get("message").asText()).contains("23,054 cells").contains("Zoom in");
      int limit = query.contains("limit=500") ? 500 : query.contains("limit=1") ? 1 : 10_000;
      assertThat(body.get("features").size()).as(query).isBetween(1, limit);
      double sum = 0;
      long cells = 0;
      for (JsonNode feature : body.get("features")) {
        sum += feature.at("/properties/population").asDouble();
        cells += feature.at("/properties/cells").asLong();
      }
      assertThat(sum).as(query).isCloseTo(AHR_TOTAL, within(0.1));
      assertThat(cells).as(query).isEqualTo(AHR_CELLS);
    }
    Response tooMany = api.get("/api/population/cells?limit=10001");
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.json().at("/rejected/0/field").asText()).isEqualTo("limit");
  }

  @Test
  void portoAlegreHexgridTotalIsPreserved() {
    Response response = api.upload("/api/population/import", SharedGeodata.file("porto-alegre/poa_hexgrid.csv"));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode body = response.json();
    // README: 1,227 hexagons, population total 812,935; cells with 0 residents are not stored
    assertThat(body.get("totalPopulation").asDouble()).isEqualTo(812_935.0);
    assertThat(body.get("cells").asLong() + body.get("droppedZero").asLong()).isEqualTo(1_227);
    assertThat(body.get("valueColumn").asText()).isEqualTo("population");
    assertThat(body.get("format").asText()).isEqualTo("csv");
    assertThat(repository.summary().totalPopulation()).isEqualTo(812_935.0);
    assertThat(population.allCells().totalPopulation()).isEqualTo(812_935.0);
  }

  @Test
  void censusPolygonsKeepTheirShapeAndArePlacedInside() {
    // two census units in Qingdao with 常住人口 (resident population); the second is an L shape
    // whose centroid (120.4133, 36.0733) falls in its notch, so an interior point stands for it
    Response response = importText("census.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A","常住人口":12000},
           "geometry":{"type":"Polygon","coordinates":[[[120.30,36.05],[120.32,36.05],[120.32,36.07],[120.30,36.07],[120.30,36.05]]]}},
          {"type":"Feature","properties":{"name":"B","常住人口":"3500.5"},
           "geometry":{"type":"Polygon","coordinates":[[[120.40,36.06],[120.44,36.06],[120.44,36.07],[120.41,36.07],
             [120.41,36.10],[120.40,36.10],[120.40,36.06]]]}}]}""");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("valueColumn").asText()).isEqualTo("常住人口");
    assertThat(response.json().get("totalPopulation").asDouble()).isEqualTo(15_500.5);
    List<PopulationCell> cells = repository.find(null, 10);
    assertThat(cells.get(0).location().getX()).isCloseTo(120.31, within(1e-9));
    assertThat(cells.get(0).location().getY()).isCloseTo(36.06, within(1e-9));
    assertThat(cells.get(1).cellPolygon().contains(cells.get(1).location())).isTrue();
    assertThat(cells.get(1).cellPolygon().getArea()).isCloseTo(0.04 * 0.01 + 0.01 * 0.03, within(1e-12));
  }

  @Test
  void geoPackagePolygonsWithAYearColumnAreImported() throws Exception {
    WKTReader wkt = new WKTReader(new GeometryFactory());
    Map<String, Object> first = new LinkedHashMap<>(Map.of("name", "Ahrweiler", "POP2000", 1234.0));
    Map<String, Object> second = new LinkedHashMap<>(Map.of("name", "Dernau", "POP2000", 0.0));
    Path file = folder.resolve("census.gpkg");
    GeoPackageWriter.write(file, "census", List.of(FieldSpec.text("name"), FieldSpec.real("POP2000")), List.of(
        new OutputFeature(wkt.read("MULTIPOLYGON (((7.1 50.5, 7.2 50.5, 7.2 50.6, 7.1 50.5)))"), first),
        new OutputFeature(wkt.read("POLYGON ((7.0 50.5, 7.05 50.5, 7.05 50.55, 7.0 50.5))"), second)));
    Response response = api.upload("/api/population/import", file);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("valueColumn").asText()).isEqualTo("POP2000");
    assertThat(body.get("cells").asLong()).isEqualTo(1);
    assertThat(body.get("droppedZero").asLong()).isEqualTo(1);
    assertThat(body.get("format").asText()).isEqualTo("gpkg");
    assertThat(repository.find(null, 10).get(0).cellPolygon().getGeometryType()).isEqualTo("MultiPolygon");
  }

  // ---- bad input: each names what is wrong, and the layer stays as it was ----

  @Test
  void rasterWithoutGeoreferencingIsRejected() {
    ahrLayer();
    Path raster = GeoTiffFixture.grid(2, 2, 1, 2, 3, 4).withoutGeoreferencing().write(folder, "scan.tif");
    JsonNode problem = assertRejected(api.upload("/api/population/import", raster));
    assertThat(problem.get("field").asText()).isEqualTo("file");
    assertThat(problem.get("message").asText()).contains("no georeferencing");
  }

  @Test
  void rasterInAnUnknownCrsIsRejected() {
    ahrLayer();
    Path raster = GeoTiffFixture.grid(2, 2, 1, 2, 3, 4).projected(29999).write(folder, "unknown-crs.tif");
    JsonNode problem = assertRejected(api.upload("/api/population/import", raster));
    assertThat(problem.get("field").asText()).isEqualTo("crs");
    assertThat(problem.get("message").asText()).contains("EPSG:29999").contains("crs=EPSG:n");

    JsonNode requested = assertRejected(api.upload("/api/population/import", SharedGeodata.file(AHR_RASTER),
        "crs", "EPSG:999999"));
    assertThat(requested.get("field").asText()).isEqualTo("crs");
    assertThat(requested.get("message").asText()).contains("unknown coordinate reference system 'EPSG:999999'");
  }

  @Test
  void projectedRasterWithoutCrsIsRejectedNotPlacedAtAbsurdLatitudes() {
    ahrLayer();
    Path raster = GeoTiffFixture.grid(2, 2, 1, 2, 3, 4).origin(236_000, 3_995_000).pixelSize(100).withoutCrs()
        .write(folder, "metres.tif");
    JsonNode problem = assertRejected(api.upload("/api/population/import", raster));
    assertThat(problem.get("field").asText()).isEqualTo("crs");
    assertThat(problem.get("message").asText()).contains("not longitudes and latitudes").contains("crs=EPSG:n");
  }

  @Test
  void negativeOrNanPixelsAreRejectedWithTheirRowAndColumn() {
    ahrLayer();
    Path raster = GeoTiffFixture.grid(2, 2, 1, -3, Float.NaN, 4).noData("-99999").write(folder, "bad-counts.tif");
    Response response = api.upload("/api/population/import", raster);
    JsonNode first = assertRejected(response);
    assertThat(response.json().get("rejected")).hasSize(2);
    assertThat(first.get("row").asInt()).isEqualTo(1);
    assertThat(first.get("field").asText()).isEqualTo("pixel");
    assertThat(first.get("message").asText()).contains("row 1, column 2").contains("negative");
    assertThat(response.json().at("/rejected/1/message").asText()).contains("row 2, column 1").contains("NaN");
  }

  @Test
  void nonNumericPopulationIsRejectedWithRowAndField() {
    ahrLayer();
    JsonNode problem = assertRejected(importText("cells.csv", """
        id,lon,lat,population
        a,-51.20,-30.05,120
        b,-51.21,-30.06,n/a
        c,-51.22,-30.07,"1,250"
        """));
    assertThat(problem.get("row").asInt()).isEqualTo(3);
    assertThat(problem.get("field").asText()).isEqualTo("population");
    assertThat(problem.get("message").asText()).contains("'n/a' is not a number");
    Response response = importText("cells.csv", "id,lon,lat,population\nc,-51.22,-30.07,\"1,250\"\n");
    assertThat(assertRejected(response).get("message").asText()).contains("without thousands separators (1250)");
  }

  @Test
  void negativePopulationInAFileIsRejected() {
    ahrLayer();
    JsonNode problem = assertRejected(importText("cells.csv", "lon,lat,pop\n7.1,50.5,-4\n"));
    assertThat(problem.get("row").asInt()).isEqualTo(2);
    assertThat(problem.get("field").asText()).isEqualTo("pop");
    assertThat(problem.get("message").asText()).contains("negative");
  }

  @Test
  void missingPopulationColumnIsRejectedListingTheColumns() {
    ahrLayer();
    JsonNode problem = assertRejected(importText("schools.csv", "id,lon,lat,schools,jobs\n1,-51.2,-30.05,2,14\n"));
    assertThat(problem.get("field").asText()).isEqualTo("valueColumn");
    assertThat(problem.get("message").asText()).contains("the columns are: id, schools, jobs").contains("valueColumn=");

    JsonNode named = assertRejected(importText("schools.csv", "id,lon,lat,schools\n1,-51.2,-30.05,2\n",
        "valueColumn", "inhabitants"));
    assertThat(named.get("message").asText()).contains("no column 'inhabitants'");
  }

  @Test
  void emptyFileIsRejected() {
    ahrLayer();
    for (String name : List.of("empty.csv", "empty.tif", "empty.geojson")) {
      JsonNode problem = assertRejected(api.upload("/api/population/import", name, new byte[0]));
      assertThat(problem.get("message").asText()).as(name).contains("empty");
    }
  }

  @Test
  void osmFilesAndLinesAreRejected() throws Exception {
    ahrLayer();
    JsonNode osm = assertRejected(api.upload("/api/population/import",
        SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf")));
    assertThat(osm.get("message").asText()).contains("hold no population");
    JsonNode line = assertRejected(importText("roads.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"pop":5},
          "geometry":{"type":"LineString","coordinates":[[7.1,50.5],[7.2,50.5]]}}]}"""));
    assertThat(line.get("row").asInt()).isEqualTo(1);
    assertThat(line.get("message").asText()).contains("found a LineString");
    assertThat(Files.size(SharedGeodata.file(AHR_RASTER))).isPositive();
  }

  @Test
  void badQueriesAreAnsweredWithProblemsNeverWithServerErrors() {
    for (String query : List.of("/api/population/cells?bbox=a,b,c,d", "/api/population/cells?bbox=7,50,6,51",
        "/api/population/cells?limit=0", "/api/population/cells?limit=x", "/api/population/cells?geometry=hexagon")) {
      Response response = api.get(query);
      assertThat(response.status()).as(query).isBetween(400, 499);
      assertThat(response.contentType()).as(query).startsWith("application/problem+json");
    }
  }
}
