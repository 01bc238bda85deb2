package org.carecircle.facility;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.carecircle.history.ChangeEntry;
import org.carecircle.history.IfMatch;
import org.carecircle.io.geojson.Feature;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A facility's versions over HTTP: list them, bring one back. */
@RestController
public class FacilityHistoryController {
  private final FacilityService facilities;

  public FacilityHistoryController(FacilityService facilities) {
    this.facilities = facilities;
  }

  /**
   * @param facilityId the facility
   * @param entries its changes, newest first: version, action, user, changedAt, before, after and
   *     the changed fields
   */
  public record FacilityHistory(long facilityId, List<ChangeEntry> entries) {}

  @Operation(summary = "A facility's versions, newest first (also for a deleted facility)")
  @GetMapping("/api/facilities/{id}/history")
  public FacilityHistory history(@PathVariable long id) {
    return new FacilityHistory(id, facilities.history(id));
  }

  @Operation(summary = "Bring back a version of a facility (also after a delete, under the same id)",
      description = "Recorded as a 'restore' with the next version. If-Match (optional) names the current"
          + " version the client saw.")
  @PostMapping("/api/facilities/{id}/history/{version}/restore")
  public ResponseEntity<Feature> restore(@PathVariable long id, @PathVariable long version,
      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
    return FacilityController.withEtag(facilities.restore(id, version, IfMatch.version(ifMatch)));
  }
}
