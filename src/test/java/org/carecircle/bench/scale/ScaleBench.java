package org.carecircle.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carecircle.CareCircleApplication;
import org.carecircle.network.ModeGraph;
import org.carecircle.network.NetworkService;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.SearchSources;
import org.carecircle.network.TravelMode;
import org.carecircle.network.TravelTimeSearch;
import org.carecircle.testsupport.ApiClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One size of the scale benchmark (a benchmark, not a test): starts the real CareCircle application
 * (embedded H2GIS store, HTTP on a free port) in this JVM, and goes through a planner's steps over
 * the HTTP API with one {@link MetroFixture}: network import, population raster import, facilities,
 * districts, one 15-minute drive zone (median of 20), zones of 500 facilities dissolved,
 * accessibility of 2,000 facilities (cold, then warm), district indicators and network siting
 * (MCLP, p = 18). Baselines measured in the same JVM on the same imported graph: a bare 15-minute
 * search from each zone's start, and one whole-graph single-source search. With
 * {@code CARECIRCLE_TEST_PG_URL} set, the raster is also imported into PostGIS through the
 * product's import service. A step that fails is recorded with its error and the run goes on.
 *
 * <p>Appends one line per figure to the results file: {@code size, measure, value, unit, note}.
 *
 * <pre>
 * java -cp ... org.carecircle.bench.scale.ScaleBench FIXTURE_FOLDER SIZE_LABEL RESULTS.tsv
 * </pre>
 */
