package org.carecircle.accessibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.geojson.Feature;
import org.carecircle.population.PopulationService;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The gap layer of a result: cells whose nearest facility is farther than a threshold (or which
 * cannot reach a road). Pure: no HTTP, no SQL.
 */
public final class GapLayerBuilder {
  /** As {@link PopulationService#MAX_FEATURES}: the most vector shapes a browser map is sent. */
  public static final int MAX_FEATURES = PopulationService.MAX_FEATURES;
  /** Cells sampled to estimate the grid spacing (median nearest-neighbour distance). */
  private static final int SPACING_SAMPLE = 1000;
  private static final double METERS_PER_DEGREE = 111_320;
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private GapLayerBuilder() {}

  /** Indexes of the cells beyond {@code minutes} (unreachable and beyond-budget cells included). */
  static int[] gapCells(AccessibilityCells cells, double minutes) {
    int[] gaps = new int[cells.size()];
    int n = 0;
    for (int i = 0; i < cells.size(); i++) {
      if (!(cells.minutes()[i] <= minutes)) {
        gaps[n++] = i;
      }
    }
    return Arrays.copyOf(gaps, n);
  }

  /** One point feature per gap cell, or squares summing them when there are more than the limit. */
  public static GapCollection cells(AccessibilityCells cells, double minutes) {
    int[] gaps = gapCells(cells, minutes);
    double people = population(cells, gaps);
    List<Feature> features = new ArrayList<>();
    if (gaps.length <= MAX_FEATURES) {
      for (int i : gaps) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", cells.cellId()[i]);
        properties.put("population", cells.population()[i]);
        properties.put("minutes", Float.isFinite(cells.minutes()[i]) ? cells.minutes()[i] : null);
        features.add(new Feature(cells.cellId()[i], WGS84.createPoint(new Coordinate(cells.lon()[i], cells.lat()[i])),
            properties));
      }
      return new GapCollection(minutes, false, false, gaps.length, people, features);
    }
    Envelope box = new Envelope();
    for (int i : gaps) {
      box.expandToInclude(cells.lon()[i], cells.lat()[i]);
    }
    double[] bin = PopulationService.binSize(box, MAX_FEATURES);
    Map<Long, double[]> bins = new LinkedHashMap<>();
    for (int i : gaps) {
      long column = (long) Math.floor((cells.lon()[i] - box.getMinX()) / bin[0]);
      long row = (long) Math.floor((cells.lat()[i] - box.getMinY()) / bin[1]);
      double[] sum = bins.computeIfAbsent(row * 1_000_003L + column, k -> new double[] {column, row, 0, 0});
      sum[2] += cells.population()[i];
      sum[3]++;
    }
    for (double[] sum : bins.values()) {
      double minLon = box.getMinX() + sum[0] * bin[0];
      double minLat = box.getMinY() + sum[1] * bin[1];
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("population", sum[2]);
      properties.put("cells", (long) sum[3]);
      properties.put("aggregated", true);
      features.add(new Feature(null, WGS84.toGeometry(new Envelope(minLon, minLon + bin[0], minLat, minLat + bin[1])),
          properties));
    }
    return new GapCollection(minutes, true, false, gaps.length, people, features);
  }

  /**
   * The gap cells dissolved into areas, each with the population of the cells inside. A cell's
   * shape is its polygon from {@code polygons} (by cell id) when there is one, otherwise a square
   * as wide as the grid spacing (the median distance between neighbouring cells) around its point.
   */
  public static GapCollection dissolved(AccessibilityCells cells, double minutes, Map<Long, Geometry> polygons) {
    int[] gaps = gapCells(cells, minutes);
    double people = population(cells, gaps);
    if (gaps.length == 0) {
      return new GapCollection(minutes, false, true, 0, 0, List.of());
    }
    Double spacingMeters = null;
    List<Geometry> shapes = new ArrayList<>();
    List<Envelope> boxes = new ArrayList<>();
    for (int i : gaps) {
      Geometry polygon = polygons.get(cells.cellId()[i]);
      if (polygon == null) {
        if (spacingMeters == null) {
          spacingMeters = spacingMeters(cells);
        }
        boxes.add(squareBox(cells.lon()[i], cells.lat()[i], spacingMeters));
      } else if (polygon.isRectangle()) {
        boxes.add(polygon.getEnvelopeInternal());
      } else {
        shapes.add(polygon);
      }
    }
    for (Envelope box : mergedBoxes(boxes)) {
      shapes.add(WGS84.toGeometry(box));
    }
    Geometry union = UnaryUnionOp.union(shapes);
    List<Geometry> parts = new ArrayList<>();
    for (int p = 0; p < union.getNumGeometries(); p++) {
      parts.add(union.getGeometryN(p));
    }
    double[] partPopulation = new double[parts.size()];
    int[] partCells = new int[parts.size()];
    STRtree index = new STRtree();
    Map<Integer, IndexedPointInAreaLocator> locators = new HashMap<>();
    for (int p = 0; p < parts.size(); p++) {
      index.insert(parts.get(p).getEnvelopeInternal(), p);
    }
    for (int i : gaps) {
      Coordinate point = new Coordinate(cells.lon()[i], cells.lat()[i]);
      for (Object candidate : index.query(new Envelope(point))) {
        int p = (Integer) candidate;
        var locator = locators.computeIfAbsent(p, k -> new IndexedPointInAreaLocator(parts.get(k)));
        if (locator.locate(point) != Location.EXTERIOR) {
          partPopulation[p] += cells.population()[i];
          partCells[p]++;
          break;
        }
      }
    }
    List<Feature> features = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("population", partPopulation[p]);
      properties.put("cells", partCells[p]);
      features.add(new Feature(null, parts.get(p), properties));
    }
    return new GapCollection(minutes, false, true, gaps.length, people, features);
  }

  private static double population(AccessibilityCells cells, int[] gaps) {
    double sum = 0;
    for (int i : gaps) {
      sum += cells.population()[i];
    }
    return sum;
  }

  private static Envelope squareBox(double lon, double lat, double sideMeters) {
    double halfLat = sideMeters / 2 / METERS_PER_DEGREE;
    double halfLon = halfLat / Math.max(0.01, Math.cos(Math.toRadians(lat)));
    return new Envelope(lon - halfLon, lon + halfLon, lat - halfLat, lat + halfLat);
  }

  /**
   * The same area as the union of {@code boxes}, in fewer, larger boxes: boxes of one row (the
   * same south and north edges) that touch or overlap are joined into runs, then runs of the same
   * west and east edges stacked on each other are joined. A raster's cells share their edges
   * exactly, so a gap of a hundred thousand cells becomes a few thousand boxes, which is what makes
   * the polygon union that follows fast. Exact comparisons only: boxes that merely come close are
   * left for the union.
   */
  static List<Envelope> mergedBoxes(List<Envelope> boxes) {
    return joined(joined(boxes, true), false);
  }

  /**
   * Joins boxes that lie in one lane (the same south and north edges when {@code alongX}, else
   * the same west and east edges) and touch or overlap along it.
   */
  private static List<Envelope> joined(List<Envelope> boxes, boolean alongX) {
    java.util.function.ToDoubleFunction<Envelope> laneLow = alongX ? Envelope::getMinY : Envelope::getMinX;
    java.util.function.ToDoubleFunction<Envelope> laneHigh = alongX ? Envelope::getMaxY : Envelope::getMaxX;
    java.util.function.ToDoubleFunction<Envelope> start = alongX ? Envelope::getMinX : Envelope::getMinY;
    java.util.function.ToDoubleFunction<Envelope> end = alongX ? Envelope::getMaxX : Envelope::getMaxY;
    List<Envelope> sorted = new ArrayList<>(boxes);
    sorted.sort(java.util.Comparator.comparingDouble(laneLow).thenComparingDouble(laneHigh).thenComparingDouble(start));
    List<Envelope> joined = new ArrayList<>();
    Envelope open = null;
    for (Envelope box : sorted) {
      if (open != null && laneLow.applyAsDouble(open) == laneLow.applyAsDouble(box)
          && laneHigh.applyAsDouble(open) == laneHigh.applyAsDouble(box)
          && start.applyAsDouble(box) <= end.applyAsDouble(open)) {
        open = new Envelope(open);
        open.expandToInclude(box);
        continue;
      }
      if (open != null) {
        joined.add(open);
      }
      open = box;
    }
    if (open != null) {
      joined.add(open);
    }
    return joined;
  }

  /** Median nearest-neighbour distance, metres, over a sample of cells; 100 m for a single cell. */
  static double spacingMeters(AccessibilityCells cells) {
    int n = cells.size();
    if (n < 2) {
      return 100;
    }
    double cosLat = Math.cos(Math.toRadians(cells.lat()[0]));
    STRtree tree = new STRtree();
    for (int i = 0; i < n; i++) {
      double x = cells.lon()[i] * cosLat * METERS_PER_DEGREE;
      double y = cells.lat()[i] * METERS_PER_DEGREE;
      tree.insert(new Envelope(x, x, y, y), new double[] {x, y});
    }
    tree.build();
    int step = Math.max(1, n / SPACING_SAMPLE);
    List<Double> nearest = new ArrayList<>();
    for (int i = 0; i < n; i += step) {
      double[] point = {cells.lon()[i] * cosLat * METERS_PER_DEGREE, cells.lat()[i] * METERS_PER_DEGREE};
      Object[] two = tree.nearestNeighbour(new Envelope(point[0], point[0], point[1], point[1]), point,
          (a, b) -> {
            double[] p = (double[]) a.getItem();
            double[] q = (double[]) b.getItem();
            return Math.hypot(p[0] - q[0], p[1] - q[1]);
          }, 2);
      for (Object other : two) {
        double[] q = (double[]) other;
        double d = Math.hypot(q[0] - point[0], q[1] - point[1]);
        if (d > 0) {
          nearest.add(d);
          break;
        }
      }
    }
    if (nearest.isEmpty()) {
      return 100;
    }
    nearest.sort(null);
    return nearest.get(nearest.size() / 2);
  }
}
