package org.carecircle.facility;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.error.ConcurrentChangeException;
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
import org.carecircle.io.osm.OsmTaggedFeatureReader;
import org.locationtech.jts.geom.Geometry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a planner's facility file, all or nothing.
 *
 * <p>IMPLEMENTATION NOTE: the whole file is read, converted to WGS84 and validated before the
 * first write, so that the answer lists every bad row at once; only a file without a single
 * problem is written, in one transaction. Rows whose externalId is already in the registry replace
 * that facility (a re-issued official list updates the registry instead of doubling it). Every row
 * is recorded in the change history (batch-inserted) in that same transaction.
 */
@Service
public class FacilityImportService {
  private final FacilityRepository repository;
  private final FacilityTypeCatalogue catalogue;
  private final OsmFacilityMapper osmMapper;
  private final TransactionTemplate transaction;
  private final Object writeLock = new Object();
  private final FacilityChanges changes;

  public FacilityImportService(FacilityRepository repository, FacilityTypeCatalogue catalogue,
      TransactionTemplate transaction, FacilityChanges changes) {
    this.repository = repository;
    this.catalogue = catalogue;
    this.osmMapper = new OsmFacilityMapper(catalogue);
    this.transaction = transaction;
    this.changes = changes;
  }

  /**
   * @param file the uploaded file on local disk
   * @param fileName the name the planner gave it (used to detect the format), may be null
   * @param defaultType type code or name for rows without a type, or null
   * @param defaultStatus status for rows without one, or null ({@code existing})
   * @throws InputRejectedException listing every problem; nothing has been written then
   */
  public ImportResult importFile(
      Path file, String fileName, ImportOptions options, String defaultType, String defaultStatus) {
    requireKnownDefaults(defaultType, defaultStatus);
    FacilityFeatureMapper mapper = new FacilityFeatureMapper(catalogue, defaultType, defaultStatus);
    ImportFormat format = options.format() != null ? options.format() : ImportFormat.detect(fileName, InputFiles.head(file));
    if (InputFiles.size(file) == 0) {
      throw new InputRejectedException(InputProblem.ofField("file", "the file is empty"));
    }
    ReadResult read = read(file, format, options);
    // OSM data is WGS84 by definition, whatever crs the request names
    String crs = format == ImportFormat.OSM_PBF ? "EPSG:4326"
        : options.crs() != null && !options.crs().isBlank() ? options.crs()
        : read.declaredCrs() != null ? read.declaredCrs()
        : "EPSG:4326";
    CoordinateTransformer transformer = CoordinateTransformer.forCrs(crs);

    // an OSM extract cuts objects at its border: those are skipped with a warning, not an error
    List<InputProblem> warnings = format == ImportFormat.OSM_PBF ? read.problems() : List.of();
    List<InputProblem> problems = new ArrayList<>(format == ImportFormat.OSM_PBF ? List.of() : read.problems());
    List<Facility> facilities = new ArrayList<>();
    Map<String, Integer> rowByExternalId = new HashMap<>();
    for (SourceFeature feature : read.features()) {
      Geometry wgs84;
      try {
        wgs84 = transformer.toWgs84(feature.geometry());
      } catch (IllegalArgumentException e) {
        problems.add(InputProblem.ofRow(feature.row(), "geometry", e.getMessage()));
        continue;
      }
      FacilityFeatureMapper.Mapped mapped = mapper.map(feature.row(), wgs84, feature.properties(), null);
      problems.addAll(mapped.problems());
      if (!mapped.ok()) {
        continue;
      }
      String externalId = mapped.facility().externalId();
      if (externalId != null) {
        Integer firstRow = rowByExternalId.putIfAbsent(externalId, feature.row());
        if (firstRow != null) {
          problems.add(InputProblem.ofRow(feature.row(), "externalId",
              "externalId '" + externalId + "' appears again; it was first used at row " + firstRow
                  + " and must be unique in the file"));
          continue;
        }
      }
      facilities.add(mapped.facility());
    }
    if (facilities.isEmpty() && problems.isEmpty()) {
      problems.add(InputProblem.ofField("file", "the file contains no facilities"));
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing((InputProblem p) -> p.row() == null ? Integer.MIN_VALUE : p.row()));
      throw new InputRejectedException(problems);
    }
    return write(facilities, warnings);
  }

  private void requireKnownDefaults(String defaultType, String defaultStatus) {
    List<InputProblem> problems = new ArrayList<>();
    if (defaultType != null && !defaultType.isBlank() && catalogue.lookup(defaultType).isEmpty()) {
      problems.add(InputProblem.ofField("defaultType", "unknown facility type '" + defaultType
          + "'; see GET /api/facility-types for the codes"));
    }
    if (defaultStatus != null && !defaultStatus.isBlank() && FacilityStatus.parse(defaultStatus).isEmpty()) {
      problems.add(InputProblem.ofField("defaultStatus", "unknown status '" + defaultStatus
          + "'; expected existing, planned, candidate or closed"));
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
  }

  /**
   * Writes one import. IMPLEMENTATION NOTE: imports are serialized in this JVM, so that two imports
   * sharing new external ids cannot both decide to insert them (the second then sees the first's
   * rows and updates them); a collision with a writer outside this JVM (another CareCircle on the
   * same database) still hits the unique index and is answered as a conflict, with nothing written.
   */
  private ImportResult write(List<Facility> facilities, List<InputProblem> warnings) {
    synchronized (writeLock) {
      try {
        return writeInTransaction(facilities, warnings);
      } catch (DuplicateKeyException e) {
        throw new ConcurrentChangeException("another import stored some of these external ids at the same moment;"
            + " nothing of this file was written; import it again", e);
      }
    }
  }

  private ImportResult writeInTransaction(List<Facility> facilities, List<InputProblem> warnings) {
    return transaction.execute(status -> {
      Map<String, Long> existing = repository.idsByExternalId(facilities.stream()
          .map(Facility::externalId).filter(java.util.Objects::nonNull).toList());
      List<Facility> inserts = new ArrayList<>();
      List<Facility> updates = new ArrayList<>();
      for (Facility facility : facilities) {
        Long id = facility.externalId() == null ? null : existing.get(facility.externalId());
        if (id == null) {
          inserts.add(facility);
        } else {
          updates.add(facility.withId(id));
        }
      }
      List<Facility> created = repository.insertAll(inserts);
      Map<Long, Facility> before = new HashMap<>();
      repository.findByIdsForUpdate(updates.stream().map(Facility::id).toList()).forEach(f -> before.put(f.id(), f));
      repository.updateAll(updates);
      List<Facility> updatedBefore = new ArrayList<>(updates.size());
      List<Facility> updatedAfter = new ArrayList<>(updates.size());
      for (Facility update : updates) {
        Facility old = before.get(update.id());
        updatedBefore.add(old);
        updatedAfter.add(update.withVersion(old.version() + 1));
      }
      changes.imported(created, updatedBefore, updatedAfter);
      return new ImportResult(facilities.size(), inserts.size(), updates.size(), List.of(), warnings);
    });
  }

  private ReadResult read(Path file, ImportFormat format, ImportOptions options) {
    return switch (format) {
      case GEOJSON -> {
        try (InputStream in = Files.newInputStream(file)) {
          yield GeoJsonReader.read(in);
        } catch (IOException e) {
          throw InputFiles.unreadable(e);
        }
      }
      case CSV -> {
        try (InputStream in = Files.newInputStream(file)) {
          yield CsvFeatureReader.read(in,
              new CsvFeatureReader.Options(options.lonColumn(), options.latColumn(), options.encoding()));
        } catch (IOException e) {
          throw InputFiles.unreadable(e);
        }
      }
      case GEOPACKAGE -> GeoPackageReader.read(file, options.layer());
      case OSM_PBF -> osmFacilities(OsmTaggedFeatureReader.readTaggedFeatures(file, osmMapper::isHealthFacility));
    };
  }

  private ReadResult osmFacilities(ReadResult elements) {
    List<SourceFeature> features = new ArrayList<>();
    for (SourceFeature element : elements.features()) {
      osmMapper.toFacilityFeature(element).ifPresent(features::add);
    }
    return new ReadResult(features, elements.problems());
  }



}
