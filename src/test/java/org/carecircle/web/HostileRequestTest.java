package org.carecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.carecircle.testsupport.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Requests that used to reach Tomcat's HTML error page or a 500: each gets a 4xx problem+json. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestTest {
  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  private static void assertProblem(ApiClient.Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
    assertThat(response.text()).doesNotContain("<html").doesNotContain("Apache Tomcat");
  }

  @Test
  void encodedSlashInThePathAnswersProblemJson() {
    ApiClient.Response response = api.get("/api/facilities/1%2F2");
    assertThat(response.status()).as(response.toString()).isBetween(400, 499);
    assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
    assertThat(response.text()).doesNotContain("<html");
    ApiClient.Response network = api.get("/api/networks/..%2F..%2Fetc");
    assertThat(network.status()).as(network.toString()).isBetween(400, 499);
    assertThat(network.contentType()).as(network.toString()).startsWith("application/problem+json");
  }

  @Test
  void addressTomcatRefusesItselfAnswersProblemJson() throws Exception {
    // a malformed escape never reaches CareCircle: Tomcat answers it, through ProblemErrorReportValve
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
      assertThat(answer).contains("\"status\":400").doesNotContain("<html").doesNotContain("Tomcat");
    }
  }

  @Test
  void errorPathItselfIsNotFound() {
    ApiClient.Response response = api.get("/error");
    assertProblem(response, 404);
    assertThat(response.json().get("detail").asText()).isEqualTo("there is nothing at /error");
  }

  @Test
  void formFieldOverTheFieldLimitIsNamedNotCalledAFile() throws Exception {
    String boundary = "----carecircle-hostile";
    String big = "x".repeat(3 * 1024 * 1024);
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + big + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.osm.pbf\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\nabc\r\n--" + boundary + "--\r\n";
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/networks/import"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (org.carecircle.testsupport.TestUsers.ADMIN + ":" + org.carecircle.testsupport.TestUsers.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).doesNotContain("200 MB").contains("form field").contains("name");
  }
}
