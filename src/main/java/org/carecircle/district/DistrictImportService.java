package org.carecircle.district;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeLog;
import org.carecircle.history.EntityType;
import org.carecircle.io.ImportFormat;
import org.carecircle.io.InputFiles;
import org.carecircle.io.ImportOptions;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.io.crs.ChinaOffset;
import org.carecircle.io.crs.CoordinateTransformer;
import org.carecircle.io.geojson.GeoJsonReader;
import org.carecircle.io.gpkg.GeoPackageReader;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports district boundaries from GeoJSON, GeoPackage or OSM PBF, appending them to the stored
 * districts, all or nothing.
 *
 * <p>Every feature must be a Polygon or MultiPolygon with a name; codes, when the file has them,
 * must be unique in the file and not already stored (import a corrected file after {@code DELETE
 * /api/districts}). OSM relations that the extract cuts off are skipped with a warning, as for
 * facilities.
 *
 * <p>Boundaries that lie in China but were read as WGS84 get a warning: AMap/DataV boundaries,
 * the most common source there, are GCJ-02 and would sit several hundred metres off.
 */
@Service
public class DistrictImportService {
  /** The warning for boundaries in China read as WGS84. */
  static final String GCJ02_WARNING = "these boundaries lie in China and were imported as WGS84; if they come"
      + " from AMap/DataV they are GCJ-02 and will appear offset by several hundred metres: import again with"
      + " crs=GCJ-02";

  private final DistrictRepository repository;
  private final TransactionTemplate transaction;

  private final ChangeLog log;

  public DistrictImportService(DistrictRepository repository, TransactionTemplate transaction, ChangeLog log) {
    this.log = log;
    this.repository = repository;
    this.transaction = transaction;
  }

  /**
   * @param file the uploaded file on local disk
   * @param fileName the name the planner gave it (used to detect the format), may be null
   * @param options format (null = detect), crs (null = the file's own, else EPSG:4326; OSM is always
   *     WGS84), GeoPackage layer
   * @param nameField the column with the names, or null to detect it
   * @param codeField the column with the codes, or null to detect it
   * @param adminLevel OSM only: the admin_level to read, or null for the only one in the file
   * @throws InputRejectedException listing every problem; nothing has been written then
   */
  public DistrictImportResult importFile(Path file, String fileName, ImportOptions options, String nameField,
      String codeField, String adminLevel) {
    byte[] head = InputFiles.head(file);
    if (head.length == 0) {
      throw new InputRejectedException(InputProblem.ofField("file", "the file is empty"));
    }
    ImportFormat format = options.format() != null ? options.format() : ImportFormat.detect(fileName, head);
    if (format == ImportFormat.CSV) {
      throw new InputRejectedException(InputProblem.ofField("file", "districts need boundaries (polygons), which"
          + " a CSV file cannot hold; import GeoJSON, GeoPackage or an OSM PBF extract"));
    }
    ReadResult read = switch (format) {
      case OSM_PBF -> OsmBoundaryReader.read(file, adminLevel);
      case GEOPACKAGE -> GeoPackageReader.read(file, options.layer());
      default -> readGeoJson(file);
    };
    String crs = format == ImportFormat.OSM_PBF ? "EPSG:4326"
        : options.crs() != null && !options.crs().isBlank() ? options.crs()
        : read.declaredCrs() != null ? read.declaredCrs()
        : "EPSG:4326";
    CoordinateTransformer transformer = CoordinateTransformer.forCrs(crs);

    Set<String> columns = new LinkedHashSet<>();
    read.features().forEach(feature -> columns.addAll(feature.properties().keySet()));
    String nameColumn = DistrictFeatureMapper.chooseColumn(columns, nameField, DistrictFeatureMapper.NAME_COLUMNS,
        "nameField", true);
    String codeColumn = DistrictFeatureMapper.chooseColumn(columns, codeField, DistrictFeatureMapper.CODE_COLUMNS,
        "codeField", false);
    DistrictFeatureMapper mapper = new DistrictFeatureMapper(nameColumn, codeColumn, transformer);

    // an OSM extract cuts boundaries at its border: those are skipped with a warning, not an error
    List<InputProblem> warnings = new ArrayList<>(format == ImportFormat.OSM_PBF ? read.problems() : List.of());
    List<InputProblem> problems = new ArrayList<>(format == ImportFormat.OSM_PBF ? List.of() : read.problems());
    List<District> districts = new ArrayList<>();
    Map<String, Integer> rowByCode = new HashMap<>();
    for (SourceFeature feature : read.features()) {
      DistrictFeatureMapper.Mapped mapped = mapper.map(feature);
      if (mapped.problem() != null) {
        problems.add(mapped.problem());
        continue;
      }
      District district = mapped.district();
      if (district.code() != null) {
        Integer firstRow = rowByCode.putIfAbsent(district.code(), feature.row());
        if (firstRow != null) {
          problems.add(InputProblem.ofRow(feature.row(), codeColumn, "the code " + district.code()
              + " appears again; it was first used at row " + firstRow + " and must be unique"));
          continue;
        }
      }
      if (mapped.repaired()) {
        warnings.add(InputProblem.ofRow(feature.row(), "geometry", "the boundary of " + district.name()
            + " was not a valid polygon (a ring crosses itself or similar) and was repaired"));
      }
      districts.add(district);
    }
    Map<String, Long> stored = repository.idsByCode(rowByCode.keySet());
    stored.forEach((code, id) -> problems.add(InputProblem.ofRow(rowByCode.get(code), codeColumn, "a district with"
        + " the code " + code + " is already stored (id " + id + "); to replace the districts, remove them first"
        + " with DELETE /api/districts")));
    if (districts.isEmpty() && problems.isEmpty()) {
      problems.add(InputProblem.ofField("file", "the file contains no districts"
          + (warnings.isEmpty() ? "" : " that could be read whole (see the warnings: " + warnings.get(0).message() + ")")));
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing((InputProblem p) -> p.row() == null ? Integer.MIN_VALUE : p.row()));
      throw new InputRejectedException(problems);
    }
    if (format != ImportFormat.OSM_PBF && transformer.crsName().equals("EPSG:4326") && liesInChina(districts)) {
      warnings.add(0, InputProblem.ofField("crs", GCJ02_WARNING));
    }
    List<District> written = transaction.execute(status -> {
      List<District> inserted = repository.insertAll(districts);
      log.recordAll(inserted.stream().map(d -> new Change(EntityType.DISTRICT, String.valueOf(d.id()), d.version(),
          ChangeAction.IMPORT, null, d.historyState())).toList());
      return inserted;
    });
    return new DistrictImportResult(written.size(), written.stream()
        .map(d -> new DistrictImportResult.Imported(d.id(), d.name(), d.code())).toList(),
        transformer.crsName(), warnings);
  }

  /**
   * Whether all the boundaries lie inside the rectangle where the Chinese map providers offset
   * coordinates (see {@link ChinaOffset#isOutsideChina}).
   */
  static boolean liesInChina(List<District> districts) {
    Envelope extent = new Envelope();
    districts.forEach(d -> extent.expandToInclude(d.boundary().getEnvelopeInternal()));
    return !extent.isNull()
        && !ChinaOffset.isOutsideChina(extent.getMinX(), extent.getMinY())
        && !ChinaOffset.isOutsideChina(extent.getMaxX(), extent.getMaxY());
  }

  private static ReadResult readGeoJson(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return GeoJsonReader.read(in);
    } catch (IOException e) {
      throw InputFiles.unreadable(e);
    }
  }


}
