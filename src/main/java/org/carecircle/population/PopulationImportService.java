package org.carecircle.population;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ImportFormat;
import org.carecircle.io.InputFiles;
import org.carecircle.io.ImportOptions;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.io.crs.CoordinateTransformer;
import org.carecircle.io.csv.CsvFeatureReader;
import org.carecircle.io.geojson.GeoJsonReader;
import org.carecircle.io.gpkg.GeoPackageReader;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a population file, replacing the population layer all or nothing.
 *
 * <p>Formats: a GeoTIFF raster of counts (see {@link PopulationRasterReader}); a CSV of points or
 * cell centres; GeoJSON or GeoPackage points or polygons (census units). The counts come from the
 * column {@code valueColumn}, detected when not given (see {@link PopulationColumn}). Cells with a
 * count of 0 and raster NoData pixels are not stored; every other count is, so the layer's total
 * equals the file's.
 *
 * <p>IMPLEMENTATION NOTE: the whole file is checked before the first write, so that the answer
 * lists every bad row or pixel at once and a bad file leaves the current layer untouched. A raster
 * is read twice for that: a check of every pixel value, then, in the write transaction, the cells
 * with their geometry; decoding is cheap next to writing, and memory stays bounded by one band of
 * rows and one batch of cells. Vector files are small enough to hold: their readers return every
 * row anyway.
 */
@Service
public class PopulationImportService {
  /** Cells handed to the store per call; the store batches them further. */
  static final int WRITE_BATCH_CELLS = 5000;
  /** Enough for a planner to see the pattern (as for CSV files). */
  static final int MAX_PROBLEMS = 1000;
  private static final String GEOTIFF = "geotiff";

  private final PopulationRepository repository;
  private final TransactionTemplate transaction;
  /**
   * One layer replacement at a time: two concurrent ones would each delete the layer they see and
   * insert cells numbered from 1, and the second would collide with the first's keys. This guards
   * one CareCircle process; several processes on one PostGIS would need a database lock.
   */
  private final Object replacing = new Object();

  private final PopulationChanges changes;
  private final PopulationService population;

  public PopulationImportService(PopulationRepository repository, TransactionTemplate transaction,
      PopulationChanges changes, PopulationService population) {
    this.repository = repository;
    this.transaction = transaction;
    this.changes = changes;
    this.population = population;
  }

  /**
   * @param file the uploaded file on local disk
   * @param fileName the name the planner gave it (used to detect the format), may be null
   * @param options format (null = detect), crs (null = the file's own, else EPSG:4326), CSV encoding
   *     and coordinate columns, GeoPackage layer
   * @param valueColumn the column holding the counts; null = detect (ignored for rasters)
   * @throws InputRejectedException listing every problem; the layer is then unchanged
   */
  public PopulationImportResult importFile(Path file, String fileName, ImportOptions options, String valueColumn) {
    byte[] head = InputFiles.head(file);
    if (head.length == 0) {
      throw new InputRejectedException(InputProblem.ofField("file", "the file is empty"));
    }
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    boolean raster = options.format() == null
        && (PopulationRasterReader.looksLikeTiff(head) || name.endsWith(".tif") || name.endsWith(".tiff"));
    if (raster) {
      return importRaster(file, fileName, options.crs());
    }
    ImportFormat format = options.format() != null ? options.format() : ImportFormat.detect(fileName, head);
    if (format == ImportFormat.OSM_PBF) {
      throw new InputRejectedException(InputProblem.ofField("file", "OpenStreetMap files hold no population"
          + " counts; import a GeoTIFF raster of counts (e.g. WorldPop), a CSV of points or grid cells, or"
          + " polygons with a population attribute"));
    }
    return importVector(file, fileName, format, options, valueColumn);
  }

