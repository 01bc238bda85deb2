package org.carecircle.population;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ImportOptions;
import org.carecircle.job.JobAccepted;
import org.carecircle.web.Uploads;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The population layer over HTTP: import (in the request or as a job), summary and cells for the map. */
@RestController
public class PopulationController {
  private static final String GEO_JSON = "application/geo+json";

  private final PopulationService population;
  private final PopulationImportService importer;

  public PopulationController(PopulationService population, PopulationImportService importer) {
    this.population = population;
    this.importer = importer;
  }

  @Operation(summary = "Replace the population layer with a GeoTIFF, CSV, GeoJSON or GeoPackage file, all or nothing",
      description = "Answers {cells, totalPopulation, droppedNoData, droppedZero, format, crs, valueColumn, bbox,"
          + " warnings}; a file with any bad row or pixel is rejected whole with 422, every problem listed in"
          + " 'rejected', and the current layer is kept.")
  @PostMapping(path = "/api/population/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public PopulationImportResult importFile(
      @RequestPart("file") MultipartFile file,
      @Parameter(description = "the column or attribute with the counts; default: detected (population, pop,"
          + " POP2000, 人口, 常住人口...); not used for rasters") @RequestParam(required = false) String valueColumn,
      @Parameter(description = "EPSG:4326, EPSG:4490, GCJ-02, BD-09 or EPSG:n; default: what the file declares,"
          + " else EPSG:4326") @RequestParam(required = false) String crs,
      @Parameter(description = "CSV encoding: UTF-8 (default), GBK or GB18030") @RequestParam(required = false) String encoding,
      @Parameter(description = "CSV longitude column; default: detected") @RequestParam(required = false) String lonColumn,
      @Parameter(description = "CSV latitude column; default: detected") @RequestParam(required = false) String latColumn,
      @Parameter(description = "GeoPackage layer; default: the only feature layer") @RequestParam(required = false) String layer)
      throws IOException {
    return Uploads.withLocalCopy(file, "carecircle-population", upload -> importer.importFile(upload,
        file.getOriginalFilename(), new ImportOptions(null, crs, encoding, lonColumn, latColumn, layer), valueColumn));
  }

  @Operation(summary = "Replace the population layer as a background job (for large rasters), all or nothing",
      description = "Takes the same fields as POST /api/population/import. Answers 202 with {jobId, statusUrl};"
          + " poll GET /api/jobs/{jobId}: progress is the share of raster rows checked and cells written, the"
          + " result the same {cells, totalPopulation, ...} as the synchronous import. An empty file, an OSM"
          + " file, an unknown crs or a raster without usable georeferencing is rejected at once with 422;"
          + " problems found while reading fail the job with the same 'rejected' list. A cancel"
          + " (DELETE /api/jobs/{jobId}) before the last cell is written keeps the current layer.")
  @PostMapping(path = "/api/population/import-jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<JobAccepted> importJob(
      @RequestPart("file") MultipartFile file,
      @Parameter(description = "as for /api/population/import") @RequestParam(required = false) String valueColumn,
      @Parameter(description = "as for /api/population/import") @RequestParam(required = false) String crs,
      @Parameter(description = "as for /api/population/import") @RequestParam(required = false) String encoding,
      @Parameter(description = "as for /api/population/import") @RequestParam(required = false) String lonColumn,
      @Parameter(description = "as for /api/population/import") @RequestParam(required = false) String latColumn,
      @Parameter(description = "as for /api/population/import") @RequestParam(required = false) String layer)
      throws IOException {
    // kept beyond the request: the job owns the copy and removes it when it ends
    Path upload = Files.createTempFile("carecircle-population-job", ".upload");
    try {
      file.transferTo(upload);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(upload);
      throw e;
    }
    return JobAccepted.response(importer.submitImport(upload, file.getOriginalFilename(),
        new ImportOptions(null, crs, encoding, lonColumn, latColumn, layer), valueColumn));
  }

  @Operation(summary = "Cells, total population, extent and source of the population layer")
  @GetMapping("/api/population/summary")
  public PopulationSummary summary() {
    return population.summary();
  }

  @Operation(summary = "Population cells in a box as GeoJSON; summed into squares when there are more than the limit",
      description = "Never more than 10,000 features. 'aggregated' says whether the features are cells or squares.")
  @GetMapping(path = "/api/population/cells", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public PopulationCellCollection cells(
      @Parameter(description = "minLon,minLat,maxLon,maxLat (WGS84); default: everything")
          @RequestParam(required = false) String bbox,
      @Parameter(description = "the most features to return, 1 to 10000") @RequestParam(defaultValue = "10000") int limit,
      @Parameter(description = "point (default) or polygon") @RequestParam(defaultValue = "point") String geometry) {
    return population.cells(BoundingBoxParameter.parse(bbox), limit, polygons(geometry));
  }

  @Operation(summary = "Remove the population layer")
  @DeleteMapping("/api/population")
  public ResponseEntity<Void> delete() {
    population.deleteAll();
    return ResponseEntity.noContent().build();
  }

  private static boolean polygons(String geometry) {
    return switch (geometry.trim().toLowerCase(Locale.ROOT)) {
      case "point", "points" -> false;
      case "polygon", "polygons" -> true;
      default -> throw new InputRejectedException(InputProblem.ofField("geometry",
          "unknown geometry '" + geometry + "'; expected point or polygon"));
    };
  }
}
