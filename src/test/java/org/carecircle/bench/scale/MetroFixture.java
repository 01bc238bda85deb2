package org.carecircle.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.carecircle.network.RoadNetwork;

/**
 * A metropolitan-scale data set, written as the files a planner would bring (see
 * {@link MetroFixtureGenerator} for the command line):
 *
 * <ul>
 *   <li>{@value #NETWORK_FILE}: the road network, a {@link MosaicNetwork} of a real OSM extract,
 *       whose routing graph (as CareCircle imports it) has the asked node count within 1 %;
 *   <li>{@value #POPULATION_FILE}: about {@value #POPULATION_CELLS} Float32 cells totalling
 *       {@value #POPULATION_TOTAL} people over the mosaic (denser near tile centres, NoData where no
 *       tile is), EPSG:4326;
 *   <li>{@value #DISTRICTS_FILE}: ten rectangular districts tiling the raster's extent, 5 × 2;
 *   <li>{@value #FACILITIES_FILE}: {@value #FACILITY_COUNT} facilities of the catalogue's types, each
 *       within {@value #FACILITY_OFFSET_METERS} m of a road junction of the mosaic;
 *   <li>{@value #SITING_FILE}: an MCLP request for 18 new emergency stations (12 minutes by
 *       ambulance after 3 minutes' turnout, existing stations fixed) on a candidate grid sized for
 *       about 5,000 candidates; {@code networkId} is null, to be filled in after the import;
 *   <li>{@value #MANIFEST_FILE}: what was generated and how (tiles, connecting roads, calibration).
 * </ul>
 *
 * Deterministic: the same source, node count and seed give the same files.
 */
final class MetroFixture {
  static final String NETWORK_FILE = "metro.osm.pbf";
  static final String POPULATION_FILE = "population.tif";
  static final String DISTRICTS_FILE = "districts.geojson";
  static final String FACILITIES_FILE = "facilities.csv";
  static final String SITING_FILE = "siting-request.json";
  static final String MANIFEST_FILE = "fixture.json";
  static final int POPULATION_CELLS = 1_000_000;
  static final double POPULATION_TOTAL = 10_000_000;
  static final int FACILITY_COUNT = 2000;
  static final int FACILITY_OFFSET_METERS = 40;
  static final int SITING_CANDIDATES = 5000;
  /** The product's default {@code carecircle.network.min-network-size}. */
  static final int MIN_NETWORK_SIZE = 200;
  static final float NO_DATA = -99999f;

  /** Facility types and how many of each in 2,000 (catalogue codes). */
  static final Map<String, Integer> FACILITY_MIX = facilityMix();

  private MetroFixture() {}

  private static Map<String, Integer> facilityMix() {
    Map<String, Integer> mix = new LinkedHashMap<>();
    mix.put("community_health_station", 560);
    mix.put("community_health_centre", 160);
    mix.put("clinic", 420);
    mix.put("pharmacy", 380);
    mix.put("dental_clinic", 150);
    mix.put("township_health_centre", 80);
    mix.put("emergency_station", 90);
    mix.put("hospital_tertiary", 20);
    mix.put("hospital_secondary", 60);
    mix.put("hospital_primary", 50);
    mix.put("tcm_hospital", 20);
    mix.put("maternal_child_hospital", 10);
    return mix;
  }

  /** Generates every file into {@code folder} (created) and answers the manifest. */
  static Map<String, Object> generate(Path sourceOsm, int targetNodes, long seed, Path folder) throws IOException {
    return generate(sourceOsm, null, targetNodes, seed, folder);
  }

