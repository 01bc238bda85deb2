package org.carecircle.standard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.history.Change;
import org.carecircle.history.ChangeAction;
import org.carecircle.history.ChangeRecorder;
import org.carecircle.history.EntityType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The planning standards: read once from the packaged {@value #RESOURCE}, with the target changes
 * made through {@link #setTarget} applied on top. Changes are stored ({@link
 * TargetOverrideRepository}), so they outlive a restart; {@link #resetTarget} goes back to the
 * file's values. Changes are read from the store on every call (a handful of rows), so every
 * instance of the application sees the same targets.
 */
@Service
public class PlanningStandardService {
  public static final String RESOURCE = "/geodata/planning-standards.yaml";
  /** A share target is a fraction of the residents. */
  private static final double MAX_SHARE = 1;
  /** Three hours: beyond any planning standard's travel time; the search budget stays bounded. */
  private static final double MAX_MINUTES = 180;

  private final Map<String, PlanningStandard> fileStandards = new LinkedHashMap<>();
  private final TargetOverrideRepository overrides;
  private final ChangeRecorder changes;

  private record File(List<PlanningStandard> standards) {}

  /** @param changes where target changes and resets are recorded, in their transaction */
  public PlanningStandardService(TargetOverrideRepository overrides, ChangeRecorder changes) {
    this.overrides = overrides;
    this.changes = changes;
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = PlanningStandardService.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the package");
      }
      for (PlanningStandard standard : yaml.readValue(in, File.class).standards()) {
        fileStandards.put(standard.code(), new PlanningStandard(standard.code(), standard.name(),
            standard.targets().stream().map(PlanningStandard.Target::asFileTarget).toList()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Every standard, in the order of the file, with the stored changes applied. */
  public List<PlanningStandard> list() {
    return fileStandards.values().stream().map(this::withOverrides).toList();
  }

  /**
   * One standard with the stored changes applied.
   *
   * @throws NotFoundException when there is no such standard
   */
  public PlanningStandard get(String code) {
    return withOverrides(fileStandard(code));
  }

  /**
   * Changes a target's pass mark and, for an access target, its minutes; stored until reset. A
   * change back to the file's values removes the stored change.
   *
   * @param value the new pass mark (share 0..1 for access, else &gt;= 0), or null to keep it
   * @param minutes the new minutes (access only, (0, 180]), or null to keep them
   * @throws NotFoundException when the standard or the target does not exist
   * @throws InputRejectedException on field {@code value} or {@code minutes} when out of range
   */
  @Transactional
  public synchronized PlanningStandard.Target setTarget(String code, String targetCode, Double value, Double minutes) {
    PlanningStandard.Target target = target(get(code), targetCode);
    List<InputProblem> problems = new ArrayList<>();
    boolean share = target.kind() == PlanningStandard.Kind.access;
    if (value == null && minutes == null) {
      problems.add(InputProblem.ofField("value", target.hasMinutes() ? "give value, minutes or both"
          : "value is required"));
    }
    if (value != null && (!(value >= 0) || Double.isInfinite(value) || (share && value > MAX_SHARE))) {
      problems.add(InputProblem.ofField("value", share ? "an access target's value is a share of residents,"
          + " from 0 to 1; got " + value : "value must be a finite number of 0 or more; got " + value));
    }
    if (minutes != null && !target.hasMinutes()) {
      problems.add(InputProblem.ofField("minutes", "only an access target has minutes; " + targetCode + " is a "
          + target.kind() + " target"));
    } else if (minutes != null && (!(minutes > 0) || minutes > MAX_MINUTES)) {
      problems.add(InputProblem.ofField("minutes", "minutes must be more than 0 and at most " + (int) MAX_MINUTES
          + "; got " + minutes));
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    PlanningStandard.Target changed = target.with(value == null ? target.value() : value,
        minutes == null ? target.minutes() : minutes);
    if (changed.changed()) {
      overrides.save(new TargetOverride(code, targetCode, changed.value(), target.hasMinutes() ? changed.minutes()
          : null));
    } else {
      overrides.delete(code, targetCode);
    }
    record(code, target, changed, ChangeAction.SET_TARGET);
    return changed;
  }

  /**
   * Forgets the stored change of a target: it goes back to the file's values.
   *
   * @return the target as in the file
   * @throws NotFoundException when the standard or the target does not exist
   */
  @Transactional
  public synchronized PlanningStandard.Target resetTarget(String code, String targetCode) {
    PlanningStandard.Target before = target(get(code), targetCode);
    PlanningStandard.Target target = target(fileStandard(code), targetCode);
    if (overrides.delete(code, targetCode)) {
      record(code, before, target, ChangeAction.RESET_TARGET);
    }
    return target;
  }

  /** A target as the change history keeps it: its pass mark and minutes. */
  private static Map<String, Object> historyState(PlanningStandard.Target target) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("value", target.value());
    state.put("minutes", target.minutes());
    state.put("changed", target.changed());
    return state;
  }

  private void record(String code, PlanningStandard.Target before, PlanningStandard.Target after,
      ChangeAction action) {
    String id = code + "/" + before.code();
    changes.record(new Change(EntityType.PLANNING_TARGET, id, changes.nextVersion(EntityType.PLANNING_TARGET, id),
        action, historyState(before), historyState(after)));
  }

  private PlanningStandard fileStandard(String code) {
    PlanningStandard standard = fileStandards.get(code);
    if (standard == null) {
      throw new NotFoundException("there is no planning standard '" + code + "'; known: " + fileStandards.keySet());
    }
    return standard;
  }

  private static PlanningStandard.Target target(PlanningStandard standard, String targetCode) {
    return standard.targets().stream().filter(t -> t.code().equals(targetCode)).findFirst()
        .orElseThrow(() -> new NotFoundException("standard '" + standard.code() + "' has no target '" + targetCode
            + "'; its targets: " + standard.targets().stream().map(PlanningStandard.Target::code).toList()));
  }

  private PlanningStandard withOverrides(PlanningStandard standard) {
    Map<String, TargetOverride> changes = overrides.findByStandard(standard.code()).stream()
        .collect(Collectors.toMap(TargetOverride::targetCode, Function.identity()));
    if (changes.isEmpty()) {
      return standard;
    }
    // a stored change for a target the file no longer has is left alone: it matches nothing
    List<PlanningStandard.Target> targets = standard.targets().stream().map(t -> {
      TargetOverride change = changes.get(t.code());
      if (change == null) {
        return t;
      }
      return t.with(change.value(), t.hasMinutes() && change.minutes() != null ? change.minutes() : t.minutes());
    }).toList();
    return new PlanningStandard(standard.code(), standard.name(), targets);
  }
}
