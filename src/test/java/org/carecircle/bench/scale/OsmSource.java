package org.carecircle.bench.scale;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roads of one OSM file, in compact form: every way tagged {@code highway=*} or
 * {@code route=ferry} (what GraphHopper's importer reads), and the nodes they use, renumbered
 * {@code 0 .. nodeCount - 1} in the order of the file. Node tags are kept (barriers and crossings
 * change how GraphHopper splits roads, so a copy imports like the original). Relations are
 * dropped: CareCircle imports without turn restrictions.
 */
final class OsmSource {
  final double[] lon;
  final double[] lat;
  /** Tags per node, null for untagged nodes. */
  final Map<String, String>[] nodeTags;
  /** Local node indexes of way {@code w}: {@code wayNodes[wayStart[w] .. wayStart[w + 1] - 1]}. */
  final int[] wayStart;
  final int[] wayNodes;
  final List<Map<String, String>> wayTags;

  private OsmSource(double[] lon, double[] lat, Map<String, String>[] nodeTags, int[] wayStart, int[] wayNodes,
      List<Map<String, String>> wayTags) {
    this.lon = lon;
    this.lat = lat;
    this.nodeTags = nodeTags;
    this.wayStart = wayStart;
    this.wayNodes = wayNodes;
    this.wayTags = wayTags;
  }

  int nodeCount() {
    return lon.length;
  }

  int wayCount() {
    return wayTags.size();
  }

  /** Reads {@code file} (.osm.pbf, .pbf or .osm) with GraphHopper's OSM reader. */
  @SuppressWarnings("unchecked")
  static OsmSource read(Path file) {
    // ways may come after the nodes they use, so nodes are kept first and filtered afterwards
    LongIntHashMap indexOfId = new LongIntHashMap();
    double[] lon = new double[1 << 16];
    double[] lat = new double[1 << 16];
    List<Map<String, String>> tags = new ArrayList<>();
    int nodes = 0;
    List<long[]> wayRefs = new ArrayList<>();
    List<Map<String, String>> wayTags = new ArrayList<>();
    try (OSMInputFile input = new OSMInputFile(file.toFile()).setWorkerThreads(1).open()) {
      ReaderElement element;
      while ((element = input.getNext()) != null) {
        if (element instanceof ReaderNode node) {
          if (nodes == lon.length) {
            lon = Arrays.copyOf(lon, nodes * 2);
            lat = Arrays.copyOf(lat, nodes * 2);
          }
          indexOfId.put(node.getId(), nodes);
          lon[nodes] = node.getLon();
          lat[nodes] = node.getLat();
          tags.add(node.hasTags() ? stringTags(node) : null);
          nodes++;
        } else if (element instanceof ReaderWay way
            && (way.getTag("highway") != null || "ferry".equals(way.getTag("route")))) {
          LongArrayList refs = way.getNodes();
          wayRefs.add(refs.toArray());
          wayTags.add(stringTags(way));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (javax.xml.stream.XMLStreamException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    // keep only the nodes that kept ways use, numbered in file order
    int[] newIndex = new int[nodes];
    Arrays.fill(newIndex, -1);
    List<Map<String, String>> keptWayTags = new ArrayList<>();
    List<int[]> keptWays = new ArrayList<>();
    for (int w = 0; w < wayRefs.size(); w++) {
      long[] refs = wayRefs.get(w);
      int[] local = new int[refs.length];
      boolean complete = refs.length >= 2;
      for (int i = 0; i < refs.length && complete; i++) {
        int index = indexOfId.getOrDefault(refs[i], -1);
        complete = index >= 0;
        local[i] = index;
      }
      if (complete) {
        keptWays.add(local);
        keptWayTags.add(wayTags.get(w));
        for (int index : local) {
          newIndex[index] = 0;
        }
      }
    }
    int kept = 0;
    for (int i = 0; i < nodes; i++) {
      if (newIndex[i] == 0) {
        newIndex[i] = kept++;
      }
    }
    double[] keptLon = new double[kept];
    double[] keptLat = new double[kept];
    Map<String, String>[] keptTags = new Map[kept];
    for (int i = 0; i < nodes; i++) {
      if (newIndex[i] >= 0) {
        keptLon[newIndex[i]] = lon[i];
        keptLat[newIndex[i]] = lat[i];
        keptTags[newIndex[i]] = tags.get(i);
      }
    }
    int[] wayStart = new int[keptWays.size() + 1];
    for (int w = 0; w < keptWays.size(); w++) {
      wayStart[w + 1] = wayStart[w] + keptWays.get(w).length;
    }
    int[] wayNodes = new int[wayStart[keptWays.size()]];
    for (int w = 0; w < keptWays.size(); w++) {
      int[] local = keptWays.get(w);
      for (int i = 0; i < local.length; i++) {
        wayNodes[wayStart[w] + i] = newIndex[local[i]];
      }
    }
    return new OsmSource(keptLon, keptLat, keptTags, wayStart, wayNodes, keptWayTags);
  }

  private static Map<String, String> stringTags(ReaderElement element) {
    Map<String, String> result = new LinkedHashMap<>();
    element.getTags().forEach((key, value) -> result.put(key, String.valueOf(value)));
    return result;
  }

  /** This source restricted to a subset of its ways (nodes renumbered, only those still used). */
  OsmSource subset(boolean[] keepWay) {
    int[] newIndex = new int[nodeCount()];
    Arrays.fill(newIndex, -1);
    int ways = 0;
    int refs = 0;
    for (int w = 0; w < wayCount(); w++) {
      if (keepWay[w]) {
        ways++;
        refs += wayStart[w + 1] - wayStart[w];
        for (int i = wayStart[w]; i < wayStart[w + 1]; i++) {
          newIndex[wayNodes[i]] = 0;
        }
      }
    }
    int kept = 0;
    for (int i = 0; i < newIndex.length; i++) {
      if (newIndex[i] == 0) {
        newIndex[i] = kept++;
      }
    }
    double[] keptLon = new double[kept];
    double[] keptLat = new double[kept];
    @SuppressWarnings("unchecked")
    Map<String, String>[] keptTags = new Map[kept];
    for (int i = 0; i < newIndex.length; i++) {
      if (newIndex[i] >= 0) {
        keptLon[newIndex[i]] = lon[i];
        keptLat[newIndex[i]] = lat[i];
        keptTags[newIndex[i]] = nodeTags[i];
      }
    }
    int[] keptStart = new int[ways + 1];
    int[] keptNodes = new int[refs];
    List<Map<String, String>> keptWayTags = new ArrayList<>();
    int w2 = 0;
    int r = 0;
    for (int w = 0; w < wayCount(); w++) {
      if (keepWay[w]) {
        for (int i = wayStart[w]; i < wayStart[w + 1]; i++) {
          keptNodes[r++] = newIndex[wayNodes[i]];
        }
        keptWayTags.add(wayTags.get(w));
        keptStart[++w2] = r;
      }
    }
    return new OsmSource(keptLon, keptLat, keptTags, keptStart, keptNodes, keptWayTags);
  }

  /**
   * Nodes where roads meet or end: way ends, and nodes used more than once by the ways. This is
   * where GraphHopper puts its junction ("tower") nodes, barriers aside; used to size a cropped tile.
   */
  boolean[] junctions() {
    int[] uses = new int[nodeCount()];
    boolean[] junction = new boolean[nodeCount()];
    for (int w = 0; w < wayCount(); w++) {
      junction[wayNodes[wayStart[w]]] = true;
      junction[wayNodes[wayStart[w + 1] - 1]] = true;
      for (int i = wayStart[w]; i < wayStart[w + 1]; i++) {
        uses[wayNodes[i]]++;
      }
    }
    for (int i = 0; i < uses.length; i++) {
      junction[i] |= uses[i] > 1;
    }
    return junction;
  }

  double minLon() {
    return Arrays.stream(lon).min().orElseThrow();
  }

  double maxLon() {
    return Arrays.stream(lon).max().orElseThrow();
  }

  double minLat() {
    return Arrays.stream(lat).min().orElseThrow();
  }

  double maxLat() {
    return Arrays.stream(lat).max().orElseThrow();
  }
}