  /**
   * As {@link #generate(Path, int, long, Path)}, with the source already imported by
   * {@code NetworkImporter.importOsm} with {@link #MIN_NETWORK_SIZE} (null: import it here).
   */
  static Map<String, Object> generate(Path sourceOsm, RoadNetwork sourceImported, int targetNodes, long seed,
      Path folder) throws IOException {
    Files.createDirectories(folder);
    long started = System.nanoTime();
    OsmSource source = OsmSource.read(sourceOsm);
    Path work = Files.createTempDirectory("metro-fixture");
    MosaicNetwork.Calibration[] calibration = new MosaicNetwork.Calibration[1];
    MosaicNetwork mosaic;
    try {
      mosaic = MosaicNetwork.plan(source, sourceImported, targetNodes, work, calibration);
    } finally {
      deleteRecursively(work);
    }
    mosaic.writePbf(folder.resolve(NETWORK_FILE));

    Random random = new Random(seed);
    Map<String, Object> raster = writePopulation(mosaic, random, folder.resolve(POPULATION_FILE));
    double[] rasterBox = (double[]) raster.remove("bboxArray");
    writeDistricts(rasterBox, folder.resolve(DISTRICTS_FILE));
    writeFacilities(mosaic, random, folder.resolve(FACILITIES_FILE));
    double candidateSpacing = writeSitingRequest(mosaic, folder.resolve(SITING_FILE));

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("source", sourceOsm.getFileName().toString());
    manifest.put("targetNodes", targetNodes);
    manifest.put("seed", seed);
    manifest.put("sourceRoutingNodes", calibration[0].sourceNodes());
    manifest.put("fullTiles", calibration[0].fullTiles());
    manifest.put("croppedTileRoutingNodes", calibration[0].partialTileNodes());
    manifest.put("cropFraction", calibration[0].cropFraction());
    manifest.put("calibrationImports", calibration[0].imports());
    manifest.put("expectedRoutingNodes", calibration[0].fullTiles() * calibration[0].sourceNodes()
        + calibration[0].partialTileNodes());
    manifest.put("columns", mosaic.columns);
    manifest.put("gapMeters", MosaicNetwork.GAP_METERS);
    List<Map<String, Object>> tiles = new ArrayList<>();
    for (MosaicNetwork.Tile tile : mosaic.tiles) {
      tiles.add(Map.of("index", tile.index(), "row", tile.row(), "column", tile.column(), "dLon", tile.dLon(),
          "dLat", tile.dLat(), "osmNodes", tile.roads().nodeCount(), "ways", tile.roads().wayCount()));
    }
    manifest.put("tiles", tiles);
    List<Map<String, Object>> connectors = new ArrayList<>();
    for (MosaicNetwork.Connector c : mosaic.connectors) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("tileA", c.tileA());
      row.put("tileB", c.tileB());
      row.put("lonA", c.lonA());
      row.put("latA", c.latA());
      row.put("lonB", c.lonB());
      row.put("latB", c.latB());
      row.put("highway", c.highway());
      row.put("maxspeedKmh", Integer.parseInt(MosaicNetwork.CONNECTOR_MAXSPEED_KMH));
      row.put("lengthMeters", c.lengthMeters());
      connectors.add(row);
    }
    manifest.put("connectors", connectors);
    manifest.put("bbox", List.of(mosaic.minLon(), mosaic.minLat(), mosaic.maxLon(), mosaic.maxLat()));
    manifest.put("population", raster);
    manifest.put("facilities", FACILITY_COUNT);
    manifest.put("sitingCandidateSpacingMeters", candidateSpacing);
    manifest.put("generatedSeconds", (System.nanoTime() - started) / 1e9);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve(MANIFEST_FILE).toFile(),
        manifest);
    return manifest;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readManifest(Path folder) throws IOException {
    return new ObjectMapper().readValue(folder.resolve(MANIFEST_FILE).toFile(), Map.class);
  }

  /** The rectangle each tile stands for: its extent plus the gap east and south of it. */
  private static double[] tileBlock(MosaicNetwork mosaic, MosaicNetwork.Tile tile) {
    double west = mosaic.tiles.get(0).roads().minLon() + tile.dLon();
    double north = mosaic.tiles.get(0).roads().maxLat() + tile.dLat();
    double east = tile.roads().maxLon() + tile.dLon() + (mosaic.stepLonDegrees - mosaic.tileWidthDegrees);
    double south = north - mosaic.stepLatDegrees;
    return new double[] {west, south, east, north};
  }

  private static Map<String, Object> writePopulation(MosaicNetwork mosaic, Random random, Path file) throws IOException {
    List<double[]> blocks = new ArrayList<>();
    double areaDegrees = 0;
    for (MosaicNetwork.Tile tile : mosaic.tiles) {
      double[] block = tileBlock(mosaic, tile);
      blocks.add(block);
      areaDegrees += (block[2] - block[0]) * (block[3] - block[1]);
    }
    double west = blocks.stream().mapToDouble(b -> b[0]).min().orElseThrow();
    double south = blocks.stream().mapToDouble(b -> b[1]).min().orElseThrow();
    double east = blocks.stream().mapToDouble(b -> b[2]).max().orElseThrow();
    double north = blocks.stream().mapToDouble(b -> b[3]).max().orElseThrow();
    double cosLat = Math.cos(Math.toRadians((south + north) / 2));
    // square pixels in metres: pixelLon * cosLat = pixelLat
    double pixelLat = Math.sqrt(areaDegrees * cosLat / POPULATION_CELLS) ;
    double pixelLon = pixelLat / cosLat;
    int width = (int) Math.ceil((east - west) / pixelLon);
    int height = (int) Math.ceil((north - south) / pixelLat);
    float[] values = new float[width * height];
    double[] weights = new double[values.length];
    double weightSum = 0;
    int dataCells = 0;
    for (int row = 0; row < height; row++) {
      double lat = north - (row + 0.5) * pixelLat;
      for (int column = 0; column < width; column++) {
        double lon = west + (column + 0.5) * pixelLon;
        int index = row * width + column;
        double noise = 0.6 + 0.8 * random.nextDouble();
        double[] block = null;
        for (double[] b : blocks) {
          if (lon >= b[0] && lon < b[2] && lat >= b[1] && lat < b[3]) {
            block = b;
            break;
          }
        }
        if (block == null) {
          weights[index] = -1;
          continue;
        }
        double u = (lon - (block[0] + block[2]) / 2) / (mosaic.stepLonDegrees / 2);
        double v = (lat - (block[1] + block[3]) / 2) / (mosaic.stepLatDegrees / 2);
        double weight = (0.15 + 3 * Math.exp(-(u * u + v * v) / (2 * 0.3 * 0.3))) * noise;
        weights[index] = weight;
        weightSum += weight;
        dataCells++;
      }
    }
    double total = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = weights[i] < 0 ? NO_DATA : (float) (weights[i] / weightSum * POPULATION_TOTAL);
      total += weights[i] < 0 ? 0 : values[i];
    }
    GeoTiffWriter.write(file, width, height, values, west, north, pixelLon, pixelLat, "-99999");
    Map<String, Object> raster = new LinkedHashMap<>();
    raster.put("width", width);
    raster.put("height", height);
    raster.put("dataCells", dataCells);
    raster.put("pixelMeters", pixelLat * Math.PI / 180 * MosaicNetwork.EARTH_RADIUS_METERS);
    raster.put("pixelLonDegrees", pixelLon);
    raster.put("pixelLatDegrees", pixelLat);
    raster.put("totalPopulation", total);
    raster.put("bbox", List.of(west, south, east, north));
    raster.put("bboxArray", new double[] {west, south, east, north});
    return raster;
  }

  private static void writeDistricts(double[] box, Path file) throws IOException {
    StringBuilder json = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [\n");
    int columns = 5;
    int rows = 2;
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        double w = box[0] + (box[2] - box[0]) * column / columns;
        double e = box[0] + (box[2] - box[0]) * (column + 1) / columns;
        double n = box[3] - (box[3] - box[1]) * row / rows;
        double s = box[3] - (box[3] - box[1]) * (row + 1) / rows;
        int number = row * columns + column + 1;
        json.append(String.format(Locale.ROOT, "{\"type\": \"Feature\", \"properties\": {\"name\": \"Metro District %02d\","
            + " \"code\": \"MD%02d\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%.7f, %.7f], [%.7f, %.7f],"
            + " [%.7f, %.7f], [%.7f, %.7f], [%.7f, %.7f]]]}}%s%n", number, number, w, s, e, s, e, n, w, n, w, s,
            number < rows * columns ? "," : ""));
      }
    }
    json.append("]}\n");
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  private static void writeFacilities(MosaicNetwork mosaic, Random random, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("externalId,name,type,status,lon,lat,beds,physicians\n");
      int number = 0;
      for (Map.Entry<String, Integer> type : FACILITY_MIX.entrySet()) {
        for (int i = 0; i < type.getValue(); i++) {
          number++;
          MosaicNetwork.Tile tile = mosaic.tiles.get(random.nextInt(mosaic.tiles.size()));
          int[] anchors = tile.anchors();
          int node = anchors[random.nextInt(anchors.length)];
          double bearing = random.nextDouble() * 2 * Math.PI;
          double meters = random.nextDouble() * FACILITY_OFFSET_METERS;
          double lat = tile.roads().lat[node] + tile.dLat() + Math.toDegrees(meters * Math.cos(bearing)
              / MosaicNetwork.EARTH_RADIUS_METERS);
          double lon = tile.roads().lon[node] + tile.dLon() + Math.toDegrees(meters * Math.sin(bearing)
              / MosaicNetwork.EARTH_RADIUS_METERS) / Math.cos(Math.toRadians(lat));
          boolean hospital = type.getKey().contains("hospital");
          int beds = hospital ? 50 + random.nextInt(950) : 0;
          int physicians = hospital ? beds / 4 : 1 + random.nextInt(8);
          out.write(String.format(Locale.ROOT, "MF-%04d,%s %d,%s,existing,%.7f,%.7f,%d,%d%n", number,
              type.getKey().replace('_', ' '), number, type.getKey(), lon, lat, beds, physicians));
        }
      }
    }
  }

  /** Answers the candidate grid spacing: about {@value #SITING_CANDIDATES} lattice points on the tiles. */
  private static double writeSitingRequest(MosaicNetwork mosaic, Path file) throws IOException {
    double areaSquareMeters = 0;
    for (MosaicNetwork.Tile tile : mosaic.tiles) {
      double[] block = tileBlock(mosaic, tile);
      double cosLat = Math.cos(Math.toRadians((block[1] + block[3]) / 2));
      areaSquareMeters += Math.toRadians(block[2] - block[0]) * cosLat * Math.toRadians(block[3] - block[1])
          * MosaicNetwork.EARTH_RADIUS_METERS * MosaicNetwork.EARTH_RADIUS_METERS;
    }
    // lattice points beside no road within half a spacing are dropped: on the Porto Alegre mosaic
    // 46 % were kept at 0.1 M nodes (413 m), 72 % at 1 M, 77 % at 2 M and more with a wider
    // spacing; the product refuses more than 5,000, so the lattice asks for only a tenth more
    double spacing = Math.round(Math.sqrt(areaSquareMeters / (SITING_CANDIDATES * 1.1)));
    String json = String.format(Locale.ROOT, """
        {"networkId": null, "mode": "ambulance", "minutes": 12, "turnoutMinutes": 3,
         "model": "mclp", "p": 18, "solver": "auto", "timeLimitSeconds": 60,
         "candidateGrid": {"spacingMeters": %.0f},
         "fixedFacilities": {"types": ["emergency_station"], "statuses": ["existing"]}}
        """, spacing);
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return spacing;
  }

  static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
