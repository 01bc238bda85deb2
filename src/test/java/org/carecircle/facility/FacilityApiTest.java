package org.carecircle.facility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The facility API over real HTTP on a real store. Subclasses choose the store, so every test here
 * runs on H2GIS and on PostGIS. Each bad-input test also checks that nothing was written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FacilityApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired FacilityRepository repository;
  ApiClient api;

  static final String QINGDAO_CHC = """
      {"type":"Feature","geometry":{"type":"Point","coordinates":[120.3826,36.0671]},
       "properties":{"name":"市南区八大关社区卫生服务中心","type":"community_health_centre","beds":20,
                     "physicians":12,"externalId":"QD-CHC-1","attributes":{"district":"市南区"}}}""";

  @BeforeEach
  void emptyStore() {
    TestStores.clear(dataSource);
    api = new ApiClient(port);
  }

  private Response importText(String fileName, String content, String... params) {
    return api.upload("/api/facilities/import", fileName, content.getBytes(StandardCharsets.UTF_8), params);
  }

  /** A rejection answer: 422 problem+json, nothing imported, and the store unchanged. */
  private JsonNode assertRejected(Response response, long storedBefore) {
    assertThat(response.status()).as(response.toString()).isIn(400, 413, 422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode body = response.json();
    assertThat(body.get("imported").asInt()).isZero();
    assertThat(body.get("rejected")).isNotEmpty();
    assertThat(repository.count()).as("nothing written").isEqualTo(storedBefore);
    return body;
  }

  private static JsonNode firstProblem(JsonNode body) {
    return body.get("rejected").get(0);
  }

  @Test
  void facilityIsCreatedReadUpdatedAndDeleted() {
    Response created = api.postJson("/api/facilities", QINGDAO_CHC);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.contentType()).startsWith("application/geo+json");
    long id = created.json().get("id").asLong();
    assertThat(created.headers().firstValue("Location")).contains("/api/facilities/" + id);

    JsonNode read = api.get("/api/facilities/" + id).json();
    assertThat(read.at("/properties/name").asText()).isEqualTo("市南区八大关社区卫生服务中心");
    assertThat(read.at("/geometry/coordinates/0").asDouble()).isEqualTo(120.3826);
    assertThat(read.at("/properties/status").asText()).isEqualTo("existing");
    assertThat(read.at("/properties/attributes/district").asText()).isEqualTo("市南区");

    Response updated = api.putJson("/api/facilities/" + id,
        QINGDAO_CHC.replace("\"beds\":20", "\"beds\":35").replace("120.3826", "120.39"));
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(api.get("/api/facilities/" + id).json().at("/properties/beds").asInt()).isEqualTo(35);
    assertThat(repository.findById(id).orElseThrow().longitude()).isEqualTo(120.39);

    assertThat(api.delete("/api/facilities/" + id).status()).isEqualTo(204);
    Response gone = api.get("/api/facilities/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("detail").asText()).isEqualTo("there is no facility with id " + id);
  }

  @Test
  void listFiltersByTypeStatusAndBbox() {
    api.postJson("/api/facilities", QINGDAO_CHC);
    api.postJson("/api/facilities", """
        {"type":"Feature","geometry":{"type":"Point","coordinates":[117.12,36.65]},
         "properties":{"name":"济南急救站","type":"急救站","status":"planned"}}""");

    assertThat(api.get("/api/facilities").json().get("features")).hasSize(2);
    JsonNode byType = api.get("/api/facilities?type=emergency_station").json();
    assertThat(byType.get("features")).hasSize(1);
    assertThat(byType.at("/features/0/properties/type").asText()).isEqualTo("emergency_station");
    assertThat(api.get("/api/facilities?status=planned,closed").json().get("features")).hasSize(1);
    assertThat(api.get("/api/facilities?bbox=120,35.9,120.6,36.4").json()
        .at("/features/0/properties/externalId").asText()).isEqualTo("QD-CHC-1");
    Response badBbox = api.get("/api/facilities?bbox=120,36,119,37");
    assertThat(badBbox.status()).isEqualTo(422);
    assertThat(badBbox.json().at("/rejected/0/field").asText()).isEqualTo("bbox");
  }

  @Test
  void importGeoJsonInGcj02LandsOnWgs84() {
    // the GCJ-02 offset in Qingdao moves points by roughly 0.005° east and 0.0002° north
    Response response = importText("qingdao.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[120.3826,36.0671]},
           "properties":{"name":"市立医院","type":"三级医院","externalId":"QD-1"}}]}""", "crs", "GCJ-02");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("imported").asInt()).isEqualTo(1);
    Facility stored = repository.find(FacilityQuery.ALL).get(0);
    assertThat(stored.typeCode()).isEqualTo("hospital_tertiary");
    assertThat(stored.longitude()).isBetween(120.3826 - 0.0070, 120.3826 - 0.0030);
    assertThat(stored.latitude()).isBetween(36.0671 - 0.0010, 36.0671 + 0.0010);
  }

  @Test
  void importCsvDetectsColumnsAndUpdatesByExternalId() {
    String csv = """
        名称,类型,床位数,经度,纬度,机构编码,district
        市南区社区卫生服务中心,community_health_centre,20,120.38,36.07,C1,市南区
        "Clinic, with comma",clinic,,120.40,36.08,C2,崂山区
        """;
    Response first = importText("facilities.csv", csv);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().get("created").asInt()).isEqualTo(2);
    Response again = importText("facilities.csv", csv.replace(",20,", ",25,"));
    assertThat(again.json().get("updated").asInt()).isEqualTo(2);
    assertThat(repository.count()).isEqualTo(2);
    Facility chc = repository.find(new FacilityQuery(java.util.Set.of("community_health_centre"), null, null)).get(0);
    assertThat(chc.beds()).isEqualTo(25);
    assertThat(chc.attributes()).containsEntry("district", "市南区");
  }

  @Test
  void geoPackageWithOneUnnamedDoctorIsRejectedNamingThatRow() {
    // physicians.gpkg (Ahr valley, OSM-derived): fid 14 has no name; everything else is valid
    Response response = api.upload("/api/facilities/import",
        org.carecircle.testsupport.SharedGeodata.file("ahrtal/physicians.gpkg"), "defaultType", "clinic");
    JsonNode body = assertRejected(response, 0);
    assertThat(body.get("rejected")).hasSize(1);
    assertThat(firstProblem(body).get("row").asInt()).isEqualTo(14);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("name");
  }

  @Test
  void unknownDefaultTypeIsRejectedOnce() {
    JsonNode body = assertRejected(api.upload("/api/facilities/import",
        org.carecircle.testsupport.SharedGeodata.file("ahrtal/physicians.gpkg"), "defaultType", "spa"), 0);
    assertThat(body.get("rejected")).hasSize(1);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("defaultType");
  }

  @Test
  void andorraOsmImportFindsHospitalsDoctorsAndPharmacies() {
    Response response = api.upload("/api/facilities/import",
        org.carecircle.testsupport.SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf"));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    // counts determined from the file with GDAL's OSM driver (see OsmTaggedFeatureReaderTest):
    // 8 amenity=hospital (7 nodes + 1 way) + 1 node tagged only healthcare=hospital = 9 hospitals,
    // 4 amenity=doctors, 30 amenity=pharmacy, 1 amenity=dentist: 44 features in all
    assertThat(response.json().get("imported").asInt()).isEqualTo(44);
    java.util.Map<String, Long> byType = new java.util.TreeMap<>();
    repository.find(FacilityQuery.ALL).forEach(f -> byType.merge(f.typeCode(), 1L, Long::sum));
    assertThat(byType).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "hospital_unrated", 9L, "clinic", 4L, "pharmacy", 30L, "dental_clinic", 1L));
    Facility meritxell = repository.idsByExternalId(java.util.List.of("osm:way/194554955")).values().stream()
        .map(id -> repository.findById(id).orElseThrow()).findFirst().orElseThrow();
    assertThat(meritxell.longitude()).isCloseTo(1.5339212, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(meritxell.latitude()).isCloseTo(42.5115590, org.assertj.core.data.Offset.offset(1e-6));

    Response again = api.upload("/api/facilities/import",
        org.carecircle.testsupport.SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf"));
    assertThat(again.json().get("updated").asInt()).as("re-import updates by OSM id").isEqualTo(44);
    assertThat(repository.count()).isEqualTo(44);
  }

  @Test
  void exportThenImportGivesTheSameFacilitiesInEveryFormat() throws Exception {
    api.postJson("/api/facilities", QINGDAO_CHC);
    api.postJson("/api/facilities", """
        {"type":"Feature","geometry":{"type":"Point","coordinates":[117.1234567,36.6543210]},
         "properties":{"name":"济南市急救中心 \"总站\", 历下","type":"emergency_station","status":"planned",
                       "ambulances":12,"address":"经十路, 1 号","attributes":{"level":"A","open24h":true}}}""");
    java.util.List<Facility> before = withoutIds(repository.find(FacilityQuery.ALL));
    for (String format : java.util.List.of("geojson", "csv", "gpkg")) {
      Response export = api.get("/api/facilities/export?format=" + format);
      assertThat(export.status()).as(format).isEqualTo(200);
      assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
      TestStores.clear(dataSource);
      Response reimport = api.upload("/api/facilities/import", "facilities." + format, export.body());
      assertThat(reimport.status()).as(format + ": " + reimport).isEqualTo(200);
      assertThat(withoutIds(repository.find(FacilityQuery.ALL))).as(format).isEqualTo(before);
    }
  }

  private static java.util.List<Facility> withoutIds(java.util.List<Facility> facilities) {
    return facilities.stream().map(f -> f.withId(null)).toList();
  }

  @Test
  void exportFormatsHaveTheRightMediaTypesAndCsvHasABom() {
    api.postJson("/api/facilities", QINGDAO_CHC);
    assertThat(api.get("/api/facilities/export?format=geojson").contentType()).startsWith("application/geo+json");
    Response csv = api.get("/api/facilities/export?format=csv");
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(java.util.Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(csv.text()).contains("市南区八大关社区卫生服务中心");
    Response unknown = api.get("/api/facilities/export?format=shp");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().at("/rejected/0/field").asText()).isEqualTo("format");
  }

  @Test
  void exportedGeoJsonAndGeoPackageAreReadByGdal() throws Exception {
    api.postJson("/api/facilities", QINGDAO_CHC);
    java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("carecircle-export");
    for (String format : java.util.List.of("geojson", "gpkg")) {
      java.nio.file.Path file = folder.resolve("facilities." + format);
      java.nio.file.Files.write(file, api.get("/api/facilities/export?format=" + format).body());
      var run = org.carecircle.testsupport.ExternalTool.run("gdal-bin", "ogrinfo", "-ro", "-al", file.toString());
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).as(format).contains("Feature Count: 1").contains("POINT (120.3826 36.0671)")
          .contains("市南区八大关社区卫生服务中心").contains("community_health_centre");
    }
  }

  // ---- bad input: each names row and field, and nothing is written ----

  @Test
  void malformedJsonIsRejected() {
    api.postJson("/api/facilities", QINGDAO_CHC);
    JsonNode body = assertRejected(importText("broken.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{]}"), 1);
    assertThat(firstProblem(body).get("message").asText()).contains("not valid JSON").contains("line 1");

    Response post = api.postJson("/api/facilities", "{\"type\":\"Feature\",");
    assertRejected(post, 1);
    assertThat(post.json().get("detail").asText()).contains("not valid JSON");
  }

  @Test
  void geometryOfWrongTypeIsRejected() {
    JsonNode body = assertRejected(importText("polygon.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[120.38,36.07]},"properties":{"name":"ok","type":"clinic"}},
          {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[120,36],[120.1,36],[120.1,36.1],[120,36]]]},
           "properties":{"name":"campus","type":"clinic"}}]}"""), 0);
    assertThat(firstProblem(body).get("row").asInt()).isEqualTo(2);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("geometry");
    assertThat(firstProblem(body).get("message").asText()).contains("expected a Point").contains("Polygon");
  }

  @Test
  void coordinatesOutOfRangeAreRejected() {
    JsonNode body = assertRejected(importText("range.csv", """
        name,type,lon,lat
        A,clinic,120.38,36.07
        B,clinic,190.2,36.07
        """), 0);
    assertThat(firstProblem(body).get("row").asInt()).isEqualTo(3);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("lon");
    assertThat(firstProblem(body).get("message").asText()).isEqualTo("longitude 190.2 is out of range [-180, 180]");
  }

  @Test
  void swappedLatLonIsRecognised() {
    JsonNode body = assertRejected(importText("swapped.csv", """
        name,type,lon,lat
        A,clinic,36.07,120.38
        """), 0);
    assertThat(firstProblem(body).get("row").asInt()).isEqualTo(2);
    assertThat(firstProblem(body).get("message").asText()).contains("look swapped");
  }

  @Test
  void nanCoordinatesAreRejected() {
    JsonNode csv = assertRejected(importText("nan.csv", "name,type,lon,lat\nA,clinic,NaN,36.07\n"), 0);
    assertThat(firstProblem(csv).get("row").asInt()).isEqualTo(2);
    assertThat(firstProblem(csv).get("field").asText()).isEqualTo("lon");
    JsonNode geojson = assertRejected(importText("nan.geojson", """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,36.07]},"properties":{"name":"A","type":"clinic"}}]}"""), 0);
    assertThat(firstProblem(geojson).get("field").asText()).isEqualTo("geometry.coordinates[0]");
    assertThat(firstProblem(geojson).get("message").asText()).contains("not a finite number");
  }

  @Test
  void emptyFileIsRejected() {
    JsonNode body = assertRejected(importText("empty.csv", ""), 0);
    assertThat(firstProblem(body).get("message").asText()).isEqualTo("the file is empty");
  }

  @Test
  void unknownTypeIsRejected() {
    JsonNode body = assertRejected(importText("types.csv", "name,type,lon,lat\nA,spaceport,120.38,36.07\n"), 0);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("type");
    assertThat(firstProblem(body).get("message").asText()).startsWith("unknown facility type 'spaceport'");
  }

  @Test
  void missingNameIsRejected() {
    JsonNode body = assertRejected(importText("names.csv", "name,type,lon,lat\nA,clinic,120.38,36.07\n,clinic,120.39,36.07\n"), 0);
    assertThat(firstProblem(body).get("row").asInt()).isEqualTo(3);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("name");
    assertThat(firstProblem(body).get("message").asText()).isEqualTo("the facility has no name");
  }

  @Test
  void duplicateExternalIdsInOneFileAreRejected() {
    JsonNode body = assertRejected(importText("dups.csv", """
        name,type,lon,lat,externalId
        A,clinic,120.38,36.07,X1
        B,clinic,120.39,36.07,X2
        C,clinic,120.40,36.07,X1
        """), 0);
    assertThat(firstProblem(body).get("row").asInt()).isEqualTo(4);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("externalId");
    assertThat(firstProblem(body).get("message").asText()).contains("first used at row 2");
  }

  @Test
  void gbkCsvIsRejectedWithAdviceAndImportsWithEncodingGbk() {
    byte[] gbk = "name,type,lon,lat\n市南区社区卫生服务中心,community_health_centre,120.38,36.07\n"
        .getBytes(Charset.forName("GBK"));
    Response rejected = api.upload("/api/facilities/import", "gbk.csv", gbk);
    JsonNode body = assertRejected(rejected, 0);
    assertThat(firstProblem(body).get("message").asText()).contains("not UTF-8").contains("GBK");

    Response accepted = api.upload("/api/facilities/import", "gbk.csv", gbk, "encoding", "GBK");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(repository.find(FacilityQuery.ALL).get(0).name()).isEqualTo("市南区社区卫生服务中心");
  }

  @Test
  void everyBadRowIsListedAtOnce() {
    JsonNode body = assertRejected(importText("many.csv", """
        name,type,lon,lat,beds
        ,clinic,120.38,36.07,3
        B,nope,120.38,36.07,-2
        C,clinic,abc,36.07,1
        """), 0);
    assertThat(body.get("rejected")).hasSize(4);
    assertThat(body.get("rejected").findValuesAsText("field")).containsExactly("name", "type", "beds", "lon");
  }

  @Test
  void badSingleFeatureNamesTheField() {
    Response response = api.postJson("/api/facilities", """
        {"type":"Feature","geometry":{"type":"Point","coordinates":[120.38,36.07]},
         "properties":{"name":"A","type":"clinic","beds":"many"}}""");
    JsonNode body = assertRejected(response, 0);
    assertThat(firstProblem(body).get("field").asText()).isEqualTo("beds");
    assertThat(firstProblem(body).get("row").isNull()).isTrue();
  }

  @Test
  void typesCatalogueListsEveryRequiredType() {
    JsonNode types = api.get("/api/facility-types").json().get("types");
    assertThat(types.findValuesAsText("code")).contains(
        "hospital_tertiary", "hospital_secondary", "hospital_primary", "community_health_centre",
        "township_health_centre", "village_clinic", "emergency_station", "chest_pain_centre", "stroke_centre",
        "trauma_centre", "maternal_critical_centre", "neonatal_critical_centre", "tcm_hospital",
        "maternal_child_hospital", "cdc");
    assertThat(types.get(0).has("nameZh") && types.get(0).has("color") && types.get(0).has("icon")).isTrue();
  }

  @Test
  void openApiDescriptionAndDocsPageAreServed() {
    Response openApi = api.get("/v3/api-docs");
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.json().at("/paths").has("/api/facilities/import")).isTrue();
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }
}
