package org.carecircle.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A plain HTTP client for API tests against a running CareCircle (no Spring test magic). It signs
 * every request in with HTTP Basic as the test stores' first admin ({@link TestUsers#ADMIN}); {@link
 * #as}, {@link #withToken} and {@link #anonymous} give a client that acts as somebody else or as
 * nobody. Clients keep no cookies: each request stands alone, as a script's would.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String baseUrl;
  /** Value of the Authorization header, or null for none. */
  private final String authorization;
  private final Map<String, String> extraHeaders;

  /** A client signed in as the test stores' first admin. */
  public ApiClient(int port) {
    this("http://127.0.0.1:" + port, basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD), Map.of());
  }

  private ApiClient(String baseUrl, String authorization, Map<String, String> extraHeaders) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.extraHeaders = Map.copyOf(extraHeaders);
  }

  /** The same server, signed in with HTTP Basic as this user. */
  public ApiClient as(String userName, String password) {
    return new ApiClient(baseUrl, basic(userName, password), extraHeaders);
  }

  /** The same server, signed in with a personal API token ({@code Authorization: Bearer cc_…}). */
  public ApiClient withToken(String token) {
    return new ApiClient(baseUrl, "Bearer " + token, extraHeaders);
  }

  /** The same server, signed in as nobody (no Authorization header). */
  public ApiClient anonymous() {
    return new ApiClient(baseUrl, null, extraHeaders);
  }

  /** This client, also sending the header with every request (e.g. Cookie, Origin, X-XSRF-TOKEN). */
  public ApiClient withHeader(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put(name, value);
    return new ApiClient(baseUrl, authorization, headers);
  }

  public String baseUrl() {
    return baseUrl;
  }

  private static String basic(String userName, String password) {
    return "Basic " + java.util.Base64.getEncoder()
        .encodeToString((userName + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** An answer: status, content type and body. */
  public record Response(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + text(), e);
      }
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The value of a cookie this answer sets ({@code Set-Cookie}), or null when it sets none (or clears it). */
    public String cookie(String name) {
      return headers.allValues("Set-Cookie").stream()
          .filter(header -> header.startsWith(name + "="))
          .map(header -> header.substring(name.length() + 1, header.indexOf(';') < 0 ? header.length() : header.indexOf(';')))
          .filter(value -> !value.isEmpty())
          .findFirst().orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + text();
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
  }

  public Response postJson(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** POSTs an HTML form (application/x-www-form-urlencoded), e.g. the sign-in form to /login. */
  public Response postForm(String path, String... fields) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(query(fields).replaceFirst("^\\?", ""))));
  }

  public Response putJson(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * Any request with extra headers (e.g. If-Match).
   *
   * @param json the JSON body, or null for none
   * @param headers header names and values: name, value, name, value...
   */
  public Response request(String method, String path, String json, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  public Response upload(String path, Path file, String... params) {
    try {
      return upload(path, file.getFileName().toString(), Files.readAllBytes(file), params);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Posts a multipart form with the file in field {@code file}.
   *
   * @param params query parameters as name, value, name, value...
   */
  public Response upload(String path, String fileName, byte[] content, String... params) {
    String boundary = "----carecircle" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path + query(params)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static String query(String... params) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i + 1 < params.length; i += 2) {
      pairs.put(params[i], params[i + 1]);
    }
    StringBuilder query = new StringBuilder();
    pairs.forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return query.toString();
  }

  private Response send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    extraHeaders.forEach(request::header);
    try {
      HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
