package org.carecircle.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.ChildServer;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged CareCircle with SIGKILL while it imports and writes, on the embedded H2GIS
 * store and on PostGIS, and proves after each kill that: the server starts again on the same
 * store; every import is whole or absent (facility rows all from one file version, the population
 * layer exactly one file's total, the districts exactly one file's codes, every listed road
 * network usable); every write that was answered 2xx is there.
 *
 * <p>Each cycle starts the server, sends single facility writes (create, then update) in a loop
 * beside one import (facilities, population, districts or a road network, in turn), kills the
 * process after a delay that differs per cycle (spread from 0.1 s to about 7 s, so kills land
 * before, during and after the imports' transactions), and the next start checks the invariants.
 * {@value #DEFAULT_KILLS} kills per store by default, 20 in all ({@code -Dcarecircle.crash.kills=N} for more; the
 * default keeps the whole suite under 20 minutes on 2 cores).
 */
class CrashSafetyIT {
  private static final int DEFAULT_KILLS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rows of the generated facility file: large enough that its import takes a while. */
  private static final int IMPORT_ROWS = 20_000;

  private static final String POPULATION_HEXGRID = "porto-alegre/poa_hexgrid.csv";
  private static final double HEXGRID_TOTAL = 812_935;
  private static final String POPULATION_RASTER = "ahrtal/wpop_ahrvalley.tif";
  private static final double RASTER_TOTAL = 191_420.4;
  private static final List<String> DISTRICT_FILES = List.of("china-districts/qingdao-districts.geojson",
      "china-districts/jinan-districts.geojson", "china-districts/jinhua-districts.geojson",
      "china-districts/changzhou-districts.geojson");
  /** A point on the roads of central Porto Alegre. */
  private static final double[] PORTO_ALEGRE = {-51.2177, -30.0346};

  @TempDir Path work;

  @Test
  void embeddedStoreSurvivesKillsDuringImportsAndWrites() {
    // no WRITE_DELAY in the URL: the product must make commits durable by itself
    String url = "jdbc:h2:file:" + work.resolve("store").resolve("carecircle");
    new Cycles(Map.of("spring.datasource.url", url)).run();
  }

  @Test
  void postgisSurvivesKillsDuringImportsAndWrites() throws SQLException {
    String base = TestStores.postgisUrl();
    if (base == null) {
      fail("PostGIS is required for the crash test (CARECIRCLE_TEST_PG_URL; scripts/test.sh sets it)");
    }
    String database = "carecircle_crash_" + ProcessHandle.current().pid();
    String admin = base.substring(0, base.lastIndexOf('/') + 1) + "postgres";
    String user = System.getenv().getOrDefault("CARECIRCLE_TEST_PG_USER", "postgres");
    try (Connection c = DriverManager.getConnection(admin, user, ""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    String url = base.substring(0, base.lastIndexOf('/') + 1) + database;
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
    }
    try {
      new Cycles(Map.of("spring.datasource.url", url, "spring.datasource.username", user,
          "spring.datasource.password", "")).run();
    } finally {
      try (Connection c = DriverManager.getConnection(admin, user, ""); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  /** One store's run of kill cycles and what they proved. */
  private final class Cycles {
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final int kills = Integer.getInteger("carecircle.crash.kills", DEFAULT_KILLS);
    private final Path facilityFileV1;
    private final Path facilityFileV2;
    private final List<Set<String>> districtCodes = new ArrayList<>();

    /** Facility id → the name and beds the server acknowledged last. */
    private final Map<Long, String> acknowledgedNames = new ConcurrentHashMap<>();
    private final Map<Long, Integer> acknowledgedBeds = new ConcurrentHashMap<>();
    /** Facility id → beds sent in an update whose answer the kill cut off: it may or may not be stored. */
    private final Map<Long, Integer> unansweredBeds = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger acknowledgedWrites = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> log = new ArrayList<>();

    Cycles(Map<String, String> store) {
      settings.putAll(store);
      settings.put("carecircle.network.directory", work.resolve("networks").toString());
      facilityFileV1 = facilityFile("v1");
      facilityFileV2 = facilityFile("v2");
      DISTRICT_FILES.forEach(file -> districtCodes.add(codesOf(SharedGeodata.file(file))));
    }

    void run() {
      ChildServer server = ChildServer.startJar(work, settings);
      for (int n = 0; n < kills; n++) {
        int cycle = n;
        Operation operation = Operation.values()[cycle % Operation.values().length];
        // 0.1 s to ~7 s, in an order that does not repeat with the operations
        long delayMillis = 100 + (cycle * 7919L % kills) * 7000 / kills;
        Outcome outcome = new Outcome();
        ApiClient api = server.api();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writes = new Thread(() -> singleWrites(api, cycle(cycle), stop));
        Thread imports = new Thread(() -> operation.run(this, api, cycle, outcome));
        writes.start();
        imports.start();
        sleep(delayMillis);
        server.kill();
        stop.set(true);
        join(writes);
        join(imports);
        log.add("cycle " + cycle + ": " + operation + " killed after " + delayMillis + " ms, import "
            + (outcome.acknowledged ? "acknowledged" : "not acknowledged"));
        server = ChildServer.startJar(work, settings);
        verify(server, cycle, operation, outcome);
      }
      server.kill();
      assertThat(acknowledgedWrites.get()).as("single writes acknowledged over all cycles").isGreaterThan(kills);
      System.out.println("CrashSafetyIT " + settings.get("spring.datasource.url") + ": " + kills + " kills, "
          + acknowledgedWrites + " acknowledged single writes all present\n  " + String.join("\n  ", log));
    }

    private String cycle(int cycle) {
      return "c" + cycle;
    }

    /** Creates a facility, then updates its beds, until stopped; remembers what was answered 2xx. */
    private void singleWrites(ApiClient api, String cycle, AtomicBoolean stop) {
      for (int i = 0; !stop.get(); i++) {
        String name = "单点写入 " + cycle + "-" + i;
        try {
          ApiClient.Response created = api.postJson("/api/facilities", feature(name, 0, i));
          if (created.status() != 201) {
            continue;
          }
          long id = created.json().get("id").asLong();
          acknowledgedNames.put(id, name);
          acknowledgedBeds.put(id, 0);
          acknowledgedWrites.incrementAndGet();
          unansweredBeds.put(id, 7 + i);
          ApiClient.Response updated = api.putJson("/api/facilities/" + id, feature(name, 7 + i, i));
          unansweredBeds.remove(id);
          if (updated.status() == 200) {
            acknowledgedBeds.put(id, 7 + i);
            acknowledgedWrites.incrementAndGet();
          }
        } catch (RuntimeException connectionGone) {
          return;
        }
      }
    }

    private void verify(ChildServer server, int cycle, Operation operation, Outcome outcome) {
      ApiClient api = server.api();
      String context = "after kill " + cycle + " (" + operation + "):\n" + server.logTail();
      acknowledgedNames.forEach((id, name) -> {
        ApiClient.Response got = api.get("/api/facilities/" + id);
        assertThat(got.status()).as("acknowledged facility " + id + " " + context).isEqualTo(200);
        JsonNode properties = got.json().get("properties");
        assertThat(properties.get("name").asText()).as("name of " + id).isEqualTo(name);
        int beds = properties.get("beds").asInt();
        Integer unanswered = unansweredBeds.remove(id);
        if (unanswered == null || beds != unanswered) {
          assertThat(beds).as("acknowledged beds of " + id + " " + context).isEqualTo(acknowledgedBeds.get(id));
        } else {
          acknowledgedBeds.put(id, beds);
        }
      });
      verifyImportedFacilities(api, outcome, context);
      verifyPopulation(api, outcome, context);
      verifyDistricts(api, outcome, context);
      verifyNetworks(api, outcome, context);
    }

    /** The generated rows (type pharmacy, external ids crash-*) all come from one file version. */
    private void verifyImportedFacilities(ApiClient api, Outcome outcome, String context) {
      Map<String, Integer> versions = new LinkedHashMap<>();
      String page = "/api/facilities?type=pharmacy&limit=10000";
      while (page != null) {
        ApiClient.Response listed = api.get(page);
        assertThat(listed.status()).as(context).isEqualTo(200);
        for (JsonNode feature : listed.json().get("features")) {
          String name = feature.get("properties").get("name").asText();
          versions.merge(name.substring(name.lastIndexOf(' ') + 1), 1, Integer::sum);
        }
        page = null;
        for (JsonNode link : listed.json().path("links")) {
          if (link.get("rel").asText().equals("next")) {
            page = link.get("href").asText();
          }
        }
      }
      if (versions.isEmpty()) {
        assertThat(outcome.facilityVersion).as("an acknowledged import is present " + context).isNull();
        return;
      }
      assertThat(versions).as("imported rows all from one whole file " + context).hasSize(1);
      assertThat(versions.values().iterator().next()).as(context).isEqualTo(IMPORT_ROWS);
      if (outcome.facilityVersion != null) {
        assertThat(versions).as("the acknowledged import " + context).containsKey(outcome.facilityVersion);
      }
    }

    /** The population layer is exactly one file's total, and the acknowledged one when there was one. */
    private void verifyPopulation(ApiClient api, Outcome outcome, String context) {
      JsonNode summary = api.get("/api/population/summary").json();
      double total = summary.get("totalPopulation").asDouble();
      long cells = summary.get("cells").asLong();
      if (cells == 0) {
        assertThat(outcome.populationTotal).as("acknowledged population layer " + context).isNull();
        return;
      }
      assertThat(total).as("population total of a whole layer " + context)
          .satisfiesAnyOf(t -> assertThat(t).isCloseTo(HEXGRID_TOTAL, org.assertj.core.data.Offset.offset(0.5)),
              t -> assertThat(t).isCloseTo(RASTER_TOTAL, org.assertj.core.data.Offset.offset(0.5)));
      String source = summary.get("source").get("sourceName").asText();
      assertThat(source).as("layer source matches its total " + context)
          .isEqualTo(Math.abs(total - HEXGRID_TOTAL) < 1 ? "poa_hexgrid.csv" : "wpop_ahrvalley.tif");
      if (outcome.populationTotal != null) {
        assertThat(total).as("acknowledged layer " + context).isCloseTo(outcome.populationTotal,
            org.assertj.core.data.Offset.offset(0.5));
      }
    }

    /** The districts are none, or exactly the codes of one file: the acknowledged one if any. */
    private void verifyDistricts(ApiClient api, Outcome outcome, String context) {
      Set<String> codes = new HashSet<>();
      api.get("/api/districts").json().get("features")
          .forEach(f -> codes.add(f.get("properties").get("code").asText()));
      if (outcome.districtFile != null) {
        assertThat(codes).as("acknowledged district import " + context).isEqualTo(districtCodes.get(outcome.districtFile));
      } else if (outcome.districtsDeletedOnly) {
        // the delete was acknowledged, the import not: nothing, or the whole new file
        assertThat(codes.isEmpty() || codes.equals(districtCodes.get(outcome.districtFileTried)))
            .as("after an acknowledged delete the districts are none or the whole new file, found " + codes + " "
                + context).isTrue();
      } else if (!codes.isEmpty()) {
        assertThat(districtCodes).as("districts from one whole file " + context).contains(codes);
      }
    }

    /** Every listed network answers a coverage zone (its files are whole); an acknowledged one is listed. */
    private void verifyNetworks(ApiClient api, Outcome outcome, String context) {
      JsonNode networks = api.get("/api/networks").json();
      Set<String> names = new HashSet<>();
      for (JsonNode network : networks) {
        names.add(network.get("name").asText());
        ApiClient.Response zone = api.postJson("/api/coverage-zones", "{\"networkId\": " + network.get("id").asLong()
            + ", \"points\": [[" + PORTO_ALEGRE[0] + ", " + PORTO_ALEGRE[1] + "]], \"mode\": \"drive\","
            + " \"minutes\": [5], \"method\": \"network\"}");
        assertThat(zone.status()).as("coverage zone on listed network " + network + " " + context).isEqualTo(201);
        assertThat(zone.json().at("/features/0/properties/areaSquareMeters").asDouble())
            .as("a 5-minute drive zone with an area on network " + network.get("id")).isPositive();
      }
      if (outcome.networkName != null) {
        assertThat(names).as("acknowledged network import " + context).contains(outcome.networkName);
      }
    }

    private Path facilityFile(String version) {
      StringBuilder csv = new StringBuilder("externalId,name,type,lon,lat,beds\n");
      for (int i = 0; i < IMPORT_ROWS; i++) {
        csv.append("crash-").append(i).append(",药店 ").append(i).append(' ').append(version).append(",pharmacy,")
            .append(120.0 + (i % 200) * 0.001).append(',').append(36.0 + (i / 200) * 0.001).append(",0\n");
      }
      try {
        Path file = work.resolve("facilities-" + version + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What the server acknowledged of a cycle's import before it was killed. */
  private static final class Outcome {
    volatile boolean acknowledged;
    volatile String facilityVersion;
    volatile Double populationTotal;
    volatile Integer districtFile;
    volatile boolean districtsDeletedOnly;
    volatile int districtFileTried;
    volatile String networkName;
  }

  /** The import a cycle runs beside the single writes. */
  private enum Operation {
    FACILITY_IMPORT {
      @Override
      void run(Cycles cycles, ApiClient api, int cycle, Outcome outcome) {
        String version = cycle % 2 == 0 ? "v1" : "v2";
        ApiClient.Response answer = quietly(() -> api.upload("/api/facilities/import",
            version.equals("v1") ? cycles.facilityFileV1 : cycles.facilityFileV2));
        if (answer != null && answer.status() == 200) {
          outcome.facilityVersion = version;
          outcome.acknowledged = true;
        }
      }
    },
    POPULATION_IMPORT {
      @Override
      void run(Cycles cycles, ApiClient api, int cycle, Outcome outcome) {
        boolean raster = (cycle / Operation.values().length) % 2 == 1;
        ApiClient.Response answer = quietly(() -> raster
            ? api.upload("/api/population/import", SharedGeodata.file(POPULATION_RASTER))
            : api.upload("/api/population/import", SharedGeodata.file(POPULATION_HEXGRID), "valueColumn", "population"));
        if (answer != null && answer.status() == 200) {
          outcome.populationTotal = raster ? RASTER_TOTAL : HEXGRID_TOTAL;
          outcome.acknowledged = true;
        }
      }
    },
    DISTRICT_IMPORT {
      @Override
      void run(Cycles cycles, ApiClient api, int cycle, Outcome outcome) {
        int file = (cycle / Operation.values().length) % DISTRICT_FILES.size();
        outcome.districtFileTried = file;
        ApiClient.Response deleted = quietly(() -> api.delete("/api/districts"));
        if (deleted == null || deleted.status() >= 300) {
          return;
        }
        outcome.districtsDeletedOnly = true;
        ApiClient.Response answer = quietly(() -> api.upload("/api/districts/import",
            SharedGeodata.file(DISTRICT_FILES.get(file)), "crs", "GCJ-02"));
        if (answer != null && answer.status() == 200) {
          outcome.districtFile = file;
          outcome.districtsDeletedOnly = false;
          outcome.acknowledged = true;
        }
      }
    },
    NETWORK_IMPORT {
      @Override
      void run(Cycles cycles, ApiClient api, int cycle, Outcome outcome) {
        String name = "crash-" + cycle;
        ApiClient.Response accepted = quietly(() -> api.upload("/api/networks/import",
            SharedGeodata.file("porto-alegre/poa_osm.pbf"), "name", name));
        if (accepted == null || accepted.status() != 202) {
          return;
        }
        String status = accepted.json().get("statusUrl").asText();
        while (true) {
          ApiClient.Response job = quietly(() -> api.get(status));
          if (job == null) {
            return;
          }
          String state = job.json().get("state").asText();
          if (state.equals("succeeded")) {
            outcome.networkName = name;
            outcome.acknowledged = true;
            return;
          }
          if (!state.equals("queued") && !state.equals("running")) {
            return;
          }
          sleep(50);
        }
      }
    };

    abstract void run(Cycles cycles, ApiClient api, int cycle, Outcome outcome);
  }

  private static String feature(String name, int beds, int i) {
    return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" + (120.3 + i * 1e-4)
        + ", 36.07]}, \"properties\": {\"name\": \"" + name + "\", \"type\": \"clinic\", \"beds\": " + beds + "}}";
  }

  private static Set<String> codesOf(Path geojson) {
    try {
      Set<String> codes = new HashSet<>();
      JSON.readTree(geojson.toFile()).get("features")
          .forEach(f -> codes.add(f.get("properties").get("adcode").asText()));
      return codes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer, or null when the connection broke (the server was killed). */
  private static ApiClient.Response quietly(java.util.function.Supplier<ApiClient.Response> call) {
    try {
      return call.get();
    } catch (RuntimeException connectionGone) {
      return null;
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
