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
import org.carecircle.job.JobContext;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
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
 *
 * <p>An import runs either within the request ({@link #importFile}) or as a background job
 * ({@link #submitImport}). Both check what needs no reading of the data first (empty file,
 * format, CRS, the raster's header), so that a job is only started for a file that may succeed.
 * A job reports the share of raster rows checked and of cells written, and can be cancelled
 * until its last cell is written: the import's one transaction is then rolled back and the
 * layer stays as it was.
 */
@Service
public class PopulationImportService {
  /** Cells handed to the store per call; the store batches them further. */
  static final int WRITE_BATCH_CELLS = 5000;
  /** Enough for a planner to see the pattern (as for CSV files). */
  static final int MAX_PROBLEMS = 1000;
  /** The kind of a population import job, as {@code GET /api/jobs/{id}} shows it. */
  public static final String IMPORT_JOB_KIND = "population-import";
  private static final String GEOTIFF = "geotiff";
  /**
   * Job progress of a raster import: checking every pixel is the first share, writing the cells
   * the rest (measured on the Ahr raster: decoding and checking take about a tenth of the time).
   */
  private static final double RASTER_CHECK_SHARE = 0.1;
  /** Job progress of a vector import: reading and checking the rows, before the writing. */
  private static final double VECTOR_READ_SHARE = 0.2;

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
  private final JobService jobs;
  /**
   * Marks a job's commit point in a transaction of its own, so that the job's row is not held by
   * the layer's long write transaction.
   */
  private final TransactionTemplate jobBookkeeping;

  /**
   * @param jobs runs the imports of {@link #submitImport}; null where only {@link #importFile} is
   *     used (the import benchmarks)
   */
  public PopulationImportService(PopulationRepository repository, TransactionTemplate transaction,
      PopulationChanges changes, PopulationService population, JobService jobs) {
    this.repository = repository;
    this.transaction = transaction;
    this.changes = changes;
    this.population = population;
    this.jobs = jobs;
    this.jobBookkeeping = new TransactionTemplate(transaction.getTransactionManager());
    this.jobBookkeeping.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** An import whose quick checks passed: reading and writing the data is what is left. */
  @FunctionalInterface
  private interface CheckedImport {
    PopulationImportResult run(JobContext context);
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
    return check(file, fileName, options, valueColumn).run(JobContext.NONE);
  }

  /**
   * Checks an uploaded file as {@link #importFile} does before reading its data, then imports it
   * as a background job whose result is the {@link PopulationImportResult}. Takes ownership of
   * {@code upload}: it is deleted when the job ends, however it ends, or at once when the file is
   * rejected here. Problems found while reading end the job as failed with the same problem list
   * as {@link #importFile}; a cancel before the last cell is written leaves the layer unchanged.
   *
   * @param upload the uploaded file on local disk, owned by the job from now on
   * @param fileName the name the planner gave it (used to detect the format), may be null
   * @throws InputRejectedException when the file is empty, an OSM file, a raster without usable
   *     georeferencing, or the CRS is unknown (before any job; the upload is then deleted)
   */
  public JobStatus submitImport(Path upload, String fileName, ImportOptions options, String valueColumn) {
    try {
      CheckedImport checked = check(upload, fileName, options, valueColumn);
      return jobs.submitOwning(IMPORT_JOB_KIND, List.of(upload), checked::run);
    } catch (RuntimeException e) {
      try {
        Files.deleteIfExists(upload);
      } catch (IOException ignored) {
        // a temp file left behind; the error the planner must see is the one above
      }
      throw e;
    }
  }

  /** What can be checked without reading the data: size, format, CRS, a raster's header. */
  private CheckedImport check(Path file, String fileName, ImportOptions options, String valueColumn) {
    byte[] head = InputFiles.head(file);
    if (head.length == 0) {
      throw new InputRejectedException(InputProblem.ofField("file", "the file is empty"));
    }
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    boolean raster = options.format() == null
        && (PopulationRasterReader.looksLikeTiff(head) || name.endsWith(".tif") || name.endsWith(".tiff"));
    if (raster) {
      try (PopulationRasterReader reader = PopulationRasterReader.open(file)) {
        rasterTransformer(reader, options.crs());
      }
      return context -> importRaster(file, fileName, options.crs(), context);
    }
    ImportFormat format = options.format() != null ? options.format() : ImportFormat.detect(fileName, head);
    if (format == ImportFormat.OSM_PBF) {
      throw new InputRejectedException(InputProblem.ofField("file", "OpenStreetMap files hold no population"
          + " counts; import a GeoTIFF raster of counts (e.g. WorldPop), a CSV of points or grid cells, or"
          + " polygons with a population attribute"));
    }
    if (!isBlank(options.crs())) {
      CoordinateTransformer.forCrs(options.crs());
    }
    return context -> importVector(file, fileName, format, options, valueColumn, context);
  }

  /** The raster's CRS as requested or declared, checked against its corners. */
  private static CoordinateTransformer rasterTransformer(PopulationRasterReader raster, String requestedCrs) {
    GeoTiffGeoreference georeference = raster.georeference();
    if (isBlank(requestedCrs) && georeference.undeclaredReason() != null) {
      throw new InputRejectedException(InputProblem.ofField("crs", georeference.undeclaredReason()));
    }
    CoordinateTransformer transformer = transformer(requestedCrs, georeference.declaredCrs(), "the raster");
    requireLongitudeLatitude(raster, transformer);
    return transformer;
  }

  private PopulationImportResult importRaster(Path file, String fileName, String requestedCrs, JobContext context) {
    try (PopulationRasterReader raster = PopulationRasterReader.open(file)) {
      CoordinateTransformer transformer = rasterTransformer(raster, requestedCrs);
      JobContext checking = context.step(0, RASTER_CHECK_SHARE);
      int height = raster.height();
      PopulationRasterReader.Tally tally = raster.tally(row -> {
        checking.checkCancelled();
        checking.progress((double) row / height, String.format(Locale.ROOT, "checking row %,d of %,d", row, height));
      });
      if (!tally.problems().isEmpty()) {
        throw new InputRejectedException(tally.problems());
      }
      if (tally.cells() == 0) {
        throw new InputRejectedException(InputProblem.ofField("file", "the raster holds no population: each of"
            + " its " + (long) raster.width() * raster.height() + " pixels is NoData or 0"));
      }
      Written written = write(sink -> raster.cells(transformer, sink),
          new PopulationLayer(fileName, GEOTIFF, transformer.crsName(), null, null), tally.cells(),
          context.step(RASTER_CHECK_SHARE, 1));
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

  private PopulationImportResult importVector(Path file, String fileName, ImportFormat format,
      ImportOptions options, String valueColumn, JobContext context) {
    JobContext reading = context.step(0, VECTOR_READ_SHARE);
    reading.progress(0, "reading the file");
    ReadResult read = read(file, format, options);
    reading.checkCancelled();
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
    int rowsChecked = 0;
    int rows = read.features().size();
    for (SourceFeature feature : read.features()) {
      if (++rowsChecked % WRITE_BATCH_CELLS == 0) {
        reading.checkCancelled();
        reading.progress((double) rowsChecked / rows,
            String.format(Locale.ROOT, "checking row %,d of %,d", rowsChecked, rows));
      }
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
        new PopulationLayer(fileName, format.code(), transformer.crsName(), column, null), cells.size(),
        context.step(VECTOR_READ_SHARE, 1));
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

  /**
   * Replaces the layer with the cells {@code source} produces, in one transaction.
   *
   * @param expectedCells how many cells the source produces, for the progress
   * @param context told of every batch written; a cancel before the commit point rolls all back
   */
  private Written write(Consumer<Consumer<PopulationCell>> source, PopulationLayer layer, long expectedCells,
      JobContext context) {
    context.progress(0, "waiting for another population import to finish");
    synchronized (replacing) {
      context.checkCancelled();
      Written written = replace(source, layer, expectedCells, context);
      // committed: the analyses that follow find the cells in memory instead of reading them back
      if (written.arrays != null) {
        population.remember(written.layer, written.summary, written.arrays.build());
      }
      written.arrays = null;
      return written;
    }
  }

  private Written replace(Consumer<Consumer<PopulationCell>> source, PopulationLayer layer, long expectedCells,
      JobContext context) {
    return transaction.execute(status -> {
      context.progress(0, "removing the current layer");
      PopulationSummary before = repository.summary();
      repository.deleteAll();
      context.progress(0, writingMessage(0, expectedCells));
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
          context.checkCancelled();
          repository.insertAll(batch);
          batch.clear();
          context.progress((double) written.cells / expectedCells, writingMessage(written.cells, expectedCells));
        }
      });
      repository.insertAll(batch);
      repository.saveLayer(layer);
      context.progress(1, "summing up the new layer");
      written.summary = repository.summary();
      written.layer = written.summary.source();
      changes.record(before, written.summary);
      // the last moment a cancel undoes everything (the exception rolls the transaction back);
      // after it the job ends succeeded whatever is asked
      jobBookkeeping.executeWithoutResult(bookkeeping -> context.commit());
      return written;
    });
  }

  private static String writingMessage(long cells, long expectedCells) {
    return String.format(Locale.ROOT, "writing cells %,d of %,d", cells, expectedCells);
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
