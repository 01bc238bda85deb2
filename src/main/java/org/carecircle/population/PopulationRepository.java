package org.carecircle.population;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The population layer's store. One implementation serves H2GIS and PostGIS alike: geometry crosses
 * the boundary as WKB in EPSG:4326, and vendor differences stay in the Flyway migrations.
 *
 * <p>Writes join the caller's transaction when there is one; an import deletes, inserts and records
 * its source in one transaction, so readers see the old layer or the new one, never a mix.
 *
 * <p>Bounding boxes are WGS84 {@link Envelope}s (x = longitude), closed (a cell on an edge is in),
 * answered from PostGIS's spatial indexes or, on the embedded store (which keeps no R-tree, for
 * crash safety), from a B-tree index on a grid key of each cell's location (h2/V13); a null
 * bounding box means the whole layer. Boxes and extents are compared exactly, in doubles.
 */
public interface PopulationRepository {

  /** Removes every cell and the layer's source. */
  void deleteAll();

  /** Inserts cells in batches, with the ids they carry. */
  void insertAll(List<PopulationCell> cells);

  /** Records where the layer came from, replacing what was recorded before. */
  void saveLayer(PopulationLayer layer);

  /** Count, total, extent and source of the layer. */
  PopulationSummary summary();

  /** Whether the layer has any cell; cheaper than counting them. */
  boolean hasCells();

  /** The number of cells whose location lies in the box. */
  long count(Envelope bbox);

  /** At most {@code limit} cells whose location lies in the box, by ascending id. */
  List<PopulationCell> find(Envelope bbox, int limit);

  /**
   * The cells whose location lies in the box, summed per square of a grid anchored at the box's
   * south-west corner; only squares holding cells are returned.
   *
   * @param binWidthDegrees the squares' width in longitude, {@code > 0}
   * @param binHeightDegrees the squares' height in latitude, {@code > 0}
   */
  List<PopulationBin> aggregate(Envelope bbox, double binWidthDegrees, double binHeightDegrees);

  /**
   * Every cell that may overlap an area with this envelope: cells with a polygon whose envelope
   * intersects it, and cells without a polygon whose location lies in it. Callers decide the exact
   * overlap.
   */
  List<PopulationCell> findOverlapping(Envelope envelope);

  /**
   * The cells of {@link #findOverlapping}, handed to {@code action} one by one as they are read,
   * so that a layer of millions of cells is never held at once. Call it inside a transaction:
   * PostgreSQL streams rows only within one.
   */
  void forEachOverlapping(Envelope envelope, Consumer<PopulationCell> action);

  /**
   * The cells of {@link #findOverlapping} without their geometry, handed to {@code action} one by
   * one as they are read (call it inside a transaction, as {@link #forEachOverlapping}). No
   * geometry is decoded, so this is the way to visit millions of cells.
   */
  void forEachExtentOverlapping(Envelope envelope, Consumer<PopulationCellExtent> action);

  /**
   * The cells of {@link #forEachExtentOverlapping} for any of several envelopes, each cell once:
   * what a pass over scattered districts needs, without reading the cells between them. More cells
   * may be handed over (those overlapping the envelopes' joint extent); callers decide the overlap.
   */
  void forEachExtentOverlappingAny(List<Envelope> envelopes, Consumer<PopulationCellExtent> action);

  /**
   * The polygons of the cells with these ids, by id; cells without a polygon and unknown ids are
   * absent from the answer.
   */
  Map<Long, Geometry> cellPolygons(Collection<Long> ids);

  /** Every cell as primitive arrays, ordered by id. */
  PopulationCells loadAll();

  /** Where the layer came from, if anything has been imported. */
  Optional<PopulationLayer> layer();
}
