package org.carecircle.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.network.NetworkImporter;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.TravelMode;

/**
 * A metropolitan road network made of shifted copies ("tiles") of one real network, laid out in a
 * grid of {@code columns} with a {@link #GAP_METERS} gap between tiles and joined across every
 * seam by {@link #CONNECTORS_PER_SEAM} two-way connecting roads ({@code highway=primary} or
 * {@code secondary}, 60 km/h, sidewalks). Tile 0 is the source in place; tile {@code i} sits in
 * row {@code i / columns}, column {@code i % columns}, to the east and south. The last tile may be
 * a crop of the source (its western part), sized so that the imported routing graph has the asked
 * number of nodes.
 *
 * <p>Connecting roads start and end at <em>anchors</em>: junctions of the source on two-way roads
 * that cars and pedestrians may use, and that lie in the largest strongly connected component of
 * both the walk and the drive graph of the source as CareCircle imports it. So each mode's graph
 * of the mosaic is one strongly connected component when the source's is, and a search leaves a
 * tile only along a connecting road.
 */
final class MosaicNetwork {
  static final double GAP_METERS = 1500;
  static final int CONNECTORS_PER_SEAM = 3;
  /** Spacing of the intermediate (shape) nodes along a connecting road. */
  static final double CONNECTOR_NODE_SPACING_METERS = 200;
  static final String CONNECTOR_MAXSPEED_KMH = "60";
  static final double EARTH_RADIUS_METERS = 6_371_000;

  /**
   * One copy of the source (or of its crop), shifted by {@code dLon, dLat} degrees; {@code anchors}
   * are indexes into {@code roads}.
   */
  record Tile(int index, int row, int column, double dLon, double dLat, OsmSource roads, int[] anchors) {}

  /** A connecting road from anchor A (in tile {@code tileA}) to anchor B, in mosaic coordinates. */
  record Connector(int tileA, int nodeA, int tileB, int nodeB, double lonA, double latA, double lonB, double latB, String highway,
      double lengthMeters, double[] shapeLon, double[] shapeLat) {}

  final List<Tile> tiles;
  final List<Connector> connectors;
  final int columns;
  final double tileWidthDegrees;
  final double tileHeightDegrees;
  final double stepLonDegrees;
  final double stepLatDegrees;

  private MosaicNetwork(List<Tile> tiles, List<Connector> connectors, int columns, double tileWidthDegrees,
      double tileHeightDegrees, double stepLonDegrees, double stepLatDegrees) {
    this.tiles = tiles;
    this.connectors = connectors;
    this.columns = columns;
    this.tileWidthDegrees = tileWidthDegrees;
    this.tileHeightDegrees = tileHeightDegrees;
    this.stepLonDegrees = stepLonDegrees;
    this.stepLatDegrees = stepLatDegrees;
  }

  /** Calibration figures, for the manifest. */
  record Calibration(int sourceNodes, int fullTiles, int partialTileNodes, double cropFraction, int imports) {}

