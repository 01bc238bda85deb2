package org.carecircle.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.io.geojson.GeoJsonCodec;
import org.carecircle.network.EdgeTravelTimes;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.NetworkService;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestNetworks;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Coverage zones on the real Porto Alegre network through the API, on H2GIS and PostGIS
 * (subclasses). The network is imported once per class, as a planner would upload it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoverageApiTest {
  /** Praça da Matriz, the historic centre of Porto Alegre. */
  static final double CENTRE_LON = -51.2302;
  static final double CENTRE_LAT = -30.0338;
  private static final GeometryFactory WGS84 = new GeometryFactory();

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired NetworkService networks;
  ApiClient api;
  long networkId;

  @BeforeAll
  void importNetwork() {
    TestStores.clear(dataSource);
    api = new ApiClient(port);
    networkId = TestNetworks.importPortoAlegre(api);
  }

  private JsonNode zones(String body) {
    Response response = api.postJson("/api/coverage-zones", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.contentType()).startsWith("application/geo+json");
    return response.json();
  }

  private String pointRequest(String mode, String minutes, String extra) {
    return "{\"networkId\":" + networkId + ",\"points\":[[" + CENTRE_LON + "," + CENTRE_LAT + "]],\"mode\":\""
        + mode + "\",\"minutes\":" + minutes + extra + "}";
  }

  private static Geometry geometry(JsonNode feature) {
    return GeoJsonCodec.readGeometry(feature.get("geometry"), "geometry");
  }

  @Test
  void roadPointsInsideAndOutsideTheTenMinuteDriveZoneAreClassifiedByExactTravelTime() {
    JsonNode collection = zones(pointRequest("drive", "[10]", ""));
    assertThat(collection.get("features")).hasSize(1);
    Geometry zone = geometry(collection.get("features").get(0));

    // exact travel times from the same start, by the network's own search
    ModeNetwork drive = networks.modeNetwork(networkId, TravelMode.DRIVE);
    SnappedPoint start = drive.locator().snap(CENTRE_LON, CENTRE_LAT, 1000).orElseThrow();
    SearchSources sources = new SearchSources();
    sources.addPoint(start, drive.edgeTimes());
    SearchResult result = TravelTimeSearch.search(drive.graph(), sources, 20 * 60);
    float[] seconds = result.arrivalSeconds();
    var network = drive.network();

    // inside: junctions reached well within 10 minutes (up to 9.5)
    List<Point> inside = new ArrayList<>();
    // outside: junctions reached after 11 minutes or more, farther than 150 m from every junction
    // reached within 10 minutes (the zone may reach a little beyond a road reached just in time)
    List<Point> outside = new ArrayList<>();
    List<double[]> within = new ArrayList<>();
    for (int node = 0; node < seconds.length; node++) {
      if (seconds[node] <= 600) {
        within.add(new double[] {network.nodeLon[node], network.nodeLat[node]});
      }
    }
    for (int node = 0; node < seconds.length; node += 7) {
      Point point = WGS84.createPoint(new Coordinate(network.nodeLon[node], network.nodeLat[node]));
      if (seconds[node] <= 570) {
        inside.add(point);
      } else if (seconds[node] >= 660 && seconds[node] < Float.POSITIVE_INFINITY
          && farFromAll(network.nodeLon[node], network.nodeLat[node], within, 150)) {
        outside.add(point);
      }
    }
    assertThat(inside).hasSizeGreaterThan(100);
    assertThat(outside).hasSizeGreaterThan(100);
    assertThat(inside).allSatisfy(p -> assertThat(zone.covers(p)).as("reached in time: " + p).isTrue());
    assertThat(outside).allSatisfy(p -> assertThat(zone.covers(p)).as("reached too late: " + p).isFalse());
    assertThat(collection.at("/features/0/properties/minutes").asDouble()).isEqualTo(10);
    assertThat(collection.at("/features/0/properties/pointIndex").asInt()).isZero();
  }

  private static boolean farFromAll(double lon, double lat, List<double[]> points, double meters) {
    double metersPerDegreeLat = 111_195;
    double metersPerDegreeLon = metersPerDegreeLat * Math.cos(Math.toRadians(lat));
    for (double[] p : points) {
      double dx = (p[0] - lon) * metersPerDegreeLon;
      double dy = (p[1] - lat) * metersPerDegreeLat;
      if (dx * dx + dy * dy < meters * meters) {
        return false;
      }
    }
    return true;
  }

  @Test
  void walkingBandsNestOnRealData() {
    JsonNode features = zones(pointRequest("walk", "[5, 10, 15]", "")).get("features");
    assertThat(features).hasSize(3);
    // largest band first
    assertThat(features.findValuesAsText("minutes")).containsExactly("15.0", "10.0", "5.0");
    Geometry fifteen = geometry(features.get(0));
    Geometry ten = geometry(features.get(1));
    Geometry five = geometry(features.get(2));
    // nested up to the simplification tolerance (well under a metre)
    assertThat(fifteen.buffer(1e-5).covers(ten)).isTrue();
    assertThat(ten.buffer(1e-5).covers(five)).isTrue();
    double area5 = features.get(2).at("/properties/areaSquareMeters").asDouble();
    double area15 = features.get(0).at("/properties/areaSquareMeters").asDouble();
    assertThat(area5).isPositive().isLessThan(area15);
    // a 15-minute walk at 5 km/h cannot cover more than the 1,250 m circle plus the 300 m off-road margin
    assertThat(area15).isLessThan(Math.PI * 1550 * 1550);
  }

  @Test
  void radiusZoneAreaIsPiRSquared() {
    JsonNode features = zones(pointRequest("walk", "[15]", ",\"method\":\"radius\",\"radiusMeters\":800"))
        .get("features");
    double area = features.get(0).at("/properties/areaSquareMeters").asDouble();
    assertThat(area).isCloseTo(Math.PI * 800 * 800, org.assertj.core.data.Percentage.withPercentage(1));
    JsonNode bySpeed = zones(pointRequest("drive", "[5, 10]", ",\"method\":\"radius\",\"speedKmh\":36")).get("features");
    // 36 km/h = 10 m/s: 10 minutes = 6,000 m
    assertThat(bySpeed.get(0).at("/properties/areaSquareMeters").asDouble())
        .isCloseTo(Math.PI * 6000 * 6000, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void dissolveGivesOneZonePerBandAndTurnoutShrinksIt() {
    String points = "[[-51.2302,-30.0338],[-51.2000,-30.0500],[-51.1700,-30.0700]]";
    JsonNode separate = zones("{\"networkId\":" + networkId + ",\"points\":" + points
        + ",\"mode\":\"ambulance\",\"minutes\":[8]}").get("features");
    JsonNode dissolved = zones("{\"networkId\":" + networkId + ",\"points\":" + points
        + ",\"mode\":\"ambulance\",\"minutes\":[8],\"merge\":\"dissolve\"}").get("features");
    JsonNode withTurnout = zones("{\"networkId\":" + networkId + ",\"points\":" + points
        + ",\"mode\":\"ambulance\",\"minutes\":[8],\"merge\":\"dissolve\",\"turnoutMinutes\":3}").get("features");
    assertThat(separate).hasSize(3);
    assertThat(dissolved).hasSize(1);
    Geometry union = geometry(separate.get(0)).union(geometry(separate.get(1))).union(geometry(separate.get(2)));
    Geometry together = geometry(dissolved.get(0));
    // the multi-source zone is the union of the single ones (up to the drawing tolerance)
    assertThat(together.symDifference(union).getArea() / union.getArea()).isLessThan(0.02);
    assertThat(withTurnout.get(0).at("/properties/areaSquareMeters").asDouble())
        .isLessThan(dissolved.get(0).at("/properties/areaSquareMeters").asDouble() * 0.8);
  }

  @Test
  void pointOutsideTheNetworkIsReportedUnreachable() {
    JsonNode collection = zones("{\"networkId\":" + networkId + ",\"points\":[[" + CENTRE_LON + "," + CENTRE_LAT
        + "],[-51.50,-30.40]],\"mode\":\"walk\",\"minutes\":[10]}");
    assertThat(collection.get("features")).hasSize(1);
    assertThat(collection.at("/unreachable/0/pointIndex").asInt()).isEqualTo(1);
    assertThat(collection.at("/unreachable/0/message").asText()).startsWith("not reachable from the road network");
  }

  @Test
  void zonesAreStoredAndExportable() {
    long id = zones(pointRequest("walk", "[5, 10]", "")).get("zoneSetId").asLong();
    JsonNode stored = api.get("/api/coverage-zones/" + id).json();
    assertThat(stored.get("features")).hasSize(2);
    assertThat(stored.at("/parameters/mode").asText()).isEqualTo("walk");
    Response export = api.get("/api/coverage-zones/" + id + "/export");
    assertThat(export.contentType()).startsWith("application/geo+json");
    assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains("coverage-zones-" + id);
    assertThat(export.json().get("features")).hasSize(2);
    assertThat(api.delete("/api/coverage-zones/" + id).status()).isEqualTo(204);
    assertThat(api.get("/api/coverage-zones/" + id).status()).isEqualTo(404);
  }

  @Test
  void zonesOfFacilitiesByTypeRunAsAJob() {
    api.postJson("/api/demo/load", "");
    Response accepted = api.postJson("/api/coverage-zones/jobs", "{\"networkId\":" + networkId
        + ",\"facilityFilter\":{\"types\":[\"community_health_centre\"]},\"mode\":\"walk\",\"minutes\":[5,10,15]}");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode job = TestNetworks.awaitJob(api, accepted.json().get("jobId").asText());
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
    JsonNode stored = api.get("/api/coverage-zones/" + job.at("/result/zoneSetId").asLong()).json();
    // the demo has 10 existing community health centres (3 more are only planned): 30 zones
    assertThat(stored.get("features")).hasSize(30);
    assertThat(stored.get("features").findValuesAsText("facilityName")).allMatch(name -> name.contains("社区卫生服务中心"));
  }

  @Test
  void badRequestsNameTheField() {
    record Case(String body, String field) {}
    // the shared fields are checked once, in AnalysisRequestCheckerTest; one of them proves coverage uses those checks
    List<Case> cases = List.of(
        new Case("{\"networkId\":" + networkId + ",\"points\":[[-51.23,-30.03]],\"mode\":\"bicycle\",\"minutes\":[10]}", "mode"),
        new Case("{\"networkId\":" + networkId + ",\"points\":[[-51.23,-30.03]],\"mode\":\"walk\",\"minutes\":[10],\"method\":\"magic\"}", "method"),
        new Case("{\"networkId\":" + networkId + ",\"points\":[[-51.23,-30.03]],\"mode\":\"walk\",\"minutes\":[10],\"merge\":\"union\"}", "merge"),
        new Case("{\"points\":[[-51.23,-30.03]],\"mode\":\"walk\",\"minutes\":[10],\"method\":\"radius\",\"speedKmh\":900}", "speedKmh"),
        new Case("{\"networkId\":" + networkId + ",\"points\":[[-51.23,-30.03]],\"mode\":\"walk\",\"minutes\":\"ten\"}", "minutes[0]"));
    for (Case c : cases) {
      Response response = api.postJson("/api/coverage-zones", c.body());
      assertThat(response.status()).as(c.body() + " -> " + response).isIn(400, 422);
      assertThat(response.json().get("rejected").findValuesAsText("field")).as(c.body()).contains(c.field());
    }
    Response empty = api.postJson("/api/coverage-zones", "");
    assertThat(empty.status()).isEqualTo(422);
  }
}
