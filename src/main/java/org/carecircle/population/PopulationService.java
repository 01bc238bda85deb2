package org.carecircle.population;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.geojson.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the population layer: its summary, cells for the map, and all cells for analyses. */
@Service
public class PopulationService {
  /**
   * The most features a browser is sent at once: Leaflet stays responsive up to about this many
   * vector shapes; beyond it the cells are summed into squares.
   */
  public static final int MAX_FEATURES = 10_000;
  /** Grows the aggregation square until the grid fits the limit; 1 % steps keep it close to it. */
  private static final double BIN_GROWTH = 1.01;
  /** Metres per degree of latitude, for telling the planner the size of a square. */
  private static final double METERS_PER_DEGREE_LATITUDE = 111_320;
  /** Keeps squares finite near the poles, where a degree of longitude shrinks to nothing. */
  private static final double MIN_COS_LATITUDE = 0.01;

  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final PopulationRepository repository;
  private final PopulationChanges changes;
  /**
   * The summary and, once asked for, the cells of the layer stored now, kept in memory: at a
   * million cells reading them from the embedded store takes seconds, and analyses ask for them on
   * every run. Cells change only by replacing or deleting the whole layer, which gives the layer a
   * new import time (or removes it), so the layer row read on every call tells whether this copy is
   * still the stored one, also when another instance changed it.
   */
  private volatile Loaded loaded;

  private record Loaded(PopulationLayer layer, PopulationSummary summary, PopulationCells cells) {}

  public PopulationService(PopulationRepository repository, PopulationChanges changes) {
    this.repository = repository;
    this.changes = changes;
  }

  /** Cells, people and extent of the layer stored now (kept in memory per layer, see {@link #loaded}). */
  public PopulationSummary summary() {
    PopulationLayer layer = repository.layer().orElse(null);
    Loaded current = loaded;
    if (layer != null && current != null && layer.equals(current.layer())) {
      return current.summary();
    }
    PopulationSummary summary = repository.summary();
    if (layer != null && layer.equals(summary.source())) {
      loaded = new Loaded(layer, summary, null);
    }
    return summary;
  }

  /** Whether a population layer with at least one cell is stored. */
  public boolean hasCells() {
    return repository.hasCells();
  }

  /**
   * Every cell as primitive arrays, for analyses over the whole layer; empty when none. Kept in
   * memory with the summary until the layer is replaced; callers must not modify the arrays.
   */
  @Transactional(readOnly = true)
  public PopulationCells allCells() {
    PopulationLayer layer = repository.layer().orElse(null);
    Loaded current = loaded;
    if (layer != null && current != null && layer.equals(current.layer()) && current.cells() != null) {
      return current.cells();
    }
    PopulationCells cells = repository.loadAll();
    PopulationLayer after = repository.layer().orElse(null);
    if (layer != null && layer.equals(after)) {
      // the layer did not change while the cells were read: they belong to it
      PopulationSummary summary = current != null && layer.equals(current.layer()) ? current.summary()
          : repository.summary();
      loaded = new Loaded(layer, summary, cells);
    }
    return cells;
  }

  /**
   * Keeps the cells an import has just written as the copy in memory, so that the first analysis
   * after an import does not read a million rows back. Only kept when {@code layer} is the layer
   * stored now (the import committed); a copy of a layer that was rolled back or replaced
   * meanwhile never matches the stored layer row, so it is never used.
   */
  void remember(PopulationLayer layer, PopulationSummary summary, PopulationCells cells) {
    if (layer != null && layer.equals(repository.layer().orElse(null))) {
      loaded = new Loaded(layer, summary, cells);
    }
  }

  /**
   * The cells that may overlap an area with this WGS84 envelope (see {@link
   * PopulationRepository#findOverlapping}).
   */
  public List<PopulationCell> cellsOverlapping(Envelope envelope) {
    return repository.findOverlapping(envelope);
  }

  /**
   * Hands every cell that may overlap the envelope to {@code action} as it is read, without holding
   * the layer in memory (see {@link PopulationRepository#forEachOverlapping}).
   */
  @Transactional(readOnly = true)
  public void forEachCellOverlapping(Envelope envelope, java.util.function.Consumer<PopulationCell> action) {
    repository.forEachOverlapping(envelope, action);
  }