  /**
   * Plans a mosaic whose routing graph should have {@code targetNodes} nodes: imports the source
   * once (unless {@code sourceImported}, its import with the product's settings, is given) and a
   * cropped last tile up to four times, with CareCircle's importer in {@code work}, to count nodes
   * and find anchors. The crop is sized by its junction count (see {@link OsmSource#junctions}),
   * scaled by the routing nodes per junction of the last import, until its import is within
   * 0.4 % of the asked total.
   */
  static MosaicNetwork plan(OsmSource source, RoadNetwork sourceImported, int targetNodes, Path work,
      Calibration[] calibrationOut) throws IOException {
    RoadNetwork imported = sourceImported != null ? sourceImported : importRoads(source, work.resolve("source"));
    int sourceNodes = imported.nodeCount();
    int[] sourceAnchors = anchors(source, imported);
    int fullTiles = targetNodes / sourceNodes;
    int remainder = targetNodes - fullTiles * sourceNodes;
    OsmSource crop = null;
    int[] cropAnchors = null;
    double cropFraction = 0;
    int imports = 1;
    int cropNodes = 0;
    if (remainder > 0.003 * targetNodes || fullTiles == 0) {
      boolean[] junctions = source.junctions();
      double nodesPerJunction = sourceNodes / (double) count(junctions);
      for (int attempt = 0; attempt < 4; attempt++) {
        double wantedJunctions = remainder / nodesPerJunction;
        double low = 0;
        double high = 1;
        for (int step = 0; step < 30; step++) {
          double middle = (low + high) / 2;
          if (count(crop(source, middle).junctions()) < wantedJunctions) {
            low = middle;
          } else {
            high = middle;
          }
        }
        cropFraction = (low + high) / 2;
        crop = crop(source, cropFraction);
        RoadNetwork cropImported = importRoads(crop, work.resolve("crop-" + attempt));
        imports++;
        cropNodes = cropImported.nodeCount();
        cropAnchors = anchors(crop, cropImported);
        if (Math.abs(cropNodes - remainder) <= 0.004 * targetNodes) {
          break;
        }
        nodesPerJunction = cropNodes / (double) count(crop.junctions());
      }
    }
    int tileCount = fullTiles + (crop != null ? 1 : 0);
    int columns = (int) Math.ceil(Math.sqrt(tileCount));
    double width = source.maxLon() - source.minLon();
    double height = source.maxLat() - source.minLat();
    double middleLat = (source.minLat() + source.maxLat()) / 2;
    double gapLat = Math.toDegrees(GAP_METERS / EARTH_RADIUS_METERS);
    double gapLon = gapLat / Math.cos(Math.toRadians(middleLat));
    double stepLon = width + gapLon;
    double stepLat = height + gapLat;
    List<Tile> tiles = new ArrayList<>();
    for (int i = 0; i < tileCount; i++) {
      boolean partial = crop != null && i == tileCount - 1;
      int row = i / columns;
      int column = i % columns;
      tiles.add(new Tile(i, row, column, column * stepLon, -row * stepLat, partial ? crop : source,
          partial ? cropAnchors : sourceAnchors));
    }
    List<Connector> connectors = new ArrayList<>();
    for (Tile tile : tiles) {
      if (tile.column > 0) {
        connectors.addAll(seam(tiles.get(tile.index - 1), tile, true));
      }
      if (tile.row > 0) {
        connectors.addAll(seam(tiles.get(tile.index - columns), tile, false));
      }
    }
    if (calibrationOut != null) {
      calibrationOut[0] = new Calibration(sourceNodes, fullTiles, cropNodes, cropFraction, imports);
    }
    return new MosaicNetwork(tiles, connectors, columns, width, height, stepLon, stepLat);
  }

  /** The western {@code fraction} of the source's extent: ways wholly inside, largest connected piece. */
  static OsmSource crop(OsmSource source, double fraction) {
    double cut = source.minLon() + fraction * (source.maxLon() - source.minLon());
    boolean[] inside = new boolean[source.wayCount()];
    int[] parent = new int[source.nodeCount()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int w = 0; w < source.wayCount(); w++) {
      inside[w] = true;
      for (int i = source.wayStart[w]; i < source.wayStart[w + 1] && inside[w]; i++) {
        inside[w] = source.lon[source.wayNodes[i]] <= cut;
      }
      if (inside[w]) {
        for (int i = source.wayStart[w] + 1; i < source.wayStart[w + 1]; i++) {
          union(parent, source.wayNodes[i - 1], source.wayNodes[i]);
        }
      }
    }
    int[] size = new int[parent.length];
    for (int w = 0; w < source.wayCount(); w++) {
      if (inside[w]) {
        size[find(parent, source.wayNodes[source.wayStart[w]])]++;
      }
    }
    int largest = 0;
    for (int i = 0; i < size.length; i++) {
      if (size[i] > size[largest]) {
        largest = i;
      }
    }
    if (size[largest] == 0) {
      return source.subset(inside);
    }
    for (int w = 0; w < source.wayCount(); w++) {
      inside[w] &= find(parent, source.wayNodes[source.wayStart[w]]) == largest;
    }
    return source.subset(inside);
  }

  private static int find(int[] parent, int node) {
    while (parent[node] != node) {
      parent[node] = parent[parent[node]];
      node = parent[node];
    }
    return node;
  }

