package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carecircle.job.JobService;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.Jobs;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Server-side network imports read only inside {@code carecircle.import.server-folders}, and their
 * messages quote what the client sent and nothing else.
 *
 * <pre>
 *   imports/                      (server folder 1, a temp folder)
 *     escape.osm.pbf  -> secret/secret.osm.pbf     (a link leading out)
 *     secret-dir      -> secret/                   (a folder link leading out)
 *     porto.osm.pbf   -> porto-alegre/poa_osm.pbf  (a link to the other server folder: fine)
 *   secret/secret.osm.pbf          (outside every folder)
 *   shared geodata porto-alegre/   (server folder 2)
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerFolderImportApiTest {
  private static final Path BASE = temp();
  private static final Path IMPORTS = BASE.resolve("imports");
  private static final Path SECRET = BASE.resolve("secret");

  @LocalServerPort int port;
  @Autowired JobService jobs;
  ApiClient api;

  @DynamicPropertySource
  static void folders(DynamicPropertyRegistry registry) throws IOException {
    Files.createDirectories(IMPORTS);
    Files.createDirectories(SECRET);
    Files.write(SECRET.resolve("secret.osm.pbf"), new byte[] {1, 2, 3});
    Path portoAlegre = SharedGeodata.file("porto-alegre/poa_osm.pbf");
    Files.createSymbolicLink(IMPORTS.resolve("escape.osm.pbf"), SECRET.resolve("secret.osm.pbf"));
    Files.createSymbolicLink(IMPORTS.resolve("secret-dir"), SECRET);
    Files.createSymbolicLink(IMPORTS.resolve("porto.osm.pbf"), portoAlegre);
    registry.add("carecircle.import.server-folders", () -> IMPORTS + "," + portoAlegre.getParent());
  }

  private static Path temp() {
    try {
      return Files.createTempDirectory("carecircle-server-folders");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  /**
   * A 422 on field path whose message names no server folder and not the working directory, apart
   * from the path the client sent itself.
   */
  private String refusal(String body) {
    Response response = api.postJson("/api/networks/import", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json().get("rejected").get(0);
    assertThat(problem.get("field").asText()).isEqualTo("path");
    String message = problem.get("message").asText();
    String sent = body.replaceAll("^\\{\"path\": \"?", "").replaceAll("\"?}$", "");
    String beyondSent = message.replace(sent, "");
    assertThat(beyondSent).doesNotContain(BASE.toString()).doesNotContain(System.getProperty("user.dir"))
        .doesNotContain(SharedGeodata.root().toString());
    assertThat(response.text().replace(sent, "")).doesNotContain(BASE.toString())
        .doesNotContain(System.getProperty("user.dir"));
    return message;
  }

  private static String path(String path) {
    return "{\"path\": \"" + path + "\"}";
  }

  @Test
  void pathsOutsideTheFoldersGetOneAnswerWhetherOrNotTheyExist() {
    String outside = "' is not inside a server import folder";
    assertThat(refusal(path("/root"))).startsWith("'/root" + outside);
    assertThat(refusal(path("/proc/self/environ"))).startsWith("'/proc/self/environ" + outside);
    assertThat(refusal(path("/etc/passwd"))).startsWith("'/etc/passwd" + outside);
    assertThat(refusal(path("/srv/osm/x.osm.pbf"))).startsWith("'/srv/osm/x.osm.pbf" + outside);
    assertThat(refusal(path(SECRET.resolve("secret.osm.pbf").toString())))
        .isEqualTo(refusal(path(SECRET.resolve("missing.osm.pbf").toString()))
            .replace("missing.osm.pbf", "secret.osm.pbf"));
  }

  @Test
  void traversalAndSymlinkEscapesAreRefused() {
    assertThat(refusal(path("../secret/secret.osm.pbf"))).isEqualTo(
        "'../secret/secret.osm.pbf' contains '..'; give the path without it");
    assertThat(refusal(path(IMPORTS + "/../secret/secret.osm.pbf"))).endsWith("contains '..'; give the path without it");
    assertThat(refusal(path("escape.osm.pbf"))).startsWith("'escape.osm.pbf' is not inside a server import folder");
    assertThat(refusal(path("secret-dir/secret.osm.pbf")))
        .startsWith("'secret-dir/secret.osm.pbf' is not inside a server import folder");
    assertThat(refusal(path("secret-dir/missing.osm.pbf")))
        .startsWith("'secret-dir/missing.osm.pbf' is not inside a server import folder");
  }

  @Test
  void messagesQuoteOnlyWhatTheClientSent() {
    assertThat(refusal("{\"path\": 123}")).isEqualTo("there is no file '123' in the server import folders");
    assertThat(refusal(path("nothing/here.osm.pbf")))
        .isEqualTo("there is no file 'nothing/here.osm.pbf' in the server import folders");
    assertThat(refusal(path("secret-dir"))).startsWith("'secret-dir' is not inside a server import folder");
    Path insideFolder = IMPORTS.resolve("a-folder");
    try {
      Files.createDirectories(insideFolder);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(refusal(path("a-folder"))).isEqualTo("'a-folder' is a folder, not an .osm.pbf file");
  }

  @Test
  void aFileInAFolderOrLinkedBetweenFoldersIsImported() {
    Response accepted = api.postJson("/api/networks/import", "{\"path\": \"porto.osm.pbf\", \"name\": \"POA\"}");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String jobId = accepted.json().get("jobId").asText();
    assertThat(api.delete("/api/jobs/" + jobId).status()).isEqualTo(204);
    Jobs.awaitFinished(jobs, jobId);
  }
}
