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
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * The planning standards, read once from the packaged {@value #RESOURCE}. Changes made through
 * {@link #setTarget} are kept in memory only: a restart goes back to the file (edit the file to
 * keep a change).
 */
@Service
public class PlanningStandardService {
  public static final String RESOURCE = "/geodata/planning-standards.yaml";
  /** A share target is a fraction of the residents. */
  private static final double MAX_SHARE = 1;
  private static final double MAX_MINUTES = 180;

  private final Map<String, PlanningStandard> standards = new LinkedHashMap<>();

  private record File(List<PlanningStandard> standards) {}

  public PlanningStandardService() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = PlanningStandardService.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the package");
      }
      for (PlanningStandard standard : yaml.readValue(in, File.class).standards()) {
        standards.put(standard.code(), standard);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public synchronized List<PlanningStandard> list() {
    return List.copyOf(standards.values());
  }

  /** @throws NotFoundException when there is no such standard */
  public synchronized PlanningStandard get(String code) {
    PlanningStandard standard = standards.get(code);
    if (standard == null) {
      throw new NotFoundException("there is no planning standard '" + code + "'; known: " + standards.keySet());
    }
    return standard;
  }

  /**
   * Changes a target's pass mark (and, for an access target, its minutes).
   *
   * @throws InputRejectedException on field {@code value} or {@code minutes} when out of range
   */
  public synchronized PlanningStandard.Target setTarget(String code, String targetCode, Double value, Double minutes) {
    PlanningStandard standard = get(code);
    List<PlanningStandard.Target> targets = new ArrayList<>(standard.targets());
    for (int i = 0; i < targets.size(); i++) {
      PlanningStandard.Target target = targets.get(i);
      if (target.code().equals(targetCode)) {
        List<InputProblem> problems = new ArrayList<>();
        double newValue = value == null ? target.value() : value;
        boolean share = target.kind() == PlanningStandard.Kind.access;
        if (!(newValue >= 0) || Double.isInfinite(newValue) || (share && newValue > MAX_SHARE)) {
          problems.add(InputProblem.ofField("value", share ? "an access target's value is a share of residents,"
              + " from 0 to 1" : "value must be a number of 0 or more"));
        }
        if (minutes != null && (!share || !(minutes > 0) || minutes > MAX_MINUTES)) {
          problems.add(InputProblem.ofField("minutes", share ? "minutes must be more than 0 and at most 180"
              : "only an access target has minutes"));
        }
        if (!problems.isEmpty()) {
          throw new InputRejectedException(problems);
        }
        PlanningStandard.Target changed = target.with(newValue, minutes == null ? target.minutes() : minutes);
        targets.set(i, changed);
        standards.put(code, new PlanningStandard(standard.code(), standard.name(), List.copyOf(targets)));
        return changed;
      }
    }
    throw new NotFoundException("standard '" + code + "' has no target '" + targetCode + "'");
  }
}
