package org.carecircle.coverage;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.job.JobAccepted;
import org.carecircle.paging.PageRequest;
import org.carecircle.paging.Paged;
import org.carecircle.paging.PagingProperties;
import org.carecircle.web.PageLinks;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Coverage zones (the "15-minute service circle") over HTTP. */
@RestController
public class CoverageZoneController {
  private static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final CoverageZoneService zones;
  private final PagingProperties paging;

  public CoverageZoneController(CoverageZoneService zones, PagingProperties paging) {
    this.paging = paging;
    this.zones = zones;
  }

  @Operation(summary = "Compute coverage zones now and store them",
      description = "Body: networkId, facilityIds | facilityFilter{types,statuses} | points, mode (walk, drive, "
          + "ambulance), minutes [5,10,15], method (network, radius), radiusMeters, speedKmh, turnoutMinutes, "
          + "merge (none, dissolve). Answers a FeatureCollection with zoneSetId and unreachable origins.")
  @PostMapping(path = "/api/coverage-zones", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<ZoneCollection> compute(@RequestBody(required = false) CoverageRequest request) {
    ZoneSet set = zones.compute(request);
    return ResponseEntity.created(URI.create("/api/coverage-zones/" + set.id())).contentType(GEO_JSON)
        .body(ZoneCollection.of(set));
  }

  @Operation(summary = "Compute coverage zones as a background job (progress, cancel)",
      description = "Same body as POST /api/coverage-zones; answers 202 with the job. When it succeeds, "
          + "its result is {zoneSetId}.")
  @PostMapping("/api/coverage-zones/jobs")
  public ResponseEntity<JobAccepted> submit(@RequestBody(required = false) CoverageRequest request) {
    return JobAccepted.response(zones.submit(request));
  }

  @Operation(summary = "The stored zone sets without their zones, newest first, one page at a time",
      description = "{numberMatched, numberReturned, links: [{rel: next, href}], zoneSets: [{zoneSetId, networkId,"
          + " createdAt, parameters}]}; limit/offset as for GET /api/facilities.")
  @GetMapping("/api/coverage-zones")
  public Map<String, Object> list(@RequestParam(required = false) Integer limit,
      @RequestParam(required = false) Long offset, HttpServletRequest request) {
    Paged<ZoneSet> page = zones.list(PageRequest.of(limit, offset, paging));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("numberMatched", page.numberMatched());
    answer.put("numberReturned", page.items().size());
    answer.put("links", PageLinks.next(request, page.next(), MediaType.APPLICATION_JSON_VALUE));
    answer.put("zoneSets", page.items().stream().map(set -> Map.<String, Object>of(
        "zoneSetId", set.id(), "networkId", set.networkId() == null ? "" : set.networkId(),
        "createdAt", set.createdAt(), "parameters", set.parameters())).toList());
    return answer;
  }

  @Operation(summary = "A stored zone set as a GeoJSON FeatureCollection")
  @GetMapping(path = "/api/coverage-zones/{id}", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<ZoneCollection> get(@PathVariable long id) {
    return ResponseEntity.ok().contentType(GEO_JSON).body(ZoneCollection.of(zones.get(id)));
  }

  @Operation(summary = "Download a stored zone set as a GeoJSON file")
  @GetMapping("/api/coverage-zones/{id}/export")
  public ResponseEntity<ZoneCollection> export(@PathVariable long id) {
    return ResponseEntity.ok().contentType(GEO_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("coverage-zones-" + id + ".geojson").build().toString())
        .body(ZoneCollection.of(zones.get(id)));
  }

  @Operation(summary = "Delete a stored zone set")
  @DeleteMapping("/api/coverage-zones/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id) {
    zones.delete(id);
    return ResponseEntity.noContent().build();
  }
}
