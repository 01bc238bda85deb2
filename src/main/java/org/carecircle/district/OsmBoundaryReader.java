package org.carecircle.district;

import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderRelation;
import com.graphhopper.reader.ReaderWay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.io.osm.OsmGeometryBuilder;
import org.carecircle.io.osm.OsmPbfFile;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Reads the administrative boundaries of one level from an OSM PBF extract: relations tagged
 * {@code boundary=administrative} with an {@code admin_level}, as MultiPolygons with holes.
 *
 * <p>Level: {@code adminLevel} when given; otherwise the only level with whole boundaries in the
 * file. A file with several levels (a country extract has the country, its regions, its municipalities) is rejected
 * with the levels it holds, their counts and some names, so that the planner can choose: guessing
 * would import the wrong units without a word. In China, districts and counties (区/县) are
 * admin_level 6.
 *
 * <p>Each {@link SourceFeature} has the relation's tags as properties plus {@code osm_type}
 * ("relation") and {@code osm_id}; {@code row} is its position among the chosen level's relations
 * in file order. A relation the extract cuts off (a member way or node is missing) or whose ways
 * do not close into rings is left out and reported as a problem without a row.
 *
 * <p>IMPLEMENTATION NOTE: rings are told apart by nesting, not by member roles: the ways are
 * polygonized into faces, and a face lies in the district when the number of other faces whose
 * shell contains it is even (the even-odd rule renderers use). That gives holes, and islands in
 * holes, correctly even where a mapper swapped "outer" and "inner". Four passes (the relations; which of
 * their ways the file holds, to tell whole boundaries from cut-off ones; the chosen level's ways;
 * their nodes), each decoding one element type as in {@code OsmTaggedFeatureReader}, keep memory to
 * the boundaries wanted.
 */
final class OsmBoundaryReader {
  private static final int NAMES_SHOWN_PER_LEVEL = 4;

  private record Boundary(long id, Map<String, String> tags, long[] wayIds) {}

  private final Map<Long, long[]> wayNodes = new HashMap<>();
  private final Map<Long, Coordinate> nodePositions = new HashMap<>();

  private OsmBoundaryReader() {}

