package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Security headers on the page, the sign-in page, the API and its refusals; a page that can live with them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "carecircle.map.tile-url=https://{s}.tiles.example.org/base/{z}/{x}/{y}.png")
class SecurityHeadersTest {
  @LocalServerPort int port;

  private static void assertSecurityHeaders(Response response) {
    String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp).as(response.toString()).contains("script-src 'self';", "frame-ancestors 'none'", "object-src 'none'");
    String scriptSources = csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src")));
    assertThat(scriptSources).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(csp).as("the base map's tiles").contains("img-src 'self' data: blob: https://*.tiles.example.org;");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
  }

  @Test
  void thePageTheSignInPageAndTheApiCarryTheHeaders() {
    ApiClient admin = new ApiClient(port);
    Response page = admin.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("<div id=\"map\"");
    assertSecurityHeaders(page);
    assertSecurityHeaders(admin.get("/js/main.js"));
    assertSecurityHeaders(admin.anonymous().get("/login.html"));
    assertSecurityHeaders(admin.get("/api/facilities"));
    assertSecurityHeaders(admin.anonymous().get("/api/facilities"));
    assertSecurityHeaders(admin.get("/api/no-such-thing"));
  }

  @Test
  void tileHostsBecomeCspSources() {
    assertThat(ContentSecurityPolicy.tileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
        .isEqualTo("https://tile.openstreetmap.org");
    assertThat(ContentSecurityPolicy.tileSource("https://{s}.tile.example.org:8443/{z}/{x}/{y}.png"))
        .isEqualTo("https://*.tile.example.org:8443");
    assertThat(ContentSecurityPolicy.tileSource("http://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}"))
        .isEqualTo("http://*.is.autonavi.com");
    assertThat(ContentSecurityPolicy.tileSource("/tiles/{z}/{x}/{y}.png")).isEmpty();
    assertThat(ContentSecurityPolicy.tileSource("")).isEmpty();
    assertThat(ContentSecurityPolicy.forTileUrl("")).contains("img-src 'self' data: blob:;");
  }

  /** The CSP forbids inline script: the page's HTML must have none, nor inline event handlers. */
  @Test
  void thePagesHtmlHasNoInlineScriptOrEventHandler() throws IOException {
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern javascriptUrl = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);
    List<Path> pages;
    try (Stream<Path> files = Files.list(Path.of("frontend"))) {
      pages = files.filter(file -> file.toString().endsWith(".html")).toList();
    }
    assertThat(pages).extracting(file -> file.getFileName().toString()).contains("index.html", "login.html");
    for (Path file : pages) {
      String html = Files.readString(file);
      assertThat(inlineScript.matcher(html).find()).as(file + " has an inline <script>").isFalse();
      assertThat(handler.matcher(html).find()).as(file + " has an inline event handler").isFalse();
      assertThat(javascriptUrl.matcher(html).find()).as(file + " has a javascript: URL").isFalse();
    }
  }
}
