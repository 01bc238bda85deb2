package org.carecircle.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.junit.jupiter.api.Test;

class PlanningStandardServiceTest {

  @Test
  void qingdaoTargetsAreReadFromThePackagedFile() {
    PlanningStandard qingdao = new PlanningStandardService().get("qingdao-2024");
    assertThat(qingdao.targets()).extracting(PlanningStandard.Target::code).containsExactly(
        "community-health-walk", "emergency-drive", "tertiary-hospital", "beds-per-1000", "physicians-per-1000");
    PlanningStandard.Target walk = qingdao.targets().get(0);
    assertThat(walk.kind()).isEqualTo(PlanningStandard.Kind.access);
    assertThat(walk.mode()).isEqualTo("walk");
    assertThat(walk.minutes()).isEqualTo(15);
    PlanningStandard.Target emergency = qingdao.targets().get(1);
    assertThat(emergency.minutes()).isEqualTo(12);
    assertThat(emergency.turnoutMinutes()).isEqualTo(3);
    assertThat(emergency.serviceRadiusMeters()).isEqualTo(5000);
    assertThat(qingdao.targets().get(3).value()).isEqualTo(7.5);
    assertThat(qingdao.targets().get(4).value()).isEqualTo(4.3);
  }

  @Test
  void aTargetCanBeChangedAndBadValuesAreRejected() {
    PlanningStandardService service = new PlanningStandardService();
    service.setTarget("qingdao-2024", "beds-per-1000", 8.0, null);
    assertThat(service.get("qingdao-2024").targets().get(3).value()).isEqualTo(8.0);
    service.setTarget("qingdao-2024", "community-health-walk", 0.8, 10.0);
    assertThat(service.get("qingdao-2024").targets().get(0).minutes()).isEqualTo(10);
    assertThatThrownBy(() -> service.setTarget("qingdao-2024", "community-health-walk", 1.5, null))
        .isInstanceOf(InputRejectedException.class);
    assertThatThrownBy(() -> service.setTarget("qingdao-2024", "beds-per-1000", 8.0, 15.0))
        .isInstanceOf(InputRejectedException.class);
    assertThatThrownBy(() -> service.setTarget("qingdao-2024", "nope", 1.0, null))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.get("atlantis")).isInstanceOf(NotFoundException.class);
  }
}
