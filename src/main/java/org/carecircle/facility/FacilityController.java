package org.carecircle.facility;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.history.IfMatch;
import org.carecircle.io.ImportFormat;
import org.carecircle.io.InputFiles;
import org.carecircle.io.ImportOptions;
import org.carecircle.io.geojson.Feature;
import org.carecircle.io.geojson.FeatureCollectionPage;
import org.carecircle.io.geojson.GeoJsonReader;
import org.carecircle.paging.PageRequest;
import org.carecircle.paging.Paged;
import org.carecircle.paging.PagingProperties;
import org.carecircle.web.PageLinks;
import org.carecircle.web.Uploads;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The facility registry over HTTP: GeoJSON in and out, imports and exports. */
@RestController
public class FacilityController {
  private static final String GEO_JSON = "application/geo+json";

  private final FacilityService facilities;
  private final FacilityImportService importer;
  private final FacilityExportService exporter;
  private final PagingProperties paging;

  public FacilityController(FacilityService facilities, FacilityImportService importer,
      FacilityExportService exporter, PagingProperties paging) {
    this.paging = paging;
    this.facilities = facilities;
    this.importer = importer;
    this.exporter = exporter;
  }

  @Operation(summary = "List facilities as a GeoJSON FeatureCollection, one page at a time",
      description = "Ordered by id. The answer carries numberMatched (all matching facilities), numberReturned"
          + " and links with rel=next (absent on the last page); follow it until there is none.")
  @GetMapping(path = "/api/facilities", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public FeatureCollectionPage list(
      @Parameter(description = "type codes or names, comma-separated") @RequestParam(required = false) String type,
      @Parameter(description = "existing, planned, candidate, closed; comma-separated") @RequestParam(required = false) String status,
      @Parameter(description = "minLon,minLat,maxLon,maxLat (WGS84)") @RequestParam(required = false) String bbox,
      @Parameter(description = "facilities per page; default carecircle.paging.default-limit (1000), at most"
          + " carecircle.paging.max-limit (10000)") @RequestParam(required = false) Integer limit,
      @Parameter(description = "facilities skipped before the page; default 0") @RequestParam(required = false) Long offset,
      HttpServletRequest request) {
    FacilityQuery query = FacilityQueryParser.parse(type, status, bbox, facilities.catalogue());
    Paged<Facility> page = facilities.find(query, PageRequest.of(limit, offset, paging));
    return new FeatureCollectionPage(page.items().stream().map(FacilityGeoJson::toFeature).toList(),
        page.numberMatched(), PageLinks.next(request, page.next(), GEO_JSON));
  }

  @Operation(summary = "One facility as a GeoJSON Feature",
      description = "The ETag header is its version (\"3\"); send it back as If-Match with PUT or DELETE.")
  @GetMapping(path = "/api/facilities/{id}", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<Feature> get(@PathVariable long id) {
    return withEtag(facilities.get(id));
  }

  @Operation(summary = "Add a facility (a GeoJSON Feature with a Point in WGS84)")
  @PostMapping(path = "/api/facilities", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<Feature> create(@RequestBody JsonNode feature) {
    Facility created = facilities.create(GeoJsonReader.readSingleFeature(feature));
    return ResponseEntity.created(URI.create("/api/facilities/" + created.id()))
        .contentType(MediaType.parseMediaType(GEO_JSON))
        .eTag(IfMatch.etag(created.version()))
        .body(FacilityGeoJson.toFeature(created));
  }

  @Operation(summary = "Replace a facility",
      description = "With If-Match (the ETag of the version edited) a stale version answers 409 with both"
          + " versions and writes nothing; without it the facility is replaced whatever its version.")
  @PutMapping(path = "/api/facilities/{id}", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<Feature> update(@PathVariable long id, @RequestBody JsonNode feature,
      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return withEtag(facilities.update(id, GeoJsonReader.readSingleFeature(feature), IfMatch.version(ifMatch)));
  }

  @Operation(summary = "Delete a facility (its history stays and it can be restored)",
      description = "With If-Match a stale version answers 409 and deletes nothing.")
  @DeleteMapping("/api/facilities/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id,
      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    facilities.delete(id, IfMatch.version(ifMatch));
    return ResponseEntity.noContent().build();
  }

  static ResponseEntity<Feature> withEtag(Facility facility) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(GEO_JSON))
        .eTag(IfMatch.etag(facility.version()))
        .body(FacilityGeoJson.toFeature(facility));
  }

  @Operation(summary = "Import facilities from GeoJSON, CSV, GeoPackage or OSM PBF, all or nothing",
      description = "Answers {imported, created, updated, rejected: []}; a file with any bad row is "
          + "rejected whole with 422 and every bad row listed in 'rejected' (row, field, message).")
  @PostMapping(path = "/api/facilities/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ImportResult importFile(
      @RequestPart("file") MultipartFile file,
      @Parameter(description = "geojson, csv, gpkg or pbf; default: from the file name and content")
          @RequestParam(required = false) String format,
      @Parameter(description = "EPSG:4326 (default), EPSG:4490 (CGCS2000), GCJ-02, BD-09 or EPSG:n")
          @RequestParam(required = false) String crs,
      @Parameter(description = "CSV encoding: UTF-8 (default), GBK or GB18030") @RequestParam(required = false) String encoding,
      @Parameter(description = "CSV longitude column; default: detected") @RequestParam(required = false) String lonColumn,
      @Parameter(description = "CSV latitude column; default: detected") @RequestParam(required = false) String latColumn,
      @Parameter(description = "GeoPackage layer; default: the only feature layer") @RequestParam(required = false) String layer,
      @Parameter(description = "type for rows without one, e.g. clinic") @RequestParam(required = false) String defaultType,
      @Parameter(description = "status for rows without one; default existing") @RequestParam(required = false) String defaultStatus)
      throws IOException {
    ImportFormat importFormat = InputFiles.formatParameter(format, "geojson, csv, gpkg or pbf");
    return Uploads.withLocalCopy(file, "carecircle-import", upload -> importer.importFile(upload, file.getOriginalFilename(),
          new ImportOptions(importFormat, crs, encoding, lonColumn, latColumn, layer), defaultType, defaultStatus));
  }

  @Operation(summary = "Export facilities as GeoJSON, CSV (UTF-8 with BOM) or GeoPackage")
  @GetMapping("/api/facilities/export")
  public ResponseEntity<StreamingResponseBody> export(
      @RequestParam(defaultValue = "geojson") String format,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String bbox) {
    ExportFormat exportFormat = ExportFormat.parse(format).orElseThrow(() -> new InputRejectedException(
        InputProblem.ofField("format", "unknown export format '" + format + "'; expected geojson, csv or gpkg")));
    var selected = facilities.find(FacilityQueryParser.parse(type, status, bbox, facilities.catalogue()));
    String fileName = "facilities-" + LocalDate.now() + "." + exportFormat.extension();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(exportFormat.mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
        .body(out -> exporter.write(selected, exportFormat, out));
  }

  @Operation(summary = "The facility type catalogue: groups and types with names, colours and icons")
  @GetMapping("/api/facility-types")
  public Map<String, Object> types() {
    var catalogue = facilities.catalogue();
    return Map.of("groups", catalogue.groups(), "types", catalogue.types().stream()
        .map(t -> Map.of("code", t.code(), "nameZh", t.nameZh(), "nameEn", t.nameEn(),
            "group", t.group(), "color", t.color(), "icon", t.icon()))
        .toList());
  }
}