public final class ScaleBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ZONE_RUNS = 20;
  private static final int ZONE_WARM_UPS = 5;
  private static final long IMPORT_TIMEOUT_SECONDS = 1800;
  private static final long SITING_TIMEOUT_SECONDS = 900;

  private final Path fixture;
  private final String size;
  private final Path results;
  private ApiClient api;
  private ConfigurableApplicationContext app;
  private long networkId = -1;
  private long resultId = -1;

  private ScaleBench(Path fixture, String size, Path results) {
    this.fixture = fixture;
    this.size = size;
    this.results = results;
  }

  public static void main(String[] args) throws Exception {
    ScaleBench bench = new ScaleBench(Path.of(args[0]), args[1], Path.of(args[2]));
    try {
      bench.run();
    } finally {
      if (bench.app != null) {
        bench.app.close();
      }
    }
    System.exit(0);
  }

  private void run() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    record("jvm_max_heap", maxHeap / 1e9, "GB", "java default (no -Xmx), as scripts/run.sh");
    long startedApp = System.nanoTime();
    ScaleApp started = ScaleApp.start();
    app = started.context();
    int port = started.port();
    api = tokenClient(port);
    record("load_average_start", loadAverage(), "", "1-minute load average of the machine (2 cores, shared)");
    record("app_start", seconds(startedApp), "s", "Spring Boot on H2GIS, port " + port);
    Map<String, Object> manifest = MetroFixture.readManifest(fixture);

    step("network_import", () -> importNetwork());
    if (networkId < 0) {
      return;
    }
    step("network_memory", () -> networkMemory());
    step("facility_import", () -> timedUpload("facility_import", "/api/facilities/import", MetroFixture.FACILITIES_FILE));
    step("raster_import_h2gis", () -> timedUpload("raster_import_h2gis", "/api/population/import",
        MetroFixture.POPULATION_FILE));
    step("district_import", () -> timedUpload("district_import", "/api/districts/import", MetroFixture.DISTRICTS_FILE));
    List<double[]> points = facilityPoints(ZONE_RUNS + ZONE_WARM_UPS);
    step("zone_drive_15", () -> singleZones(points));
    step("zone_search_baseline", () -> bareSearches(points));
    step("zones_500_dissolved", () -> zones500());
    step("whole_graph_search", () -> wholeGraphSearch());
    step("accessibility", () -> accessibility());
    step("gap_layer", () -> gapLayer());
    step("district_indicators", () -> indicators());
    step("siting", () -> siting());
    step("raster_import_postgis", () -> postgisRasterImport());
    record("vmhwm_end", vmHwmMegabytes(), "MB", "resident set high-water mark of the whole run");
    record("load_average_end", loadAverage(), "", "1-minute load average of the machine (2 cores, shared)");
  }

  private interface Step {
    void run() throws Exception;
  }

  private void step(String name, Step step) {
    // -Dscale.steps=a,b: only these steps (and the imports they need)
    String only = System.getProperty("scale.steps");
    if (only != null && !name.endsWith("_import") && !name.equals("raster_import_h2gis")
        && !java.util.Arrays.asList(only.split(",")).contains(name)) {
      return;
    }
    long started = System.nanoTime();
    try {
      step.run();
    } catch (Throwable e) {
      String message = (e.getClass().getSimpleName() + ": " + e.getMessage()).replaceAll("\\s+", " ");
      record(name + "_error", seconds(started), "s", message.substring(0, Math.min(400, message.length())));
    }
  }

  private void importNetwork() throws Exception {
    long started = System.nanoTime();
    ApiClient.Response accepted = api.upload("/api/networks/import", fixture.resolve(MetroFixture.NETWORK_FILE),
        "name", "metro " + size);
    if (accepted.status() != 202) {
      throw new IllegalStateException("import answered " + accepted.status() + ": " + accepted.text());
    }
    JsonNode job = awaitJob(accepted.json().path("jobId").asText(), IMPORT_TIMEOUT_SECONDS);
    double seconds = seconds(started);
    JsonNode network = job.path("result");
    networkId = network.path("id").asLong(-1);
    if (networkId < 0) {
      throw new IllegalStateException("import job ended without a network: " + job);
    }
    record("network_import", seconds, "s", "upload + job, PBF " + Files.size(fixture.resolve(MetroFixture.NETWORK_FILE))
        / 1_000_000 + " MB");
    record("network_import_vmhwm", vmHwmMegabytes(), "MB", "resident set high-water mark after the import");
    record("nodes", network.path("nodeCount").asDouble(), "nodes", "routing graph");
    record("edges", network.path("edgeCount").asDouble(), "edges", "");
  }

  /**
   * Bytes of the arrays the product holds per network: each mode graph's CSR arrays, and the whole
   * {@link RoadNetwork} (nodes, edges, geometry, walk and drive graphs), per node and per mode.
   */
  private void networkMemory() {
    NetworkService service = app.getBean(NetworkService.class);
    RoadNetwork network = service.network(networkId);
    int nodes = network.nodeCount();
    long modeBytes = 0;
    for (TravelMode mode : new TravelMode[] {TravelMode.WALK, TravelMode.DRIVE}) {
      ModeGraph graph = network.modeGraph(mode);
      long bytes = 4L * graph.arcStart.length + 13L * graph.arcCount();
      record("graph_bytes_per_node_" + mode.code(), bytes / (double) nodes, "B", "CSR arrays of the mode");
      modeBytes += bytes;
    }
    long shared = 16L * nodes + 12L * network.edgeCount() + 4L * network.geometryStart.length
        + 16L * network.pointLon.length;
    record("graph_bytes_per_node_per_mode", modeBytes / 2.0 / nodes, "B", "walk and drive CSR arrays / nodes / 2");
    record("network_bytes_per_node_per_mode", (modeBytes + shared) / 2.0 / nodes, "B",
        "whole RoadNetwork (nodes, edges, geometry, both modes) / nodes / 2");
  }

  private void timedUpload(String name, String path, String file) {
    long started = System.nanoTime();
    ApiClient.Response response = api.upload(path, fixture.resolve(file));
    double seconds = seconds(started);
    if (response.status() / 100 != 2) {
      throw new IllegalStateException(path + " answered " + response.status() + ": " + abbreviate(response.text()));
    }
    record(name, seconds, "s", abbreviate(response.text().replaceAll("\\s+", " ")));
  }

  /** Positions of the first facilities of the fixture's CSV: near roads, spread over the tiles. */
  private List<double[]> facilityPoints(int count) throws IOException {
    List<double[]> points = new ArrayList<>();
    List<String> lines = Files.readAllLines(fixture.resolve(MetroFixture.FACILITIES_FILE));
    for (int i = 1; i < lines.size() && points.size() < count; i++) {
      String[] fields = lines.get(i).split(",");
      points.add(new double[] {Double.parseDouble(fields[4]), Double.parseDouble(fields[5])});
    }
    return points;
  }

  private void singleZones(List<double[]> points) {
    double[] millis = new double[ZONE_RUNS];
    int i = 0;
    for (double[] point : points) {
      String body = String.format(Locale.ROOT, "{\"networkId\": %d, \"points\": [[%.7f, %.7f]], \"mode\": \"drive\","
          + " \"minutes\": [15], \"method\": \"network\", \"merge\": \"none\"}", networkId, point[0], point[1]);
      long started = System.nanoTime();
      ApiClient.Response response = api.postJson("/api/coverage-zones", body);
      double elapsed = (System.nanoTime() - started) / 1e6;
      if (response.status() != 201) {
        throw new IllegalStateException("coverage zone answered " + response.status() + ": " + abbreviate(response.text()));
      }
      if (i >= ZONE_WARM_UPS) {
        millis[i - ZONE_WARM_UPS] = elapsed;
      }
      i++;
    }
    record("zone_drive_15_median", median(millis), "ms", "POST /api/coverage-zones, one point, 20 points after "
        + ZONE_WARM_UPS + " warm-ups; max " + String.format(Locale.ROOT, "%.1f", Arrays.stream(millis).max().orElse(0)));
  }

  /** Baseline: the bare 15-minute drive search (no snapping, contours or HTTP) from each point's nearest node. */
  private void bareSearches(List<double[]> points) {
    RoadNetwork network = app.getBean(NetworkService.class).network(networkId);
    ModeGraph drive = network.modeGraph(TravelMode.DRIVE);
    TravelTimeSearch search = new TravelTimeSearch();
    double[] millis = new double[ZONE_RUNS];
    int i = 0;
    for (double[] point : points) {
      int node = nearestNodeWithArcs(network, drive, point[0], point[1]);
      SearchSources sources = new SearchSources();
      sources.addNode(node, 0);
      long started = System.nanoTime();
      search.run(drive, sources, 15 * 60);
      double elapsed = (System.nanoTime() - started) / 1e6;
      if (i >= ZONE_WARM_UPS) {
        millis[i - ZONE_WARM_UPS] = elapsed;
      }
      i++;
    }
    record("zone_search_baseline_median", median(millis), "ms", "bare 15-minute drive search from the same points");
  }

  private static int nearestNodeWithArcs(RoadNetwork network, ModeGraph graph, double lon, double lat) {
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    double cosLat = Math.cos(Math.toRadians(lat));
    for (int node = 0; node < network.nodeCount(); node++) {
      if (graph.arcStart[node + 1] == graph.arcStart[node]) {
        continue;
      }
      double dx = (network.nodeLon[node] - lon) * cosLat;
      double dy = network.nodeLat[node] - lat;
      double distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = node;
      }
    }
    return best;
  }

  private void zones500() {
    ApiClient.Response page = api.get("/api/facilities?limit=500");
    List<Long> ids = new ArrayList<>();
    for (JsonNode feature : page.json().path("features")) {
      ids.add(feature.path("id").asLong(feature.path("properties").path("id").asLong()));
    }
    if (ids.size() != 500) {
      throw new IllegalStateException("expected 500 facilities, got " + ids.size());
    }
    String body = String.format(Locale.ROOT, "{\"networkId\": %d, \"facilityIds\": %s, \"mode\": \"drive\","
        + " \"minutes\": [15], \"method\": \"network\", \"merge\": \"dissolve\"}", networkId, ids);
    long started = System.nanoTime();
    ApiClient.Response response = api.postJson("/api/coverage-zones", body);
    double seconds = seconds(started);
    if (response.status() != 201) {
      throw new IllegalStateException("zones answered " + response.status() + ": " + abbreviate(response.text()));
    }
    record("zones_500_dissolved", seconds, "s", "POST /api/coverage-zones, 500 facility ids, drive 15 min, dissolve; "
        + response.json().path("features").size() + " features, " + response.body().length / 1000 + " kB");
  }

  private void wholeGraphSearch() {
    RoadNetwork network = app.getBean(NetworkService.class).network(networkId);
    ModeGraph drive = network.modeGraph(TravelMode.DRIVE);
    int node = nearestNodeWithArcs(network, drive, (min(network.nodeLon) + max(network.nodeLon)) / 2,
        (min(network.nodeLat) + max(network.nodeLat)) / 2);
    SearchSources sources = new SearchSources();
    sources.addNode(node, 0);
    TravelTimeSearch search = new TravelTimeSearch();
    double[] seconds = new double[3];
    int reached = 0;
    for (int run = 0; run < seconds.length; run++) {
      long started = System.nanoTime();
      reached = search.run(drive, sources, Double.POSITIVE_INFINITY).reachedCount();
      seconds[run] = seconds(started);
    }
    record("whole_graph_search", median(seconds), "s", "drive, from the middle, median of 3 (first " 
        + String.format(Locale.ROOT, "%.3f", seconds[0]) + " s); " + reached + " nodes reached");
  }

  private String allTypes() {
    return MetroFixture.FACILITY_MIX.keySet().stream().map(t -> "\"" + t + "\"").reduce((a, b) -> a + ", " + b)
        .orElseThrow();
  }

  private void accessibility() {
    String body = String.format(Locale.ROOT, "{\"networkId\": %d, \"facilityFilter\": {\"types\": [%s]},"
        + " \"mode\": \"drive\", \"minutes\": [15]}", networkId, allTypes());
    for (String kind : new String[] {"cold", "warm"}) {
      long started = System.nanoTime();
      ApiClient.Response response = api.postJson("/api/accessibility", body);
      double seconds = seconds(started);
      if (response.status() / 100 != 2) {
        throw new IllegalStateException("accessibility answered " + response.status() + ": " + abbreviate(response.text()));
      }
      JsonNode answer = response.json();
      record("accessibility_" + kind, seconds, "s", "POST /api/accessibility, drive 15 min: " + answer.path("facilities")
          + " facilities, " + answer.path("cells") + " cells, covered share " + answer.path("coveredShare"));
      resultId = answer.path("resultId").asLong(-1);
    }
  }

  /** What the page asks for after a result: the travel-time surface and the dissolved gap layer. */
  private void gapLayer() {
    if (resultId < 0) {
      throw new IllegalStateException("no accessibility result to draw");
    }
    for (String[] call : new String[][] {{"accessibility_surface", "/api/accessibility/" + resultId + "/surface"},
        {"gap_layer_dissolved", "/api/accessibility/" + resultId + "/gaps?minutes=15&dissolve=true"}}) {
      long started = System.nanoTime();
      ApiClient.Response response = api.get(call[1]);
      double seconds = seconds(started);
      if (response.status() != 200) {
        throw new IllegalStateException(call[1] + " answered " + response.status() + ": " + abbreviate(response.text()));
      }
      record(call[0], seconds, "s", "GET " + call[1] + ", " + response.body().length / 1000 + " kB");
    }
  }

  /**
   * The first report builds what the walk target needs (the walk locator, the cells snapped onto
   * walk roads) and the district populations; the second finds them kept, as a planner's next look does.
   */
  private void indicators() {
    for (String kind : new String[] {"first", "again"}) {
      long started = System.nanoTime();
      ApiClient.Response response = api.get("/api/districts/indicators?standard=qingdao-2024&networkId=" + networkId);
      double seconds = seconds(started);
      if (response.status() != 200) {
        throw new IllegalStateException("indicators answered " + response.status() + ": " + abbreviate(response.text()));
      }
      record(kind.equals("first") ? "district_indicators" : "district_indicators_again", seconds, "s",
          "GET /api/districts/indicators, qingdao-2024 (walk and ambulance access targets), " + kind + ", "
          + response.body().length / 1000 + " kB");
    }
  }

  private void siting() throws Exception {
    ObjectNode request = (ObjectNode) JSON.readTree(fixture.resolve(MetroFixture.SITING_FILE).toFile());
    request.put("networkId", networkId);
    long started = System.nanoTime();
    ApiClient.Response accepted = api.postJson("/api/siting/jobs", JSON.writeValueAsString(request));
    if (accepted.status() != 202) {
      throw new IllegalStateException("siting answered " + accepted.status() + ": " + abbreviate(accepted.text()));
    }
    JsonNode job = awaitJob(accepted.json().path("jobId").asText(), SITING_TIMEOUT_SECONDS);
    double seconds = seconds(started);
    if (!"succeeded".equals(job.path("state").asText())) {
      throw new IllegalStateException("siting job " + job.path("state").asText() + ": " + abbreviate(job.path("error").toString()));
    }
    JsonNode result = job.path("result");
    JsonNode answer = result.has("resultId") && !result.has("gap")
        ? api.get("/api/siting/results/" + result.path("resultId").asLong()).json() : result;
    JsonNode found = answer.has("gap") ? answer : answer.path("result");
    record("siting", seconds, "s", "POST /api/siting/jobs to done: status " + found.path("status").asText()
        + ", solver seconds " + found.path("seconds") + ", candidates " + answer.path("network").path("candidates")
        + ", demand " + abbreviate(answer.path("network").path("demand").toString()));
    record("siting_gap", found.path("gap").asDouble(Double.NaN) * 100, "%", "proven gap, status "
        + found.path("status").asText());
  }

  private JsonNode awaitJob(String jobId, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode job = api.get("/api/jobs/" + jobId).json();
      String state = job.path("state").asText();
      if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
        if (!state.equals("succeeded")) {
          throw new IllegalStateException("job " + state + ": " + abbreviate(job.path("error").toString()));
        }
        return job;
      }
      Thread.sleep(200);
    }
    api.delete("/api/jobs/" + jobId);
    throw new IllegalStateException("timed out after " + timeoutSeconds + " s (job cancelled)");
  }

  /**
   * The same raster imported into PostGIS through the same HTTP API: the H2GIS application is
   * closed and a second one started with the {@code postgis} profile on {@code CARECIRCLE_TEST_PG_URL}.
   */
  private void postgisRasterImport() {
    String url = System.getenv("CARECIRCLE_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      record("raster_import_postgis_skipped", 0, "s", "CARECIRCLE_TEST_PG_URL not set");
      return;
    }
    app.close();
    app = SpringApplication.run(CareCircleApplication.class,
        "--spring.profiles.active=postgis",
        "--server.port=0",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + System.getenv().getOrDefault("CARECIRCLE_TEST_PG_USER", "postgres"),
        "--spring.datasource.password=" + System.getenv().getOrDefault("CARECIRCLE_TEST_PG_PASSWORD", ""),
        "--carecircle.security.admin-password=" + ScaleApp.ADMIN_PASSWORD,
        "--logging.level.root=WARN");
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    api = tokenClient(port);
    timedUpload("raster_import_postgis", "/api/population/import", MetroFixture.POPULATION_FILE);
  }

  /** A script's way in: one API token, not Basic, whose bcrypt check would cost ~0.1 s on every request. */
  static ApiClient tokenClient(int port) {
    ApiClient basic = new ApiClient(port).as("admin", ScaleApp.ADMIN_PASSWORD);
    // a name of its own: a PostGIS database kept from an earlier size or run holds the earlier tokens
    ApiClient.Response token = basic.postJson("/api/me/tokens", "{\"name\":\"scale bench " + System.currentTimeMillis()
        + "\"}");
    if (token.status() != 201) {
      throw new IllegalStateException("cannot create an API token: " + token);
    }
    return basic.anonymous().withToken(token.json().get("token").asText());
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static double vmHwmMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return Double.NaN;
  }

  private void record(String measure, double value, String unit, String note) {
    appendFigure(results, size, measure, value, unit, note);
  }

  /** Prints one figure and appends it to the results file: {@code size, measure, value, unit, note}. */
  static void appendFigure(Path results, String size, String measure, double value, String unit, String note) {
    String line = String.join("\t", size, measure, String.format(Locale.ROOT, "%.4f", value), unit,
        note.replace('\t', ' ').replace('\n', ' '));
    System.out.println(line);
    try (Writer out = Files.newBufferedWriter(results, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      out.write(line + "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
