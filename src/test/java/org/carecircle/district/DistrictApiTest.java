package org.carecircle.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.crs.ChinaOffset;
import org.carecircle.population.GdalXyz;
import org.carecircle.population.PopulationService;
import org.carecircle.population.PopulationSummary;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.ExternalTool;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The district API over real HTTP on a real store; subclasses choose the store. Every test starts
 * without districts; the Ahr valley raster is the population layer (imported once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DistrictApiTest {
  private static final String AHR_RASTER = "ahrtal/wpop_ahrvalley.tif";
  private static final String MUNICIPALITIES = "ahrtal/municipalities.gpkg";
  private static final String QINGDAO = "china-districts/qingdao-districts.geojson";
  private static final double AHR_TOTAL = 191_420.4;

  @LocalServerPort int port;
  @Autowired PopulationService population;
  @Autowired DistrictRepository repository;
  ApiClient api;

  @BeforeEach
  void noDistrictsAndTheAhrRaster() {
    api = new ApiClient(port);
    assertThat(api.delete("/api/districts").status()).isEqualTo(200);
    PopulationSummary summary = population.summary();
    if (summary.source() == null || !"wpop_ahrvalley.tif".equals(summary.source().sourceName())) {
      Response response = api.upload("/api/population/import", SharedGeodata.file(AHR_RASTER));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
  }

  private JsonNode importOk(Path file, String... params) {
    Response response = api.upload("/api/districts/import", file, params);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** A rejection: 4xx problem+json, nothing imported, no district stored. */
  private JsonNode assertRejected(Response response, int storedBefore) {
    assertThat(response.status()).as(response.toString()).isIn(400, 422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("imported").asInt()).isZero();
    assertThat(repository.findAll()).as("nothing written").hasSize(storedBefore);
    return response.json().get("rejected").get(0);
  }

  private Response importText(String fileName, String content, String... params) {
    return api.upload("/api/districts/import", fileName, content.getBytes(StandardCharsets.UTF_8), params);
  }

  private Map<String, JsonNode> districtsByName() {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    api.get("/api/districts").json().get("features").forEach(f -> byName.put(f.at("/properties/name").asText(), f));
    return byName;
  }

  @Test
  void municipalityPopulationsEqualAnIndependentBruteForceSum() {
    JsonNode imported = importOk(SharedGeodata.file(MUNICIPALITIES));
    assertThat(imported.get("imported").asInt()).isEqualTo(20);
    assertThat(imported.get("warnings")).isEmpty();

    Map<String, Double> expected = bruteForceMunicipalityPopulations();
    long start = System.nanoTime();
    Map<String, JsonNode> districts = districtsByName();
    long listMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(districts.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet())
        .contains("Müsch", "Hönningen", "Bad Neuenahr-Ahrweiler");
    double sum = 0;
    double largestDifference = 0;
    for (Map.Entry<String, Double> municipality : expected.entrySet()) {
      JsonNode properties = districts.get(municipality.getKey()).get("properties");
      assertThat(properties.get("populationSource").asText()).isEqualTo("cells");
      assertThat(properties.get("population").asDouble()).as(municipality.getKey())
          .isCloseTo(municipality.getValue(), within(0.5));
      // one district alone (its own query) agrees with the list (one pass over the cells for all)
      JsonNode alone = api.get("/api/districts/" + properties.get("id").asLong()).json().get("properties");
      assertThat(alone.get("population").asDouble()).as(municipality.getKey())
          .isCloseTo(properties.get("population").asDouble(), within(1e-6));
      sum += properties.get("population").asDouble();
      largestDifference = Math.max(largestDifference,
          Math.abs(properties.get("population").asDouble() - municipality.getValue()));
    }
    // the raster reaches beyond the 20 municipalities
    assertThat(sum).isLessThan(AHR_TOTAL).isGreaterThan(AHR_TOTAL / 4);
    System.out.printf("Ahr municipalities on %s: %,.1f of the raster's %,.1f people; Bad Neuenahr-Ahrweiler %,.1f;"
        + " largest difference from the brute force %.2e; GET /api/districts %d ms%n", getClass().getSimpleName(), sum,
        AHR_TOTAL, districts.get("Bad Neuenahr-Ahrweiler").at("/properties/population").asDouble(), largestDifference,
        listMillis);
  }

  /**
   * Every raster pixel as GDAL lists it, made into its square and intersected with each municipality
   * as GDAL reads it, area-weighted with JTS: nothing of CareCircle's own reading or summing.
   */
  private static Map<String, Double> bruteForceMunicipalityPopulations() {
    Path raster = SharedGeodata.file(AHR_RASTER);
    String info = ExternalTool.run("gdal-bin", "gdalinfo", raster.toString()).stdout();
    String size = info.substring(info.indexOf("Pixel Size = (") + "Pixel Size = (".length());
    String[] parts = size.substring(0, size.indexOf(')')).split(",");
    double halfWidth = Math.abs(Double.parseDouble(parts[0])) / 2;
    double halfHeight = Math.abs(Double.parseDouble(parts[1])) / 2;
    List<double[]> pixels = GdalXyz.validPixels(raster, -99999);

    Map<String, Geometry> municipalities = GdalLayer.polygonsByName(SharedGeodata.file(MUNICIPALITIES), "municipalities");
    assertThat(municipalities).hasSize(20);

    GeometryFactory factory = new GeometryFactory();
    Map<String, Double> populations = new HashMap<>();
    municipalities.forEach((municipality, polygon) -> {
      PreparedGeometry prepared = PreparedGeometryFactory.prepare(polygon);
      Envelope extent = polygon.getEnvelopeInternal();
      double people = 0;
      for (double[] pixel : pixels) {
        Envelope square = new Envelope(pixel[0] - halfWidth, pixel[0] + halfWidth, pixel[1] - halfHeight,
            pixel[1] + halfHeight);
        if (!extent.intersects(square)) {
          continue;
        }
        Geometry cell = factory.toGeometry(square);
        if (prepared.intersects(cell)) {
          people += pixel[2] * cell.intersection(polygon).getArea() / cell.getArea();
        }
      }
      populations.put(municipality, people);
    });
    return populations;
  }

  @Test
  void officialPopulationWinsAndCanBeCleared() {
    importOk(SharedGeodata.file(MUNICIPALITIES));
    JsonNode sinzig = districtsByName().get("Sinzig");
    long id = sinzig.get("id").asLong();
    double cells = sinzig.at("/properties/population").asDouble();

    Response set = api.putJson("/api/districts/" + id + "/official-population", "{\"officialPopulation\": 17654}");
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().at("/properties/population").asDouble()).isEqualTo(17_654);
    assertThat(set.json().at("/properties/officialPopulation").asDouble()).isEqualTo(17_654);
    assertThat(set.json().at("/properties/cellPopulation").asDouble()).isCloseTo(cells, within(1e-6));
    assertThat(set.json().at("/properties/populationSource").asText()).isEqualTo("official");
    assertThat(districtsByName().get("Sinzig").at("/properties/populationSource").asText()).isEqualTo("official");

    Response cleared = api.putJson("/api/districts/" + id + "/official-population", "{\"officialPopulation\": null}");
    assertThat(cleared.json().at("/properties/population").asDouble()).isCloseTo(cells, within(1e-6));
    assertThat(cleared.json().at("/properties/officialPopulation").isNull()).isTrue();
    assertThat(cleared.json().at("/properties/populationSource").asText()).isEqualTo("cells");

    for (String body : List.of("{\"officialPopulation\": -5}", "{\"officialPopulation\": \"many\"}",
        "{\"officialPopulaton\": 5}", "[]")) {
      Response bad = api.putJson("/api/districts/" + id + "/official-population", body);
      assertThat(bad.status()).as(body).isEqualTo(422);
      assertThat(bad.json().at("/rejected/0/field").asText()).as(body).isEqualTo("officialPopulation");
    }
    Response missing = api.putJson("/api/districts/999999/official-population", "{\"officialPopulation\": 1}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("detail").asText()).isEqualTo("there is no district with id 999999");
  }

  @Test
  void andorraParishesComeFromOsmBoundaryRelations() {
    Path pbf = SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf");
    JsonNode levels = assertRejected(api.upload("/api/districts/import", pbf), 0);
    assertThat(levels.get("field").asText()).isEqualTo("adminLevel");
    assertThat(levels.get("message").asText()).contains("admin_level 7: 7 whole");

    JsonNode imported = importOk(pbf, "adminLevel", "7");
    assertThat(imported.get("imported").asInt()).isEqualTo(7);
    // the neighbours' units whose outlines the extract cuts are skipped with a warning
    assertThat(imported.get("warnings")).hasSize(5);
    Map<String, JsonNode> parishes = districtsByName();
    assertThat(parishes.keySet()).containsExactlyInAnyOrder("Andorra la Vella", "Canillo", "Encamp",
        "Escaldes-Engordany", "La Massana", "Ordino", "Sant Julià de Lòria");
    assertThat(parishes.get("Andorra la Vella").at("/properties/code").asText()).isEqualTo("AD-07");
    assertThat(parishes.get("Sant Julià de Lòria").at("/geometry/type").asText()).isEqualTo("MultiPolygon");
    // no population layer covers Andorra: the cells inside sum to nothing
    assertThat(parishes.get("Canillo").at("/properties/population").asDouble()).isZero();
  }

  @Test
  void qingdaoInGcj02LandsOnWgs84AndKeepsItsChineseNames() throws Exception {
    JsonNode imported = importOk(SharedGeodata.file(QINGDAO), "crs", "GCJ-02");
    assertThat(imported.get("imported").asInt()).isEqualTo(10);
    assertThat(imported.get("crs").asText()).isEqualTo("GCJ-02");
    assertThat(imported.get("warnings")).isEmpty();
    assertThat(imported.at("/districts/0/name").asText()).isEqualTo("市南区");
    assertThat(imported.at("/districts/0/code").asText()).isEqualTo("370202");

    // the first vertex of 市南区 in the file (GCJ-02) and where it must land in WGS84
    JsonNode file = new ObjectMapper().readTree(SharedGeodata.file(QINGDAO).toFile());
    JsonNode vertex = file.at("/features/0/geometry/coordinates/0/0/0");
    Coordinate gcj = new Coordinate(vertex.get(0).asDouble(), vertex.get(1).asDouble());
    Coordinate expected = ChinaOffset.gcj02ToWgs84(gcj.x, gcj.y);
    District shinan = repository.findAll().stream().filter(d -> d.name().equals("市南区")).findFirst().orElseThrow();
    assertThat(Arrays.stream(shinan.boundary().getCoordinates()).mapToDouble(c -> c.distance(expected)).min()
        .orElseThrow()).isLessThan(1e-9);
    double shiftMeters = metres(gcj, expected);
    assertThat(shiftMeters).as("GCJ-02 offset in Qingdao").isBetween(300.0, 800.0);

    // the names survive the store, the GeoJSON answer and both exports
    List<String> names = new ArrayList<>();
    file.get("features").forEach(f -> names.add(f.at("/properties/name").asText()));
    assertThat(districtsByName().keySet()).containsExactlyInAnyOrderElementsOf(names).contains("市南区", "崂山区");
    Response csv = api.get("/api/districts/export?format=csv");
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(csv.text()).contains("id,name,code,population,officialPopulation,cellPopulation,populationSource,lon,lat")
        .contains(",市南区,370202,0,,0,cells,");
    Response geoJson = api.get("/api/districts/export?format=geojson");
    assertThat(geoJson.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    assertThat(geoJson.text()).contains("\"name\":\"市南区\"").contains("\"name\":\"黄岛区\"");

    // and the exported GeoJSON imports back (as WGS84 now) into the same districts
    List<District> before = repository.findAll();
    api.delete("/api/districts");
    JsonNode again = api.upload("/api/districts/import", "districts.geojson", geoJson.body()).json();
    assertThat(again.get("imported").asInt()).as(again.toString()).isEqualTo(10);
    List<District> after = repository.findAll();
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).name()).isEqualTo(before.get(i).name());
      assertThat(after.get(i).code()).isEqualTo(before.get(i).code());
      // GeoJSON carries 7 decimals (about 1 cm) and turns rings counterclockwise (RFC 7946)
      assertThat(after.get(i).boundary().norm().equalsExact(before.get(i).boundary().norm(), 1e-7)).isTrue();
    }
  }

  /** Distance on a sphere, good to 0.5 %: enough to tell a few hundred metres from nothing. */
  private static double metres(Coordinate a, Coordinate b) {
    double meanLat = Math.toRadians((a.y + b.y) / 2);
    double dx = Math.toRadians(b.x - a.x) * Math.cos(meanLat);
    double dy = Math.toRadians(b.y - a.y);
    return 6_371_008.8 * Math.hypot(dx, dy);
  }

  @Test
  void chineseBoundariesReadAsWgs84GetAWarning() {
    JsonNode imported = importOk(SharedGeodata.file(QINGDAO));
    assertThat(imported.get("crs").asText()).isEqualTo("EPSG:4326");
    assertThat(imported.at("/warnings/0/field").asText()).isEqualTo("crs");
    assertThat(imported.at("/warnings/0/message").asText()).isEqualTo("these boundaries lie in China and were"
        + " imported as WGS84; if they come from AMap/DataV they are GCJ-02 and will appear offset by several"
        + " hundred metres: import again with crs=GCJ-02");
    // the same file in Germany's municipalities gets no such warning (see the municipalities test)
  }

  @Test
  void allFourDataVCitiesImportWithUniqueCodes() {
    int total = 0;
    for (String city : List.of("qingdao", "jinan", "jinhua", "changzhou")) {
      total += importOk(SharedGeodata.file("china-districts/" + city + "-districts.geojson"), "crs", "GCJ-02")
          .get("imported").asInt();
    }
    assertThat(total).isEqualTo(10 + 12 + 9 + 6);
    assertThat(districtsByName().keySet()).contains("历下区", "婺城区", "天宁区", "溧阳市");
  }

  // ---- bad input: each names row and field, and nothing is written ----

  @Test
  void districtsThatAreNotPolygonsAreRejectedWithRowAndField() {
    JsonNode problem = assertRejected(importText("districts.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"市南区","adcode":370202},
           "geometry":{"type":"Polygon","coordinates":[[[120.3,36.0],[120.4,36.0],[120.4,36.1],[120.3,36.0]]]}},
          {"type":"Feature","properties":{"name":"市北区","adcode":370203},
           "geometry":{"type":"Point","coordinates":[120.37,36.09]}}]}"""), 0);
    assertThat(problem.get("row").asInt()).isEqualTo(2);
    assertThat(problem.get("field").asText()).isEqualTo("geometry");
    assertThat(problem.get("message").asText()).contains("expected a Polygon or MultiPolygon").contains("市北区")
        .contains("found a Point");
  }

  @Test
  void missingNameColumnIsRejectedListingTheColumns() {
    JsonNode problem = assertRejected(importText("districts.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":370202,"level":"district"},
           "geometry":{"type":"Polygon","coordinates":[[[120.3,36.0],[120.4,36.0],[120.4,36.1],[120.3,36.0]]]}}]}"""), 0);
    assertThat(problem.get("field").asText()).isEqualTo("nameField");
    assertThat(problem.get("message").asText()).contains("the columns are: adcode, level").contains("nameField=");
  }

  @Test
  void duplicateCodesAreRejectedInTheFileAndAgainstTheStore() {
    importOk(SharedGeodata.file(QINGDAO), "crs", "GCJ-02");
    JsonNode again = assertRejected(api.upload("/api/districts/import", SharedGeodata.file(QINGDAO), "crs", "GCJ-02"), 10);
    assertThat(again.get("row").asInt()).isEqualTo(1);
    assertThat(again.get("field").asText()).isEqualTo("adcode");
    assertThat(again.get("message").asText()).contains("370202").contains("already stored").contains("DELETE /api/districts");

    String twice = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A","code":"X1"},
           "geometry":{"type":"Polygon","coordinates":[[[7.0,50.0],[7.1,50.0],[7.1,50.1],[7.0,50.0]]]}},
          {"type":"Feature","properties":{"name":"B","code":"X1"},
           "geometry":{"type":"Polygon","coordinates":[[[7.2,50.0],[7.3,50.0],[7.3,50.1],[7.2,50.0]]]}}]}""";
    JsonNode inFile = assertRejected(importText("twice.geojson", twice), 10);
    assertThat(inFile.get("row").asInt()).isEqualTo(2);
    assertThat(inFile.get("message").asText()).contains("first used at row 1");
  }

  @Test
  void emptyCsvAndUnknownCrsAreRejected() {
    assertThat(assertRejected(api.upload("/api/districts/import", "empty.geojson", new byte[0]), 0)
        .get("message").asText()).contains("empty");
    assertThat(assertRejected(importText("districts.csv", "name,lon,lat\nA,7,50\n"), 0)
        .get("message").asText()).contains("polygons");
    JsonNode crs = assertRejected(api.upload("/api/districts/import", SharedGeodata.file(QINGDAO), "crs", "EPSG:999999"), 0);
    assertThat(crs.get("field").asText()).isEqualTo("crs");
  }

  @Test
  void oddRequestsAreAnsweredWithProblemsNeverWithServerErrors() {
    for (Response response : List.of(api.get("/api/districts/abc"), api.get("/api/districts/424242"),
        api.get("/api/districts/export?format=shp"), api.putJson("/api/districts/1/official-population", ""),
        api.upload("/api/districts/import", "x.pbf", new byte[] {0, 0, 0, 5, 1, 2, 3}),
        api.upload("/api/districts/import", "x.gpkg", "not a geopackage".getBytes(StandardCharsets.UTF_8)),
        api.upload("/api/districts/import", "x.geojson", "[1,2]".getBytes(StandardCharsets.UTF_8)),
        api.upload("/api/districts/import", "x.geojson", "{}".getBytes(StandardCharsets.UTF_8), "format", "shp"))) {
      assertThat(response.status()).as(response.toString()).isBetween(400, 499);
      assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
    }
  }
}
