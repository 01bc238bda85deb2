package org.carecircle.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.history.ListChangeRecorder;
import org.junit.jupiter.api.Test;

class PlanningStandardServiceTest {

  /** Keeps the changes in a list, as the database table would. */
  private static final class ListRepository implements TargetOverrideRepository {
    final List<TargetOverride> rows = new ArrayList<>();

    @Override
    public List<TargetOverride> findByStandard(String standardCode) {
      return rows.stream().filter(r -> r.standardCode().equals(standardCode)).toList();
    }

    @Override
    public void save(TargetOverride override) {
      delete(override.standardCode(), override.targetCode());
      rows.add(override);
    }

    @Override
    public boolean delete(String standardCode, String targetCode) {
      return rows.removeIf(r -> r.standardCode().equals(standardCode) && r.targetCode().equals(targetCode));
    }
  }

  @Test
  void qingdaoTargetsAreReadFromThePackagedFile() {
    PlanningStandard qingdao = new PlanningStandardService(new ListRepository(), new ListChangeRecorder()).get("qingdao-2024");
    assertThat(qingdao.targets()).extracting(PlanningStandard.Target::code).containsExactly(
        "community-health-walk", "emergency-drive", "tertiary-hospital", "beds-per-1000", "physicians-per-1000");
    PlanningStandard.Target walk = qingdao.targets().get(0);
    assertThat(walk.kind()).isEqualTo(PlanningStandard.Kind.access);
    assertThat(walk.mode()).isEqualTo("walk");
    assertThat(walk.minutes()).isEqualTo(15);
    assertThat(walk.fileMinutes()).isEqualTo(15);
    assertThat(walk.changed()).isFalse();
    PlanningStandard.Target emergency = qingdao.targets().get(1);
    assertThat(emergency.minutes()).isEqualTo(12);
    assertThat(emergency.turnoutMinutes()).isEqualTo(3);
    assertThat(emergency.serviceRadiusMeters()).isEqualTo(5000);
    assertThat(qingdao.targets().get(3).value()).isEqualTo(7.5);
    assertThat(qingdao.targets().get(3).fileValue()).isEqualTo(7.5);
    assertThat(qingdao.targets().get(4).value()).isEqualTo(4.3);
  }

  @Test
  void aChangeIsStoredOutlivesTheServiceAndIsUndoneByReset() {
    ListRepository store = new ListRepository();
    ListChangeRecorder history = new ListChangeRecorder();
    PlanningStandardService service = new PlanningStandardService(store, history);
    service.setTarget("qingdao-2024", "beds-per-1000", 8.0, null);
    service.setTarget("qingdao-2024", "community-health-walk", null, 10.0);
    assertThat(store.rows).hasSize(2);

    // a new service on the same store: what a restart sees
    PlanningStandard restarted = new PlanningStandardService(store, new ListChangeRecorder()).get("qingdao-2024");
    assertThat(restarted.targets().get(3).value()).isEqualTo(8.0);
    assertThat(restarted.targets().get(3).fileValue()).isEqualTo(7.5);
    assertThat(restarted.targets().get(3).changed()).isTrue();
    assertThat(restarted.targets().get(0).minutes()).isEqualTo(10);
    assertThat(restarted.targets().get(0).value()).isEqualTo(0.9);

    PlanningStandard.Target reset = service.resetTarget("qingdao-2024", "beds-per-1000");
    assertThat(reset.value()).isEqualTo(7.5);
    assertThat(service.get("qingdao-2024").targets().get(3).changed()).isFalse();
    // changing back to the file's values is a reset too: nothing left stored
    service.setTarget("qingdao-2024", "community-health-walk", 0.9, 15.0);
    assertThat(store.rows).isEmpty();

    // every change and the reset are in the history, with the target's values before and after
    assertThat(history.changes).extracting(c -> c.entityId() + " v" + c.version() + " " + c.action().code())
        .containsExactly("qingdao-2024/beds-per-1000 v1 set_target", "qingdao-2024/community-health-walk v1 set_target",
            "qingdao-2024/beds-per-1000 v2 reset_target", "qingdao-2024/community-health-walk v2 set_target");
    assertThat(history.changes.get(0).before()).asString().contains("value=7.5");
    assertThat(history.changes.get(0).after()).asString().contains("value=8.0");
    assertThat(history.changes.get(2).after()).asString().contains("value=7.5");
  }

  @Test
  void badValuesAreRejectedNamingTheField() {
    PlanningStandardService service = new PlanningStandardService(new ListRepository(), new ListChangeRecorder());
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "community-health-walk", 1.5, null))).isEqualTo("value");
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "beds-per-1000", -1.0, null))).isEqualTo("value");
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "beds-per-1000", Double.NaN, null))).isEqualTo("value");
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "beds-per-1000", Double.POSITIVE_INFINITY, null)))
        .isEqualTo("value");
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "beds-per-1000", 8.0, 15.0))).isEqualTo("minutes");
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "emergency-drive", null, 0.0))).isEqualTo("minutes");
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "emergency-drive", null, Double.NaN))).isEqualTo("minutes");
    assertThat(fieldOf(() -> service.setTarget("qingdao-2024", "emergency-drive", null, null))).isEqualTo("value");
    assertThatThrownBy(() -> service.setTarget("qingdao-2024", "nope", 1.0, null)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.resetTarget("qingdao-2024", "nope")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.get("atlantis")).isInstanceOf(NotFoundException.class);
    assertThat(service.get("qingdao-2024").targets()).noneMatch(PlanningStandard.Target::changed);
  }

  private static String fieldOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
    } catch (InputRejectedException e) {
      return e.problems().get(0).field();
    } catch (Throwable e) {
      throw new AssertionError("expected an InputRejectedException, got " + e, e);
    }
    throw new AssertionError("expected an InputRejectedException, nothing was thrown");
  }
}
