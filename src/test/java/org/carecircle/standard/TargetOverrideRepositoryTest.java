package org.carecircle.standard;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestStores.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same repository contract, run against a real H2GIS and a real PostGIS. */
class TargetOverrideRepositoryTest {
  private static JdbcTargetOverrideRepository repository(Store store) {
    DataSource dataSource = TestStores.dataSource(store);
    new JdbcTemplate(dataSource).update("DELETE FROM planning_target_override");
    return new JdbcTargetOverrideRepository(new JdbcTemplate(dataSource));
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aSavedChangeReplacesTheEarlierOneAndIsGoneAfterDelete(Store store) {
    var repository = repository(store);
    assertThat(repository.findByStandard("qingdao-2024")).isEmpty();

    repository.save(new TargetOverride("qingdao-2024", "beds-per-1000", 8.0, null));
    repository.save(new TargetOverride("qingdao-2024", "community-health-walk", 0.8, 10.0));
    repository.save(new TargetOverride("other-standard", "beds-per-1000", 3.0, null));
    assertThat(repository.findByStandard("qingdao-2024")).containsExactlyInAnyOrder(
        new TargetOverride("qingdao-2024", "beds-per-1000", 8.0, null),
        new TargetOverride("qingdao-2024", "community-health-walk", 0.8, 10.0));

    // the second save of a target is an update, not a second row
    repository.save(new TargetOverride("qingdao-2024", "community-health-walk", 0.75, null));
    assertThat(repository.findByStandard("qingdao-2024")).containsExactlyInAnyOrder(
        new TargetOverride("qingdao-2024", "beds-per-1000", 8.0, null),
        new TargetOverride("qingdao-2024", "community-health-walk", 0.75, null));

    assertThat(repository.delete("qingdao-2024", "beds-per-1000")).isTrue();
    assertThat(repository.delete("qingdao-2024", "beds-per-1000")).isFalse();
    assertThat(repository.findByStandard("qingdao-2024")).containsExactly(
        new TargetOverride("qingdao-2024", "community-health-walk", 0.75, null));
    assertThat(repository.findByStandard("other-standard")).hasSize(1);
  }
}