  /**
   * @param adminLevel the admin_level to read, or null/blank for the only one in the file
   * @throws InputRejectedException when the file is not OSM PBF or damaged, has no administrative
   *     boundaries, has several levels and none was chosen, or lacks the chosen level
   */
  static ReadResult read(Path pbf, String adminLevel) {
    OsmPbfFile file = OsmPbfFile.open(pbf);
    List<Boundary> all = new ArrayList<>();
    file.scan(Set.of(ReaderElement.Type.RELATION), element -> {
      ReaderRelation relation = (ReaderRelation) element;
      Map<String, String> tags = tags(relation);
      if ("administrative".equals(tags.get("boundary")) && tags.containsKey("admin_level")) {
        all.add(new Boundary(relation.getId(), tags, wayIds(relation)));
      }
    });
    Set<Long> memberWays = wayIds(all);
    Set<Long> presentWays = new HashSet<>();
    file.scan(Set.of(ReaderElement.Type.WAY), element -> {
      if (memberWays.contains(element.getId())) {
        presentWays.add(element.getId());
      }
    });
    String level = chooseLevel(all, presentWays, adminLevel);
    List<Boundary> wanted = all.stream().filter(b -> b.tags().get("admin_level").equals(level)).toList();

    OsmBoundaryReader reader = new OsmBoundaryReader();
    Set<Long> neededWays = wayIds(wanted);
    Set<Long> neededNodes = new HashSet<>();
    file.scan(Set.of(ReaderElement.Type.WAY), element -> {
      if (neededWays.contains(element.getId())) {
        long[] nodes = ((ReaderWay) element).getNodes().toArray();
        reader.wayNodes.put(element.getId(), nodes);
        for (long node : nodes) {
          neededNodes.add(node);
        }
      }
    });
    file.scan(Set.of(ReaderElement.Type.NODE), element -> {
      if (neededNodes.contains(element.getId())) {
        ReaderNode node = (ReaderNode) element;
        reader.nodePositions.put(node.getId(), new Coordinate(node.getLon(), node.getLat()));
      }
    });

    List<SourceFeature> features = new ArrayList<>();
    List<InputProblem> problems = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      Boundary boundary = wanted.get(i);
      String why = reader.whyIncomplete(boundary);
      MultiPolygon area = why == null ? reader.area(boundary) : null;
      if (area == null) {
        problems.add(InputProblem.ofFile("relation " + boundary.id() + nameInBrackets(boundary) + " was skipped: "
            + (why != null ? why : "its ways do not join into closed rings")));
        continue;
      }
      Map<String, Object> properties = new LinkedHashMap<>(boundary.tags());
      properties.put("osm_type", "relation");
      properties.put("osm_id", boundary.id());
      features.add(new SourceFeature(i + 1, area, properties));
    }
    return new ReadResult(features, problems);
  }

  /**
   * The level to read. Levels are listed, and the default chosen, by their whole boundaries (all
   * member ways in the file); a country extract also holds the relations of its neighbours, cut off
   * at its edge, which cannot be imported.
   */
  private static String chooseLevel(List<Boundary> all, Set<Long> presentWays, String requested) {
    if (all.isEmpty()) {
      throw new InputRejectedException(InputProblem.ofField("file", "the OSM file has no administrative"
          + " boundaries (relations tagged boundary=administrative with an admin_level)"));
    }
    // numeric levels in numeric order, odd ones ("7;8") after them
    Map<String, List<Boundary>> whole = new TreeMap<>(
        Comparator.comparingInt(OsmBoundaryReader::levelNumber).thenComparing(Comparator.naturalOrder()));
    Map<String, Integer> cutOff = new HashMap<>();
    for (Boundary boundary : all) {
      String level = boundary.tags().get("admin_level");
      boolean complete = boundary.wayIds().length > 0
          && Arrays.stream(boundary.wayIds()).allMatch(presentWays::contains);
      whole.computeIfAbsent(level, key -> new ArrayList<>());
      if (complete) {
        whole.get(level).add(boundary);
      } else {
        cutOff.merge(level, 1, Integer::sum);
      }
    }
    String levels = whole.entrySet().stream().map(level -> "admin_level " + level.getKey() + ": "
        + level.getValue().size() + " whole"
        + (level.getValue().isEmpty() ? "" : " (" + level.getValue().stream().limit(NAMES_SHOWN_PER_LEVEL)
            .map(OsmBoundaryReader::name).collect(Collectors.joining(", "))
            + (level.getValue().size() > NAMES_SHOWN_PER_LEVEL ? ", ..." : "") + ")")
        + (cutOff.containsKey(level.getKey()) ? ", " + cutOff.get(level.getKey()) + " cut off by the extract's edge" : ""))
        .collect(Collectors.joining("; "));
    if (requested != null && !requested.isBlank()) {
      String wanted = requested.trim();
      if (!whole.containsKey(wanted)) {
        throw new InputRejectedException(InputProblem.ofField("adminLevel", "the file has no administrative"
            + " boundaries at admin_level " + wanted + "; it has " + levels));
      }
      return wanted;
    }
    List<String> withWholeBoundaries = whole.entrySet().stream().filter(level -> !level.getValue().isEmpty())
        .map(Map.Entry::getKey).toList();
    if (withWholeBoundaries.size() == 1) {
      return withWholeBoundaries.get(0);
    }
    throw new InputRejectedException(InputProblem.ofField("adminLevel", "the file has administrative boundaries"
        + " at several levels: " + levels + ". Choose one with adminLevel=...; in China, districts and counties"
        + " (区/县) are admin_level 6"));
  }

  private static int levelNumber(String level) {
    try {
      return Integer.parseInt(level.trim());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** Why a boundary cannot be assembled from what the file holds, or null when it can. */
  private String whyIncomplete(Boundary boundary) {
    if (boundary.wayIds().length == 0) {
      return "it has no member ways";
    }
    int missingWays = 0;
    int missingNodes = 0;
    for (long wayId : boundary.wayIds()) {
      long[] nodes = wayNodes.get(wayId);
      if (nodes == null) {
        missingWays++;
        continue;
      }
      for (long node : nodes) {
        if (!nodePositions.containsKey(node)) {
          missingNodes++;
        }
      }
    }
    if (missingWays == 0 && missingNodes == 0) {
      return null;
    }
    return (missingWays > 0 ? missingWays + " of its " + boundary.wayIds().length + " ways" : missingNodes + " nodes")
        + " are not in the file (the extract ends there)";
  }

  /** The boundary's area by the even-odd rule, or null when its ways close no ring. */
  private MultiPolygon area(Boundary boundary) {
    List<Coordinate[]> ways = new ArrayList<>();
    for (long wayId : boundary.wayIds()) {
      long[] nodes = wayNodes.get(wayId);
      Coordinate[] line = new Coordinate[nodes.length];
      for (int i = 0; i < nodes.length; i++) {
        line[i] = nodePositions.get(nodes[i]);
      }
      ways.add(line);
    }
    List<Polygon> faces = OsmGeometryBuilder.polygons(ways);
    List<PreparedGeometry> shells = faces.stream()
        .map(face -> PreparedGeometryFactory.prepare(face.getFactory().createPolygon(face.getExteriorRing().getCoordinates())))
        .toList();
    List<Polygon> inside = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      Point probe = faces.get(i).getInteriorPoint();
      int enclosing = 0;
      for (int j = 0; j < faces.size(); j++) {
        if (j != i && shells.get(j).contains(probe)) {
          enclosing++;
        }
      }
      if (enclosing % 2 == 0) {
        inside.add(faces.get(i));
      }
    }
    if (inside.isEmpty()) {
      return null;
    }
    Geometry union = UnaryUnionOp.union(inside);
    return DistrictGeometry.asMultiPolygon(union);
  }

  private static String name(Boundary boundary) {
    return boundary.tags().getOrDefault("name", "relation " + boundary.id());
  }

  private static String nameInBrackets(Boundary boundary) {
    String name = boundary.tags().get("name");
    return name == null ? "" : " (" + name + ")";
  }

  private static Set<Long> wayIds(List<Boundary> boundaries) {
    Set<Long> ids = new HashSet<>();
    for (Boundary boundary : boundaries) {
      for (long wayId : boundary.wayIds()) {
        ids.add(wayId);
      }
    }
    return ids;
  }

  /** Member ways, whatever their role (see the class comment), each once. */
  private static long[] wayIds(ReaderRelation relation) {
    Set<Long> ids = new LinkedHashSet<>();
    for (ReaderRelation.Member member : relation.getMembers()) {
      String role = member.getRole() == null ? "" : member.getRole();
      // subarea and similar roles point at other units' outlines, not at this one's rings
      if (member.getType() == ReaderElement.Type.WAY && (role.isEmpty() || role.equals("outer") || role.equals("inner"))) {
        ids.add(member.getRef());
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** The element's tags as strings, sorted by key. */
  private static Map<String, String> tags(ReaderElement element) {
    Map<String, String> tags = new TreeMap<>();
    if (element.hasTags()) {
      element.getTags().forEach((key, value) -> tags.put(key, String.valueOf(value)));
    }
    return new LinkedHashMap<>(tags);
  }
}
