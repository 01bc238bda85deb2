package org.carecircle.siting;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.carecircle.job.JobAccepted;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Siting of new stations over HTTP: on a road network and the stored population, or on an explicit cost matrix. */
@RestController
public class SitingController {
  private static final String BODY = "Body: model (mclp, lscp, pmedian, pcenter), p, solver (heuristic, exact, "
      + "auto), timeLimitSeconds, targetShare, backup, curveMaxP, and EITHER a network problem: networkId, mode "
      + "(ambulance, drive, walk), minutes (response-time standard, turnout included), turnoutMinutes, "
      + "candidateGrid {spacingMeters, excludedAreas (GeoJSON polygon)}, candidateFacilities {ids} or {types, statuses} "
      + "(default status candidate) or candidates [{id, lon, lat, fixed}], "
      + "fixedFacilities {ids} or {types, statuses}, maxDemandPoints; demand is the stored population; costs are "
      + "minutes; OR an explicit matrix: cutoff, demand [{id, weight}], candidates [{id, fixed}], costs [{candidate, "
      + "demand, cost}] in one unit (metres or seconds); p-median and p-center need every pair.";

  private final SitingService siting;

  public SitingController(SitingService siting) {
    this.siting = siting;
  }

  @Operation(summary = "Choose new sites now", description = BODY)
  @PostMapping("/api/siting/solve")
  public SitingAnswer solve(@RequestBody(required = false) SitingRequest request) {
    return siting.solve(request);
  }

  @Operation(summary = "Choose new sites as a background job (progress, cancel)",
      description = BODY + " Answers 202 with the job; its result is the same answer as /api/siting/solve.")
  @PostMapping("/api/siting/jobs")
  public ResponseEntity<JobAccepted> submit(@RequestBody(required = false) SitingRequest request) {
    return JobAccepted.response(siting.submit(request));
  }

  @Operation(summary = "Coverage (or mean cost) against the number of new sites, p = 1 .. maxP",
      description = BODY + " With maxP instead of p; the heuristic unless solver says otherwise.")
  @PostMapping("/api/siting/curve")
  public List<SitingAnswer.CurvePoint> curve(@RequestBody(required = false) SitingRequest request) {
    return siting.curve(request);
  }

  @Operation(summary = "A stored network siting answer", description = "Network problems are stored when solved;"
      + " their answer carries this resultId.")
  @GetMapping("/api/siting/results/{id}")
  public SitingAnswer result(@PathVariable long id) {
    return siting.run(id);
  }
}