  private PopulationImportResult importRaster(Path file, String fileName, String requestedCrs) {
    try (PopulationRasterReader raster = PopulationRasterReader.open(file)) {
      GeoTiffGeoreference georeference = raster.georeference();
      if (isBlank(requestedCrs) && georeference.undeclaredReason() != null) {
        throw new InputRejectedException(InputProblem.ofField("crs", georeference.undeclaredReason()));
      }
      CoordinateTransformer transformer = transformer(requestedCrs, georeference.declaredCrs(), "the raster");
      requireLongitudeLatitude(raster, transformer);
      PopulationRasterReader.Tally tally = raster.tally();
      if (!tally.problems().isEmpty()) {
        throw new InputRejectedException(tally.problems());
      }
      if (tally.cells() == 0) {
        throw new InputRejectedException(InputProblem.ofField("file", "the raster holds no population: each of"
            + " its " + (long) raster.width() * raster.height() + " pixels is NoData or 0"));
      }
      Written written = write(sink -> raster.cells(transformer, sink),
          new PopulationLayer(fileName, GEOTIFF, transformer.crsName(), null, null));
      return new PopulationImportResult(written.cells, written.total.value(), tally.noDataPixels(),
          tally.zeroPixels(), GEOTIFF, transformer.crsName(), null, bbox(written.extent), List.of());
    }
  }

  /** Checks the raster's corners: a projected raster read as degrees gives absurd "latitudes". */
  private static void requireLongitudeLatitude(PopulationRasterReader raster, CoordinateTransformer transformer) {
    Envelope model = raster.modelEnvelope();
    Envelope wgs84 = new Envelope();
    try {
      for (Coordinate corner : transformer.toWgs84(new GeometryFactory().toGeometry(model)).getCoordinates()) {
        wgs84.expandToInclude(corner);
      }
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException(InputProblem.ofField("crs", "the raster's corners " + e.getMessage()));
    }
    if (wgs84.getMinX() < -180 || wgs84.getMaxX() > 180 || wgs84.getMinY() < -90 || wgs84.getMaxY() > 90) {
      throw new InputRejectedException(InputProblem.ofField("crs", String.format(Locale.ROOT,
          "the raster spans x %.3f to %.3f and y %.3f to %.3f, which are not longitudes and latitudes in %s;"
              + " if it is projected (metres), name its CRS with crs=EPSG:n",
          model.getMinX(), model.getMaxX(), model.getMinY(), model.getMaxY(), transformer.crsName())));
    }
  }

