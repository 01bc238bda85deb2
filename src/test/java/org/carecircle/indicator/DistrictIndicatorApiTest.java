package org.carecircle.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.carecircle.io.geojson.GeoJsonCodec;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Point;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * District indicators on Qingdao's DataV districts (GCJ-02), with a few facilities placed inside
 * 市南区 and one in 崂山区, checked against values worked out by hand. H2GIS and PostGIS subclasses.
 *
 * <p>市南区, official population 600,000: a tertiary hospital (1,500 beds, 600 physicians), a
 * community health centre (20 beds, 12 physicians), a community health station (3 physicians):
 * beds 1,520 = 2.5333 per 1,000 (fails 7.5), physicians 615 = 1.025 per 1,000 (fails 4.3), one
 * tertiary hospital (passes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DistrictIndicatorApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  ApiClient api;
  final Map<String, JsonNode> districts = new HashMap<>();

  @BeforeAll
  void qingdaoWithFacilities() {
    TestStores.clear(dataSource);
    api = new ApiClient(port);
    api.delete("/api/districts");
    api.delete("/api/population");
    Response imported = api.upload("/api/districts/import",
        SharedGeodata.file("china-districts/qingdao-districts.geojson"), "crs", "GCJ-02");
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    api.get("/api/districts").json().get("features").forEach(f -> districts.put(f.at("/properties/name").asText(), f));
    long shinan = districts.get("市南区").get("id").asLong();
    Response official = api.putJson("/api/districts/" + shinan + "/official-population", "{\"officialPopulation\":600000}");
    assertThat(official.status()).as(official.toString()).isEqualTo(200);

    Point inShinan = GeoJsonCodec.readGeometry(districts.get("市南区").get("geometry"), "geometry").getInteriorPoint();
    Point inLaoshan = GeoJsonCodec.readGeometry(districts.get("崂山区").get("geometry"), "geometry").getInteriorPoint();
    facility(inShinan, 0, "青岛大学附属医院", "hospital_tertiary", 1500, 600);
    facility(inShinan, 1, "八大关社区卫生服务中心", "community_health_centre", 20, 12);
    facility(inShinan, 2, "湛山社区卫生服务站", "community_health_station", null, 3);
    facility(inLaoshan, 0, "崂山区卫生院", "clinic", 10, 5);
  }

  private void facility(Point near, int index, String name, String type, Integer beds, Integer physicians) {
    // a few metres apart, all well inside the district
    double lon = near.getX() + index * 1e-5;
    String body = String.format(Locale.ROOT, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
        + "\"coordinates\":[%.7f,%.7f]},\"properties\":{\"name\":\"%s\",\"type\":\"%s\",\"beds\":%s,\"physicians\":%s}}",
        lon, near.getY(), name, type, beds, physicians);
    Response created = api.postJson("/api/facilities", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  private JsonNode row(JsonNode report, String name) {
    for (JsonNode row : report.get("districts")) {
      if (row.get("name").asText().equals(name)) {
        return row;
      }
    }
    throw new AssertionError("no row " + name);
  }

  @Test
  void shinanCountsAndRatesMatchTheHandWorkedValues() {
    Response response = api.get("/api/districts/indicators?standard=qingdao-2024");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode report = response.json();
    assertThat(report.get("districts")).hasSize(10);
    JsonNode shinan = row(report, "市南区");
    assertThat(shinan.get("code").asText()).isEqualTo("370202");
    assertThat(shinan.get("population").asDouble()).isEqualTo(600_000);
    assertThat(shinan.get("populationSource").asText()).isEqualTo("official");
    assertThat(shinan.at("/facilitiesByType/hospital_tertiary").asInt()).isEqualTo(1);
    assertThat(shinan.at("/facilitiesByType/community_health_centre").asInt()).isEqualTo(1);
    assertThat(shinan.at("/facilitiesByType/community_health_station").asInt()).isEqualTo(1);
    assertThat(shinan.at("/facilitiesByType/clinic").isMissingNode()).isTrue();
    assertThat(shinan.get("beds").asDouble()).isEqualTo(1520);
    assertThat(shinan.get("physicians").asDouble()).isEqualTo(615);
    assertThat(shinan.get("bedsPerThousand").asDouble()).isCloseTo(1520 / 600.0, offset(1e-9));
    assertThat(shinan.get("physiciansPerThousand").asDouble()).isCloseTo(1.025, offset(1e-9));
    assertThat(shinan.at("/pass/tertiary-hospital").asBoolean()).isTrue();
    assertThat(shinan.at("/pass/beds-per-1000").asBoolean()).isFalse();
    assertThat(shinan.at("/pass/physicians-per-1000").asBoolean()).isFalse();
    // no network given: access is not judged, and the report says why
    assertThat(shinan.at("/pass/community-health-walk").isNull()).isTrue();
    assertThat(report.get("notes").toString()).contains("networkId");

    JsonNode laoshan = row(report, "崂山区");
    assertThat(laoshan.at("/facilitiesByType/clinic").asInt()).isEqualTo(1);
    assertThat(laoshan.at("/pass/tertiary-hospital").asBoolean()).isFalse();
  }

  @Test
  void aChangedTargetChangesTheVerdict() {
    Response changed = api.putJson("/api/standards/qingdao-2024/targets/beds-per-1000", "{\"value\":2.5}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    try {
      JsonNode shinan = row(api.get("/api/districts/indicators?standard=qingdao-2024").json(), "市南区");
      assertThat(shinan.at("/pass/beds-per-1000").asBoolean()).isTrue();
    } finally {
      api.putJson("/api/standards/qingdao-2024/targets/beds-per-1000", "{\"value\":7.5}");
    }
    assertThat(api.get("/api/standards").json().toString()).contains("qingdao-2024").contains("beds-per-1000");
  }

  @Test
  void csvKeepsTheChineseNamesAndGeoJsonCarriesTheIndicators() {
    Response csv = api.get("/api/districts/indicators?standard=qingdao-2024&format=csv");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = csv.text();
    assertThat(text).contains("name,code,population,populationSource")
        .contains("pass:tertiary-hospital").contains("崂山区").contains("黄岛区");
    String shinanLine = text.lines().filter(l -> l.contains("市南区")).findFirst().orElseThrow();
    assertThat(shinanLine).startsWith("市南区,370202,600000.0,official,").contains(",1520.0,615.0,")
        .contains(",pass,fail,fail");

    Response geoJson = api.get("/api/districts/indicators?standard=qingdao-2024&format=geojson");
    assertThat(geoJson.status()).isEqualTo(200);
    assertThat(geoJson.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    JsonNode shinan = null;
    for (JsonNode feature : geoJson.json().get("features")) {
      if (feature.at("/properties/name").asText().equals("市南区")) {
        shinan = feature;
      }
    }
    assertThat(shinan).isNotNull();
    assertThat(shinan.at("/geometry/type").asText()).isEqualTo("MultiPolygon");
    assertThat(shinan.at("/properties/bedsPer1000").asDouble()).isCloseTo(1520 / 600.0, offset(1e-9));
    assertThat(shinan.at("/properties/pass:tertiary-hospital").asText()).isEqualTo("pass");
  }

  @Test
  void unknownStandardOrNetworkIsRejectedNamingTheField() {
    Response standard = api.get("/api/districts/indicators?standard=atlantis");
    assertThat(standard.status()).as(standard.toString()).isEqualTo(422);
    assertThat(standard.json().get("rejected").findValuesAsText("field")).contains("standard");
    Response network = api.get("/api/districts/indicators?standard=qingdao-2024&networkId=999999");
    assertThat(network.status()).isEqualTo(422);
    assertThat(network.json().get("rejected").findValuesAsText("field")).contains("networkId");
    assertThat(api.get("/api/districts/indicators?standard=qingdao-2024&format=xls").status()).isEqualTo(422);
  }
}
