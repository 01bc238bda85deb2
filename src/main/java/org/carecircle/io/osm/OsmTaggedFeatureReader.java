package org.carecircle.io.osm;

import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderRelation;
import com.graphhopper.reader.ReaderWay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Finds the OSM elements whose tags a predicate wants (hospitals, pharmacies, ...) and gives each
 * one point: a node its position; a closed way the centroid of its area, or an interior point when
 * the centroid falls outside; an open way a vertex near its middle; a multipolygon relation the
 * same for the area of its outer ways.
 *
 * <p>Each {@link SourceFeature} has all the element's tags as properties, sorted by key, plus
 * {@code osm_type} ("node", "way" or "relation") and {@code osm_id} (a Long), which replace tags of
 * the same name. Features come nodes first, then ways, then relations, each in file (id) order;
 * {@code row} is the 1-based position in that list. Elements that cannot be placed (a way or
 * multipolygon cut off by the extract's border, a relation that is not a multipolygon) are left out
 * and reported as problems without a row. The declared CRS is null: OSM is always WGS84.
 *
 * <p>IMPLEMENTATION NOTE: three passes, relations, then ways, then nodes, because each element
 * refers only to elements stored before it in the file: a pass learns which ways (then which
 * nodes) the wanted elements need, and the next pass keeps only those. Memory therefore grows with
 * the wanted features and the nodes of their outlines, not with the size of the extract.
 */
public final class OsmTaggedFeatureReader {
  private static final String ROLE_OUTER = "outer";
  /** Relation types whose outer ways enclose an area. */
  private static final Set<String> AREA_RELATION_TYPES = Set.of("multipolygon", "boundary");

  private final Predicate<Map<String, String>> wanted;
  private final List<Pending> relations = new ArrayList<>();
  private final Set<Long> memberWayIds = new HashSet<>();
  private final List<Pending> ways = new ArrayList<>();
  private final Map<Long, long[]> memberWayNodes = new HashMap<>();
  private final Set<Long> neededNodeIds = new HashSet<>();
  private final Map<Long, Coordinate> nodePositions = new HashMap<>();
  private final List<Placed> placed = new ArrayList<>();
  private final List<InputProblem> problems = new ArrayList<>();

  private OsmTaggedFeatureReader(Predicate<Map<String, String>> wanted) {
    this.wanted = wanted;
  }

  /** A wanted way or relation, waiting for the positions of its nodes (way) or member ways (relation). */
  private record Pending(String osmType, long id, Map<String, String> tags, long[] parts) {}

  /** A wanted element with its point. */
  private record Placed(String osmType, long id, Map<String, String> tags, Point point) {}

  /**
   * Reads every node, way and relation of the file whose tags satisfy {@code wanted}.
   *
   * @param wanted sees the tags of every tagged element; must be side-effect free
   * @throws InputRejectedException when the file is missing, not OSM PBF, damaged or truncated
   */
  public static ReadResult readTaggedFeatures(Path pbf, Predicate<Map<String, String>> wanted) {
    OsmPbfFile file = OsmPbfFile.open(pbf);
    OsmTaggedFeatureReader reader = new OsmTaggedFeatureReader(wanted);
    file.scan(Set.of(ReaderElement.Type.RELATION), element -> reader.collectRelation((ReaderRelation) element));
    file.scan(Set.of(ReaderElement.Type.WAY), element -> reader.collectWay((ReaderWay) element));
    file.scan(Set.of(ReaderElement.Type.NODE), element -> reader.collectNode((ReaderNode) element));
    reader.ways.forEach(reader::placeWay);
    reader.relations.forEach(reader::placeRelation);
    return new ReadResult(features(reader.placed), reader.problems);
  }

  private void collectRelation(ReaderRelation relation) {
    Map<String, String> tags = tags(relation);
    if (tags != null && wanted.test(tags)) {
      long[] outerWays = outerWayIds(relation);
      relations.add(new Pending("relation", relation.getId(), tags, outerWays));
      for (long wayId : outerWays) {
        memberWayIds.add(wayId);
      }
    }
  }

  private void collectWay(ReaderWay way) {
    Map<String, String> tags = tags(way);
    boolean isWanted = tags != null && wanted.test(tags);
    boolean isMember = memberWayIds.contains(way.getId());
    if (!isWanted && !isMember) {
      return;
    }
    long[] nodeIds = way.getNodes().toArray();
    for (long nodeId : nodeIds) {
      neededNodeIds.add(nodeId);
    }
    if (isWanted) {
      ways.add(new Pending("way", way.getId(), tags, nodeIds));
    }
    if (isMember) {
      memberWayNodes.put(way.getId(), nodeIds);
    }
  }

  private void collectNode(ReaderNode node) {
    Coordinate position = new Coordinate(node.getLon(), node.getLat());
    if (neededNodeIds.contains(node.getId())) {
      nodePositions.put(node.getId(), position);
    }
    Map<String, String> tags = tags(node);
    if (tags != null && wanted.test(tags)) {
      placed.add(new Placed("node", node.getId(), tags, OsmGeometryBuilder.WGS84.createPoint(position)));
    }
  }

  private void placeWay(Pending way) {
    Coordinate[] outline = positions(way.parts());
    if (outline == null) {
      problems.add(skipped(way, way.parts().length == 0 ? "it has no nodes" : missingCount(way.parts())
          + " of its " + way.parts().length + " nodes are not in the file (the extract ends there)"));
      return;
    }
    placed.add(new Placed("way", way.id(), way.tags(),
        OsmGeometryBuilder.representativePoint(OsmGeometryBuilder.way(outline))));
  }

  private void placeRelation(Pending relation) {
    String type = relation.tags().getOrDefault("type", "");
    if (!AREA_RELATION_TYPES.contains(type)) {
      problems.add(skipped(relation, "only multipolygon relations can be placed on the map, and this one is "
          + (type.isEmpty() ? "untyped" : "type=" + type)));
      return;
    }
    if (relation.parts().length == 0) {
      problems.add(skipped(relation, "it has no outer ways"));
      return;
    }
    List<Coordinate[]> outerWays = new ArrayList<>();
    for (long wayId : relation.parts()) {
      long[] nodeIds = memberWayNodes.get(wayId);
      Coordinate[] outline = nodeIds == null ? null : positions(nodeIds);
      if (outline != null) {
        outerWays.add(outline);
      }
    }
    int missing = relation.parts().length - outerWays.size();
    if (missing > 0) {
      problems.add(skipped(relation, missing + " of its " + relation.parts().length
          + " outer ways are not (completely) in the file (the extract ends there)"));
      return;
    }
    List<Polygon> polygons = OsmGeometryBuilder.polygons(outerWays);
    if (polygons.isEmpty()) {
      problems.add(skipped(relation, "its outer ways do not join into a closed ring"));
      return;
    }
    Geometry area = OsmGeometryBuilder.WGS84.createMultiPolygon(polygons.toArray(Polygon[]::new));
    placed.add(new Placed("relation", relation.id(), relation.tags(), OsmGeometryBuilder.representativePoint(area)));
  }

  /** The positions of the nodes, or null when there are none or any of them is not in the file. */
  private Coordinate[] positions(long[] nodeIds) {
    Coordinate[] coordinates = new Coordinate[nodeIds.length];
    for (int i = 0; i < coordinates.length; i++) {
      coordinates[i] = nodePositions.get(nodeIds[i]);
      if (coordinates[i] == null) {
        return null;
      }
    }
    return coordinates.length == 0 ? null : coordinates;
  }

  private long missingCount(long[] nodeIds) {
    return Arrays.stream(nodeIds).filter(id -> !nodePositions.containsKey(id)).count();
  }

  private static List<SourceFeature> features(List<Placed> placed) {
    List<SourceFeature> features = new ArrayList<>(placed.size());
    for (Placed element : placed) {
      Map<String, Object> properties = new LinkedHashMap<>(element.tags());
      properties.put("osm_type", element.osmType());
      properties.put("osm_id", element.id());
      features.add(new SourceFeature(features.size() + 1, element.point(), properties));
    }
    return features;
  }

  /**
   * The element's tags as strings sorted by key (GraphHopper's decoder does not keep the file's
   * order), or null when it has none, as most nodes, to spare the predicate.
   */
  private static Map<String, String> tags(ReaderElement element) {
    if (!element.hasTags()) {
      return null;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    element.getTags().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(tag -> tags.put(tag.getKey(), String.valueOf(tag.getValue())));
    return tags;
  }

  /** Way members with role outer, or with no role (older multipolygons), each once. */
  private static long[] outerWayIds(ReaderRelation relation) {
    Set<Long> wayIds = new LinkedHashSet<>();
    for (ReaderRelation.Member member : relation.getMembers()) {
      String role = member.getRole() == null ? "" : member.getRole();
      if (member.getType() == ReaderElement.Type.WAY && (role.isEmpty() || role.equals(ROLE_OUTER))) {
        wayIds.add(member.getRef());
      }
    }
    return wayIds.stream().mapToLong(Long::longValue).toArray();
  }

  private static InputProblem skipped(Pending element, String reason) {
    String name = element.tags().get("name");
    return InputProblem.ofFile(element.osmType() + " " + element.id() + (name == null ? "" : " (" + name + ")")
        + " was skipped: " + reason);
  }
}
