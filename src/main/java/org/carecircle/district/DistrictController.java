package org.carecircle.district;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.history.IfMatch;
import org.carecircle.io.ImportFormat;
import org.carecircle.io.InputFiles;
import org.carecircle.io.ImportOptions;
import org.carecircle.io.csv.CsvWriter;
import org.carecircle.io.geojson.Feature;
import org.carecircle.io.geojson.FeatureCollectionPage;
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

/** Districts over HTTP: import, list with populations, official figures, export. */
@RestController
public class DistrictController {
  private static final String GEO_JSON = "application/geo+json";
  private static final String CSV = "text/csv;charset=UTF-8";

  private final DistrictService districts;
  private final DistrictImportService importer;
  private final ObjectMapper json;
  private final PagingProperties paging;

  public DistrictController(DistrictService districts, DistrictImportService importer, ObjectMapper json,
      PagingProperties paging) {
    this.paging = paging;
    this.districts = districts;
    this.importer = importer;
    this.json = json;
  }

  @Operation(summary = "Add districts from GeoJSON, GeoPackage or OSM PBF boundary relations, all or nothing",
      description = "Answers {imported, districts: [{id, name, code}], crs, warnings}. A file with any bad row is"
          + " rejected whole with 422 and every problem listed in 'rejected'.")
  @PostMapping(path = "/api/districts/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public DistrictImportResult importFile(
      @RequestPart("file") MultipartFile file,
      @Parameter(description = "geojson, gpkg or pbf; default: from the file name and content")
          @RequestParam(required = false) String format,
      @Parameter(description = "EPSG:4326 (default), EPSG:4490, GCJ-02 (AMap/DataV), BD-09 or EPSG:n; OSM is"
          + " always WGS84") @RequestParam(required = false) String crs,
      @Parameter(description = "the column with the names; default: name, 名称...") @RequestParam(required = false) String nameField,
      @Parameter(description = "the column with the codes; default: adcode, code, ISO3166-2, ref...")
          @RequestParam(required = false) String codeField,
      @Parameter(description = "GeoPackage layer; default: the only feature layer") @RequestParam(required = false) String layer,
      @Parameter(description = "OSM: the admin_level to import (China: 区/县 = 6); default: the only level in the file")
          @RequestParam(required = false) String adminLevel)
      throws IOException {
    ImportFormat importFormat = InputFiles.formatParameter(format, "geojson, gpkg or pbf");
    return Uploads.withLocalCopy(file, "carecircle-districts", upload -> importer.importFile(upload, file.getOriginalFilename(),
          new ImportOptions(importFormat, crs, null, null, null, layer), nameField, codeField, adminLevel));
  }

  @Operation(summary = "The districts as a GeoJSON FeatureCollection with their population, one page at a time",
      description = "Properties: id, name, code, population, officialPopulation, cellPopulation, populationSource"
          + " (official, cells or none).")
  @GetMapping(path = "/api/districts", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public FeatureCollectionPage list(
      @Parameter(description = "districts per page; default carecircle.paging.default-limit")
      @RequestParam(required = false) Integer limit,
      @Parameter(description = "districts skipped before the page; default 0") @RequestParam(required = false) Long offset,
      HttpServletRequest request) {
    Paged<DistrictPopulation> page = districts.list(PageRequest.of(limit, offset, paging));
    return new FeatureCollectionPage(DistrictGeoJson.toCollection(page.items()).features(), page.numberMatched(),
        PageLinks.next(request, page.next(), GEO_JSON));
  }

  @Operation(summary = "One district as a GeoJSON Feature; the ETag header is its version")
  @GetMapping(path = "/api/districts/{id}", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<Feature> get(@PathVariable long id) {
    return withEtag(districts.get(id));
  }

  @Operation(summary = "Set a district's official population ({\"officialPopulation\": 123456}), or clear it with null",
      description = "With If-Match (the district's ETag) a stale version answers 409 and writes nothing.")
  @PutMapping(path = "/api/districts/{id}/official-population", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<Feature> setOfficialPopulation(@PathVariable long id, @RequestBody JsonNode body,
      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return withEtag(districts.setOfficialPopulation(id, OfficialPopulationParameter.parse(body),
        IfMatch.version(ifMatch)));
  }

  private static ResponseEntity<Feature> withEtag(DistrictPopulation district) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(GEO_JSON))
        .eTag(IfMatch.etag(district.district().version()))
        .body(DistrictGeoJson.toFeature(district));
  }

  @Operation(summary = "Remove every district")
  @DeleteMapping("/api/districts")
  public Map<String, Integer> deleteAll() {
    return Map.of("deleted", districts.deleteAll());
  }

  @Operation(summary = "The district table as CSV (UTF-8 with BOM, for Excel) or GeoJSON")
  @GetMapping("/api/districts/export")
  public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "csv") String format) {
    String wanted = format.trim().toLowerCase(Locale.ROOT);
    if (!wanted.equals("csv") && !wanted.equals("geojson")) {
      throw new InputRejectedException(InputProblem.ofField("format", "unknown export format '" + format
          + "'; expected csv or geojson"));
    }
    var entries = districts.list();
    boolean csv = wanted.equals("csv");
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(csv ? CSV : GEO_JSON))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("districts-" + LocalDate.now() + "." + wanted).build().toString())
        .body(out -> {
          if (csv) {
            CsvWriter.write(out, DistrictGeoJson.TABLE_FIELDS, DistrictGeoJson.toTable(entries));
          } else {
            json.writeValue(out, DistrictGeoJson.toCollection(entries));
          }
        });
  }
}