  /**
   * Hands every cell that may overlap the envelope to {@code action} without its geometry (see
   * {@link PopulationRepository#forEachExtentOverlapping}); the way to visit millions of cells.
   */
  @Transactional(readOnly = true)
  public void forEachCellExtentOverlapping(Envelope envelope, java.util.function.Consumer<PopulationCellExtent> action) {
    repository.forEachExtentOverlapping(envelope, action);
  }

  /** The polygons of the cells with these ids, by id (see {@link PopulationRepository#cellPolygons}). */
  public Map<Long, Geometry> cellPolygons(java.util.Collection<Long> ids) {
    return repository.cellPolygons(ids);
  }

  /** Removes the population layer (recorded in the change history when there was one). */
  @Transactional
  public void deleteAll() {
    PopulationSummary before = repository.summary();
    repository.deleteAll();
    changes.record(before, repository.summary());
  }

  /**
   * The cells in a box as GeoJSON features, or, when there are more than {@code limit}, squares of
   * a grid summing them, so that no more than {@code limit} features are ever returned.
   *
   * @param bbox WGS84 box; null = the whole layer
   * @param limit 1 to {@link #MAX_FEATURES}
   * @param polygons true for the cells' polygons (points where a cell has none), false for points
   * @throws InputRejectedException on field {@code limit} when it is out of range
   */
  public PopulationCellCollection cells(Envelope bbox, int limit, boolean polygons) {
    if (limit < 1 || limit > MAX_FEATURES) {
      throw new InputRejectedException(InputProblem.ofField("limit", "limit must lie between 1 and "
          + MAX_FEATURES + " (the most features a map is sent); zoom in with bbox to see single cells"));
    }
    long inBox = repository.count(bbox);
    if (inBox <= limit) {
      List<Feature> features = new ArrayList<>();
      for (PopulationCell cell : repository.find(bbox, limit)) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", cell.id());
        properties.put("population", cell.population());
        Geometry shape = polygons && cell.cellPolygon() != null ? cell.cellPolygon() : cell.location();
        features.add(new Feature(cell.id(), shape, properties));
      }
      return new PopulationCellCollection(false, inBox, null, features);
    }
    Envelope box = bbox != null ? bbox : extentOfLayer();
    double[] binDegrees = binSize(box, limit);
    List<Feature> features = new ArrayList<>();
    for (PopulationBin bin : repository.aggregate(box, binDegrees[0], binDegrees[1])) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("population", bin.population());
      properties.put("cells", bin.cells());
      Geometry shape = polygons
          ? WGS84.toGeometry(new Envelope(bin.minLon(), bin.maxLon(), bin.minLat(), bin.maxLat()))
          : WGS84.createPoint(new Coordinate(bin.centreLon(), bin.centreLat()));
      features.add(new Feature(null, shape, properties));
    }
    String message = String.format(Locale.ROOT, "the box holds %,d cells, more than the %,d a map is sent;"
        + " they are summed into %,d squares of about %,.0f m. Zoom in (a smaller bbox) to see single cells.",
        inBox, limit, features.size(), binDegrees[1] * METERS_PER_DEGREE_LATITUDE);
    return new PopulationCellCollection(true, inBox, message, features);
  }

  private Envelope extentOfLayer() {
    double[] bbox = repository.summary().bbox();
    return new Envelope(bbox[0], bbox[2], bbox[1], bbox[3]);
  }

  /**
   * Width and height in degrees of squares that are about square on the ground and few enough
   * that a grid of them over the box has at most {@code limit} squares.
   */
  public static double[] binSize(Envelope box, int limit) {
    double cosLatitude = Math.max(MIN_COS_LATITUDE, Math.cos(Math.toRadians(box.centre().y)));
    double width = Math.max(box.getWidth(), 1e-9);
    double height = Math.max(box.getHeight(), 1e-9);
    double binHeight = Math.sqrt(width * height * cosLatitude / limit);
    while (true) {
      double binWidth = binHeight / cosLatitude;
      // + 1: a cell on the box's east or north edge opens one more column or row
      double squares = (Math.floor(width / binWidth) + 1) * (Math.floor(height / binHeight) + 1);
      if (squares <= limit) {
        return new double[] {binWidth, binHeight};
      }
      binHeight *= BIN_GROWTH;
    }
  }
}
