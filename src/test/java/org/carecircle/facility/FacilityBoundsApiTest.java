package org.carecircle.facility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.carecircle.io.gpkg.GeoPackageWriter;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a hostile tester found in the registry API: concurrent imports, control characters, path
 * parameters, oversized GeoPackage values and unpaged lists. Subclasses choose the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"carecircle.paging.default-limit=4", "carecircle.paging.max-limit=5"})
abstract class FacilityBoundsApiTest {
  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired FacilityRepository repository;
  @TempDir Path folder;
  ApiClient api;

  @BeforeEach
  void emptyStore() {
    TestStores.clear(dataSource);
    api = new ApiClient(port);
  }

  private static String feature(String nameJson, String extra) {
    return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[120.38,36.07]},"
        + "\"properties\":{\"name\":" + nameJson + ",\"type\":\"clinic\"" + extra + "}}";
  }

  private static void assertProblem(Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
  }

  @Test
  void twentyConcurrentImportsSharingNewExternalIdsEachSucceedWholeOrConflict() throws Exception {
    StringBuilder shared = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      shared.append("Clinic ").append(i).append(",clinic,120.").append(300 + i).append(",36.07,SHARED-").append(i)
          .append('\n');
    }
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Response>> answers = new ArrayList<>();
    for (int thread = 0; thread < 20; thread++) {
      String csv = "name,type,lon,lat,externalId\n" + shared + "Own " + thread + ",clinic,120.5,36.1,OWN-" + thread
          + "\n";
      Callable<Response> upload = () -> api.upload("/api/facilities/import", "clinics.csv",
          csv.getBytes(StandardCharsets.UTF_8));
      answers.add(pool.submit(upload));
    }
    pool.shutdown();
    Set<String> succeeded = new HashSet<>();
    for (int thread = 0; thread < 20; thread++) {
      Response response = answers.get(thread).get();
      assertThat(response.status()).as(response.toString()).isIn(200, 409);
      if (response.status() == 200) {
        succeeded.add("OWN-" + thread);
        assertThat(response.json().get("imported").asInt()).isEqualTo(31);
      } else {
        assertThat(response.contentType()).startsWith("application/problem+json");
      }
    }
    assertThat(succeeded).isNotEmpty();
    List<Facility> stored = repository.find(FacilityQuery.ALL);
    Map<String, Long> perExternalId = new java.util.HashMap<>();
    stored.forEach(f -> perExternalId.merge(f.externalId(), 1L, Long::sum));
    // every shared id exactly once; each successful import's own row is there, a refused one's is not
    for (int i = 1; i <= 30; i++) {
      assertThat(perExternalId.get("SHARED-" + i)).as("SHARED-" + i).isEqualTo(1L);
    }
    Set<String> own = new HashSet<>(perExternalId.keySet());
    own.removeIf(id -> id.startsWith("SHARED-"));
    assertThat(own).isEqualTo(succeeded);
  }

  @Test
  void controlCharactersInTextFieldsAreRejectedNamingTheField() {
    Response nul = api.postJson("/api/facilities", feature("\"A\\u0000B\"", ""));
    assertProblem(nul, 422);
    assertThat(nul.json().at("/rejected/0/field").asText()).isEqualTo("name");
    assertThat(nul.json().at("/rejected/0/message").asText()).contains("control character");
    Response bell = api.postJson("/api/facilities", feature("\"Clinic\"", ",\"address\":\"Main\\u0007 St\""));
    assertProblem(bell, 422);
    assertThat(bell.json().at("/rejected/0/field").asText()).isEqualTo("address");
    Response attribute = api.postJson("/api/facilities", feature("\"Clinic\"", ",\"attributes\":{\"note\":\"a\\u0000\"}"));
    assertProblem(attribute, 422);
    assertThat(attribute.json().at("/rejected/0/field").asText()).isEqualTo("note");
    Response csv = api.upload("/api/facilities/import", "c.csv",
        "name,type,lon,lat\nA\u0000B,clinic,120.38,36.07\n".getBytes(StandardCharsets.UTF_8));
    assertProblem(csv, 422);
    assertThat(csv.json().at("/rejected/0/row").asInt()).isEqualTo(2);
    assertThat(csv.json().at("/rejected/0/field").asText()).isEqualTo("name");
    assertThat(repository.count()).isZero();
    // line breaks and tabs in an address are text, not control characters
    Response multiLine = api.postJson("/api/facilities", feature("\"Clinic\"", ",\"address\":\"Main St 1\\nFloor 2\""));
    assertThat(multiLine.status()).as(multiLine.toString()).isEqualTo(201);
  }

  @Test
  void pathParametersAreRefusedAndDeleteNothing() {
    long id = api.postJson("/api/facilities", feature("\"Clinic\"", "")).json().get("id").asLong();
    Response delete = api.delete("/api/facilities/" + id + ";x");
    assertProblem(delete, 400);
    assertThat(delete.json().get("detail").asText()).contains(";");
    assertProblem(api.get("/api/facilities;jsessionid=1"), 400);
    assertThat(repository.findById(id)).isPresent();
  }

  @Test
  void geoPackageValueLongerThanTheLimitIsRejectedNotRead() throws Exception {
    Path gpkg = folder.resolve("huge-values.gpkg");
    GeoPackageWriter.write(gpkg, "clinics", List.of(FieldSpec.text("name"), FieldSpec.text("type")),
        List.of(new OutputFeature(new GeometryFactory().createPoint(new Coordinate(120.38, 36.07)),
            Map.of("name", "Clinic", "type", "clinic"))));
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + gpkg);
        Statement sql = db.createStatement()) {
      // a 24 KB file whose column is computed on reading: 100 million characters per row
      sql.execute("ALTER TABLE clinics ADD COLUMN note TEXT GENERATED ALWAYS AS (printf('%.*c', 100000000, 'x'))");
    }
    assertThat(Files.size(gpkg)).isLessThan(200_000);
    Response response = api.upload("/api/facilities/import", gpkg);
    assertProblem(response, 422);
    JsonNode problem = response.json().at("/rejected/0");
    assertThat(problem.get("field").asText()).isEqualTo("note");
    assertThat(problem.get("message").asText()).contains("10000 characters");
    assertThat(repository.count()).isZero();
  }

  @Test
  void facilitiesAreListedPageByPageWithNextLinks() {
    for (int i = 1; i <= 7; i++) {
      assertThat(api.postJson("/api/facilities", feature("\"Clinic " + i + "\"", "")).status()).isEqualTo(201);
    }
    JsonNode first = api.get("/api/facilities?limit=3").json();
    assertThat(first.get("numberMatched").asInt()).isEqualTo(7);
    assertThat(first.get("numberReturned").asInt()).isEqualTo(3);
    assertThat(first.get("features")).hasSize(3);
    List<String> names = new ArrayList<>();
    JsonNode page = first;
    int pages = 0;
    while (true) {
      page.get("features").forEach(f -> names.add(f.at("/properties/name").asText()));
      pages++;
      String next = nextLink(page);
      if (next == null) {
        break;
      }
      assertThat(next).startsWith("/api/facilities?").contains("limit=3");
      page = api.get(next).json();
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("Clinic 1", "Clinic 2", "Clinic 3", "Clinic 4", "Clinic 5", "Clinic 6",
        "Clinic 7");
    // without limit: the default page size (4 here); filters are kept in the next link
    JsonNode byDefault = api.get("/api/facilities?type=clinic").json();
    assertThat(byDefault.get("numberReturned").asInt()).isEqualTo(4);
    assertThat(nextLink(byDefault)).contains("type=clinic").contains("offset=4");

    Response tooMany = api.get("/api/facilities?limit=6");
    assertProblem(tooMany, 422);
    assertThat(tooMany.json().at("/rejected/0/field").asText()).isEqualTo("limit");
    assertThat(tooMany.json().at("/rejected/0/message").asText()).contains("at most 5");
    assertProblem(api.get("/api/facilities?limit=0"), 422);
    assertProblem(api.get("/api/facilities?offset=-1"), 422);
  }

  private static String nextLink(JsonNode page) {
    for (JsonNode link : page.path("links")) {
      if ("next".equals(link.path("rel").asText())) {
        return link.get("href").asText();
      }
    }
    return null;
  }
}