  private PopulationImportResult importVector(
      Path file, String fileName, ImportFormat format, ImportOptions options, String valueColumn) {
    ReadResult read = read(file, format, options);
    CoordinateTransformer transformer = transformer(options.crs(), read.declaredCrs(), "the file");
    Set<String> columns = new LinkedHashSet<>();
    read.features().forEach(feature -> columns.addAll(feature.properties().keySet()));
    String column = PopulationColumn.choose(columns, valueColumn);
    PopulationFeatureMapper mapper = new PopulationFeatureMapper(column, transformer);

    List<InputProblem> problems = new ArrayList<>(read.problems());
    List<PopulationCell> cells = new ArrayList<>();
    List<Integer> repairedRows = new ArrayList<>();
    long zeroRows = 0;
    int problemsLeftOut = 0;
    for (SourceFeature feature : read.features()) {
      PopulationFeatureMapper.Mapped mapped = mapper.map(feature);
      if (mapped.problem() != null) {
        if (problems.size() < MAX_PROBLEMS) {
          problems.add(mapped.problem());
        } else {
          problemsLeftOut++;
        }
      } else if (mapped.population() == 0) {
        zeroRows++;
      } else {
        cells.add(new PopulationCell(cells.size() + 1, mapped.population(), mapped.location(), mapped.cellPolygon()));
        if (mapped.repaired()) {
          repairedRows.add(feature.row());
        }
      }
    }
    if (problemsLeftOut > 0) {
      problems.add(InputProblem.ofFile(problemsLeftOut + " more rows have problems; fix the ones above first"));
    }
    if (cells.isEmpty() && problems.isEmpty()) {
      problems.add(InputProblem.ofField(column, "every row has a population of 0; there is nothing to import"));
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing((InputProblem p) -> p.row() == null ? Integer.MAX_VALUE : p.row()));
      throw new InputRejectedException(problems);
    }
    Written written = write(sink -> cells.forEach(sink),
        new PopulationLayer(fileName, format.code(), transformer.crsName(), column, null));
    List<InputProblem> warnings = repairedRows.isEmpty() ? List.of() : List.of(InputProblem.ofField("geometry",
        repairedRows.size() + " polygons were not valid (they cross themselves or similar) and were repaired;"
            + " rows " + repairedRows.subList(0, Math.min(10, repairedRows.size()))
            + (repairedRows.size() > 10 ? " and more" : "")));
    return new PopulationImportResult(written.cells, written.total.value(), 0, zeroRows, format.code(),
        transformer.crsName(), column, bbox(written.extent), warnings);
  }

  /** What the write transaction stored. */
  private static final class Written {
    long cells;
    final PopulationSum total = new PopulationSum();
    final Envelope extent = new Envelope();
    /** The cells as written, for the copy in memory; null once their ids stop ascending. */
    PopulationCells.Builder arrays = new PopulationCells.Builder(WRITE_BATCH_CELLS);
    PopulationLayer layer;
    PopulationSummary summary;
  }

  /** Replaces the layer with the cells {@code source} produces, in one transaction. */
  private Written write(Consumer<Consumer<PopulationCell>> source, PopulationLayer layer) {
    synchronized (replacing) {
      Written written = replace(source, layer);
      // committed: the analyses that follow find the cells in memory instead of reading them back
      if (written.arrays != null) {
        population.remember(written.layer, written.summary, written.arrays.build());
      }
      written.arrays = null;
      return written;
    }
  }

  private Written replace(Consumer<Consumer<PopulationCell>> source, PopulationLayer layer) {
    return transaction.execute(status -> {
      PopulationSummary before = repository.summary();
      repository.deleteAll();
      Written written = new Written();
      List<PopulationCell> batch = new ArrayList<>(WRITE_BATCH_CELLS);
      source.accept(cell -> {
        batch.add(cell);
        written.cells++;
        written.total.add(cell.population());
        Envelope box = (cell.cellPolygon() != null ? cell.cellPolygon() : cell.location()).getEnvelopeInternal();
        written.extent.expandToInclude(box);
        if (written.arrays != null && cell.id() > written.arrays.lastId()) {
          written.arrays.add(cell.id(), cell.population(), cell.location().getX(), cell.location().getY(),
              box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
          written.arrays.polygonIsEnvelope(cell.cellPolygon() != null && cell.cellPolygon().isRectangle());
        } else {
          written.arrays = null;
        }
        if (batch.size() == WRITE_BATCH_CELLS) {
          repository.insertAll(batch);
          batch.clear();
        }
      });
      repository.insertAll(batch);
      repository.saveLayer(layer);
      written.summary = repository.summary();
      written.layer = written.summary.source();
      changes.record(before, written.summary);
      return written;
    });
  }

  private static CoordinateTransformer transformer(String requested, String declared, String what) {
    if (!isBlank(requested)) {
      return CoordinateTransformer.forCrs(requested);
    }
    if (declared == null) {
      return CoordinateTransformer.forCrs("EPSG:4326");
    }
    try {
      return CoordinateTransformer.forCrs(declared);
    } catch (InputRejectedException e) {
      throw new InputRejectedException(InputProblem.ofField("crs", what + " declares the coordinate system "
          + declared + ", which CareCircle does not know; if you know an equivalent EPSG code, name it with"
          + " crs=EPSG:n"));
    }
  }

  private static ReadResult read(Path file, ImportFormat format, ImportOptions options) {
    if (format == ImportFormat.GEOPACKAGE) {
      return GeoPackageReader.read(file, options.layer());
    }
    try (InputStream in = Files.newInputStream(file)) {
      return format == ImportFormat.GEOJSON ? GeoJsonReader.read(in) : CsvFeatureReader.read(in,
          new CsvFeatureReader.Options(options.lonColumn(), options.latColumn(), options.encoding()));
    } catch (IOException e) {
      throw InputFiles.unreadable(e);
    }
  }

  private static double[] bbox(Envelope extent) {
    return extent.isNull() ? null
        : new double[] {extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()};
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }


}
