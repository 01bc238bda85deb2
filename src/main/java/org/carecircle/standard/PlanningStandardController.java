package org.carecircle.standard;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Planning standards and their targets. */
@RestController
public class PlanningStandardController {
  private final PlanningStandardService standards;

  public PlanningStandardController(PlanningStandardService standards) {
    this.standards = standards;
  }

  /** Body of a target change: the new pass mark and, for an access target, minutes; either may be left out. */
  public record TargetChange(Double value, Double minutes) {}

  @Operation(summary = "The planning standards and their targets (with stored changes applied)")
  @GetMapping("/api/standards")
  public List<PlanningStandard> list() {
    return standards.list();
  }

  @Operation(summary = "One planning standard and its targets (with stored changes applied)")
  @GetMapping("/api/standards/{code}")
  public PlanningStandard get(@PathVariable String code) {
    return standards.get(code);
  }

  @Operation(summary = "Change a target's value (and minutes); stored until reset")
  @PutMapping("/api/standards/{code}/targets/{target}")
  public PlanningStandard.Target setTarget(@PathVariable String code, @PathVariable String target,
      @RequestBody(required = false) TargetChange change) {
    return standards.setTarget(code, target, change == null ? null : change.value(),
        change == null ? null : change.minutes());
  }

  @Operation(summary = "Reset a target to the value (and minutes) of the standards file")
  @DeleteMapping("/api/standards/{code}/targets/{target}")
  public PlanningStandard.Target resetTarget(@PathVariable String code, @PathVariable String target) {
    return standards.resetTarget(code, target);
  }
}