  private static void union(int[] parent, int a, int b) {
    parent[find(parent, a)] = find(parent, b);
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean flag : flags) {
      n += flag ? 1 : 0;
    }
    return n;
  }

  /** Imports {@code roads} alone, as a PBF written to {@code folder}, with the product's settings. */
  static RoadNetwork importRoads(OsmSource roads, Path folder) throws IOException {
    Files.createDirectories(folder);
    Path pbf = folder.resolve("roads.osm.pbf");
    try (PbfWriter writer = new PbfWriter(pbf, roads.minLon(), roads.minLat(), roads.maxLon(), roads.maxLat())) {
      for (int i = 0; i < roads.nodeCount(); i++) {
        writer.node(i + 1, roads.lon[i], roads.lat[i], roads.nodeTags[i]);
      }
      for (int w = 0; w < roads.wayCount(); w++) {
        long[] refs = new long[roads.wayStart[w + 1] - roads.wayStart[w]];
        for (int i = 0; i < refs.length; i++) {
          refs[i] = roads.wayNodes[roads.wayStart[w] + i] + 1;
        }
        writer.way(w + 1, refs, roads.wayTags.get(w));
      }
    }
    return NetworkImporter.importOsm(pbf, folder.resolve("graphhopper"), MetroFixture.MIN_NETWORK_SIZE,
        (fraction, message) -> {});
  }

  /** A coordinate as a key: both on the 100-nanodegree grid of PBF files and GraphHopper's storage. */
  static long key(double lon, double lat) {
    return Math.round((lat + 90) * 1e7) * 3_600_000_001L + Math.round((lon + 180) * 1e7);
  }

  /** Source nodes fit to end a connecting road (see the class comment), as indexes into {@code roads}. */
  private static int[] anchors(OsmSource roads, RoadNetwork imported) {
    StrongComponents walk = StrongComponents.of(imported.modeGraph(TravelMode.WALK));
    StrongComponents drive = StrongComponents.of(imported.modeGraph(TravelMode.DRIVE));
    int walkLargest = largest(walk);
    int driveLargest = largest(drive);
    java.util.Set<Long> mainKeys = new java.util.HashSet<>();
    for (int node = 0; node < imported.nodeCount(); node++) {
      if (walk.componentOfNode[node] == walkLargest && drive.componentOfNode[node] == driveLargest) {
        mainKeys.add(key(imported.nodeLon[node], imported.nodeLat[node]));
      }
    }
    boolean[] junction = roads.junctions();
    List<Integer> result = new ArrayList<>();
    java.util.BitSet taken = new java.util.BitSet(roads.nodeCount());
    for (int w = 0; w < roads.wayCount(); w++) {
      if (!twoWayRoad(roads.wayTags.get(w))) {
        continue;
      }
      for (int i = roads.wayStart[w]; i < roads.wayStart[w + 1]; i++) {
        int node = roads.wayNodes[i];
        if (junction[node] && !taken.get(node) && mainKeys.contains(key(roads.lon[node], roads.lat[node]))) {
          taken.set(node);
          result.add(node);
        }
      }
    }
    return result.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int largest(StrongComponents components) {
    int best = 0;
    for (int c = 1; c < components.count(); c++) {
      if (components.componentSize[c] > components.componentSize[best]) {
        best = c;
      }
    }
    return best;
  }

  private static boolean twoWayRoad(Map<String, String> tags) {
    String highway = tags.getOrDefault("highway", "");
    boolean ordinary = switch (highway) {
      case "primary", "secondary", "tertiary", "residential", "unclassified" -> true;
      default -> false;
    };
    String oneway = tags.getOrDefault("oneway", "no");
    return ordinary && (oneway.equals("no") || oneway.equals("false") || oneway.equals("0"))
        && !tags.containsKey("junction") && !tags.containsKey("access") && !tags.containsKey("motor_vehicle")
        && !tags.containsKey("foot") && !tags.containsKey("bridge") && !tags.containsKey("tunnel");
  }

  /**
   * The connecting roads across the seam between {@code a} and {@code b}: {@code b} east of
   * {@code a} ({@code horizontal}) or south of it. The seam is cut into {@link #CONNECTORS_PER_SEAM}
   * bands; in each, the anchor of {@code a} nearest the seam is joined to that of {@code b}.
   */
  private static List<Connector> seam(Tile a, Tile b, boolean horizontal) {
    // the band's extent along the seam: where both tiles have anchors
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    double lowB = Double.POSITIVE_INFINITY;
    double highB = Double.NEGATIVE_INFINITY;
    for (int anchor : a.anchors) {
      double along = horizontal ? a.roads.lat[anchor] : a.roads.lon[anchor];
      low = Math.min(low, along);
      high = Math.max(high, along);
    }
    for (int anchor : b.anchors) {
      double along = horizontal ? b.roads.lat[anchor] : b.roads.lon[anchor];
      lowB = Math.min(lowB, along);
      highB = Math.max(highB, along);
    }
    low = Math.max(low, lowB);
    high = Math.min(high, highB);
    List<Connector> result = new ArrayList<>();
    for (int k = 0; k < CONNECTORS_PER_SEAM; k++) {
      double bandLow = low + (high - low) * k / CONNECTORS_PER_SEAM;
      double bandHigh = low + (high - low) * (k + 1) / CONNECTORS_PER_SEAM;
      int anchorA = nearestSeam(a, horizontal, bandLow, bandHigh, true);
      int anchorB = nearestSeam(b, horizontal, bandLow, bandHigh, false);
      if (anchorA < 0 || anchorB < 0) {
        continue;
      }
      double lonA = a.roads.lon[anchorA] + a.dLon;
      double latA = a.roads.lat[anchorA] + a.dLat;
      double lonB = b.roads.lon[anchorB] + b.dLon;
      double latB = b.roads.lat[anchorB] + b.dLat;
      String highway = k % 2 == 0 ? "primary" : "secondary";
      result.add(connector(a.index, anchorA, b.index, anchorB, lonA, latA, lonB, latB, highway));
    }
    return result;
  }

  /**
   * The anchor of {@code tile} in the band nearest the seam: for the tile before the seam the one
   * farthest east (or south), for the tile after it the one farthest west (or north).
   */
  private static int nearestSeam(Tile tile, boolean horizontal, double bandLow, double bandHigh, boolean before) {
    int best = -1;
    double bestAcross = 0;
    for (int anchor : tile.anchors) {
      double along = horizontal ? tile.roads.lat[anchor] : tile.roads.lon[anchor];
      if (along < bandLow || along > bandHigh) {
        continue;
      }
      // distance from the seam, growing into the tile
      double across = horizontal
          ? (before ? -tile.roads.lon[anchor] : tile.roads.lon[anchor])
          : (before ? tile.roads.lat[anchor] : -tile.roads.lat[anchor]);
      if (best < 0 || across < bestAcross) {
        best = anchor;
        bestAcross = across;
      }
    }
    return best;
  }

  /** A gently bowed road from A to B, with a shape node every {@link #CONNECTOR_NODE_SPACING_METERS}. */
  private static Connector connector(int tileA, int nodeA, int tileB, int nodeB, double lonA, double latA, double lonB, double latB,
      String highway) {
    double straight = distanceMeters(lonA, latA, lonB, latB);
    int segments = Math.max(2, (int) Math.ceil(straight / CONNECTOR_NODE_SPACING_METERS));
    double[] shapeLon = new double[segments - 1];
    double[] shapeLat = new double[segments - 1];
    // perpendicular bow of 4 % of the length, in degrees scaled for latitude
    double cosLat = Math.cos(Math.toRadians((latA + latB) / 2));
    double dx = (lonB - lonA) * cosLat;
    double dy = latB - latA;
    double norm = Math.hypot(dx, dy);
    double px = -dy / norm;
    double py = dx / norm;
    double length = 0;
    double previousLon = lonA;
    double previousLat = latA;
    for (int s = 1; s < segments; s++) {
      double t = s / (double) segments;
      double bow = 0.04 * norm * Math.sin(Math.PI * t);
      shapeLon[s - 1] = lonA + t * (lonB - lonA) + bow * px / cosLat;
      shapeLat[s - 1] = latA + t * (latB - latA) + bow * py;
      // on the PBF grid, as written and as GraphHopper stores it
      shapeLon[s - 1] = Math.round(shapeLon[s - 1] * 1e7) / 1e7;
      shapeLat[s - 1] = Math.round(shapeLat[s - 1] * 1e7) / 1e7;
      length += distanceMeters(previousLon, previousLat, shapeLon[s - 1], shapeLat[s - 1]);
      previousLon = shapeLon[s - 1];
      previousLat = shapeLat[s - 1];
    }
    length += distanceMeters(previousLon, previousLat, lonB, latB);
    return new Connector(tileA, nodeA, tileB, nodeB, lonA, latA, lonB, latB, highway, length, shapeLon, shapeLat);
  }

  /** Great-circle distance on a sphere of {@link #EARTH_RADIUS_METERS} (GraphHopper's). */
  static double distanceMeters(double lon1, double lat1, double lon2, double lat2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double h = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(h));
  }

  double minLon() {
    return tiles.stream().mapToDouble(t -> t.roads.minLon() + t.dLon).min().orElseThrow();
  }

  double maxLon() {
    return tiles.stream().mapToDouble(t -> t.roads.maxLon() + t.dLon).max().orElseThrow();
  }

  double minLat() {
    return tiles.stream().mapToDouble(t -> t.roads.minLat() + t.dLat).min().orElseThrow();
  }

  double maxLat() {
    return tiles.stream().mapToDouble(t -> t.roads.maxLat() + t.dLat).max().orElseThrow();
  }

  /**
   * Writes the mosaic as an OSM PBF. Node ids: tile {@code i}'s copy of source node {@code n} is
   * {@code i * stride + n + 1}; shape nodes of connecting roads follow. Way ids likewise.
   */
  void writePbf(Path file) throws IOException {
    long nodeStride = tiles.get(0).roads.nodeCount();
    long wayStride = tiles.get(0).roads.wayCount();
    long nextNode = tiles.size() * nodeStride + 1;
    try (PbfWriter writer = new PbfWriter(file, minLon(), minLat(), maxLon(), maxLat())) {
      for (Tile tile : tiles) {
        OsmSource roads = tile.roads;
        for (int n = 0; n < roads.nodeCount(); n++) {
          writer.node(tile.index * nodeStride + n + 1, roads.lon[n] + tile.dLon, roads.lat[n] + tile.dLat,
              roads.nodeTags[n]);
        }
      }
      long[][] connectorRefs = new long[connectors.size()][];
      for (int c = 0; c < connectors.size(); c++) {
        Connector connector = connectors.get(c);
        long[] refs = new long[connector.shapeLon.length + 2];
        refs[0] = connector.tileA * nodeStride + connector.nodeA + 1;
        for (int s = 0; s < connector.shapeLon.length; s++) {
          writer.node(nextNode, connector.shapeLon[s], connector.shapeLat[s], null);
          refs[s + 1] = nextNode++;
        }
        refs[refs.length - 1] = connector.tileB * nodeStride + connector.nodeB + 1;
        connectorRefs[c] = refs;
      }
      for (Tile tile : tiles) {
        OsmSource roads = tile.roads;
        for (int w = 0; w < roads.wayCount(); w++) {
          long[] refs = new long[roads.wayStart[w + 1] - roads.wayStart[w]];
          for (int i = 0; i < refs.length; i++) {
            refs[i] = tile.index * nodeStride + roads.wayNodes[roads.wayStart[w] + i] + 1;
          }
          writer.way(tile.index * wayStride + w + 1, refs, roads.wayTags.get(w));
        }
      }
      long nextWay = tiles.size() * wayStride + 1;
      for (int c = 0; c < connectors.size(); c++) {
        Connector connector = connectors.get(c);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("highway", connector.highway);
        tags.put("name", "Connector " + connector.tileA + "-" + connector.tileB + " #" + (c + 1));
        tags.put("ref", "C" + (c + 1));
        tags.put("maxspeed", CONNECTOR_MAXSPEED_KMH);
        tags.put("lanes", "2");
        tags.put("oneway", "no");
        tags.put("surface", "asphalt");
        tags.put("sidewalk", "both");
        writer.way(nextWay++, connectorRefs[c], tags);
      }
    }
  }
}
