package org.carecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.carecircle.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Odd requests a planner's tools might send: each gets a 4xx problem+json, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoServerErrorTest {
  @LocalServerPort int port;

  @Test
  void badRequestsNeverAnswer500() {
    ApiClient api = new ApiClient(port);
    List<ApiClient.Response> responses = List.of(
        api.get("/api/facilities/abc"),
        api.get("/api/facilities/99999"),
        api.get("/api/facilities?bbox=a,b,c,d"),
        api.get("/api/facilities?status=open"),
        api.get("/api/nothing-here"),
        api.postJson("/api/facilities", ""),
        api.postJson("/api/facilities", "[]"),
        api.postJson("/api/facilities", "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"x\",1]},\"properties\":{}}"),
        api.postJson("/api/facilities", "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Blob\",\"coordinates\":[]},\"properties\":{}}"),
        api.postJson("/api/facilities", "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"name\":\"a\",\"type\":\"clinic\"}}"),
        api.putJson("/api/facilities/12345", "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,1]},\"properties\":{\"name\":\"a\",\"type\":\"clinic\"}}"),
        api.delete("/api/facilities/12345"),
        api.postJson("/api/facilities/import", "{}"),
        api.upload("/api/facilities/import", "x.gpkg", "not a geopackage".getBytes()),
        api.upload("/api/facilities/import", "x.pbf", new byte[] {0, 0, 0, 5, 1, 2, 3}),
        api.upload("/api/facilities/import", "x.csv", "a;b\n1;2\n".getBytes()),
        api.upload("/api/facilities/import", "x.geojson", "[1,2,3]".getBytes()),
        api.upload("/api/facilities/import", "x.csv", "name,type,lon,lat\nA,clinic,1,2\n".getBytes(), "crs", "EPSG:999999"),
        api.upload("/api/facilities/import", "x.csv", "name,type,lon,lat\nA,clinic,1,2\n".getBytes(), "format", "shp"),
        api.upload("/api/facilities/import", "x.csv", "name,type,lon,lat\nA,clinic,1,2\n".getBytes(), "encoding", "KLINGON"));
    for (ApiClient.Response response : responses) {
      assertThat(response.status()).as(response.toString()).isBetween(400, 499);
      assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
      assertThat(response.json().has("detail")).as(response.toString()).isTrue();
    }
  }
}
