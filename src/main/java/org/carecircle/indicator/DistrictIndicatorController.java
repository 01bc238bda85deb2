package org.carecircle.indicator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Locale;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** District indicators against a planning standard, as JSON, CSV or GeoJSON. */
@RestController
public class DistrictIndicatorController {
  private static final String GEO_JSON = "application/geo+json";
  private static final String CSV = "text/csv;charset=UTF-8";
  private final DistrictIndicatorService indicators;

  public DistrictIndicatorController(DistrictIndicatorService indicators) {
    this.indicators = indicators;
  }

  @Operation(summary = "Per district: population, facilities by type, beds and physicians per 1,000, share within"
      + " each access target, pass/fail per target of a standard")
  @GetMapping("/api/districts/indicators")
  public ResponseEntity<?> indicators(
      @Parameter(description = "planning standard code, e.g. qingdao-2024") @RequestParam(required = false) String standard,
      @Parameter(description = "road network for the access targets; without it they are skipped")
          @RequestParam(required = false) Long networkId,
      @Parameter(description = "json (default), csv (UTF-8 with BOM) or geojson") @RequestParam(defaultValue = "json") String format) {
    String wanted = format.trim().toLowerCase(Locale.ROOT);
    if (!wanted.equals("json") && !wanted.equals("csv") && !wanted.equals("geojson")) {
      throw new InputRejectedException(InputProblem.ofField("format", "unknown format '" + format
          + "'; expected json, csv or geojson"));
    }
    IndicatorReport report = indicators.report(standard, networkId);
    if (wanted.equals("json")) {
      return ResponseEntity.ok(report);
    }
    String fileName = "district-indicators-" + report.standard() + "." + wanted;
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(fileName).build().toString());
    if (wanted.equals("geojson")) {
      return ok.contentType(MediaType.parseMediaType(GEO_JSON)).body(IndicatorTable.geoJson(report));
    }
    // a table of districts is small: written whole, as bytes
    java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
    try {
      IndicatorTable.writeCsv(report, csv);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ok.contentType(MediaType.parseMediaType(CSV)).body(csv.toByteArray());
  }
}
