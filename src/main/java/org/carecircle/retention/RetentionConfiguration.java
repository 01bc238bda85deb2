package org.carecircle.retention;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The stored results under retention, and the scheduler that runs the clean-up. */
@Configuration
@EnableScheduling
public class RetentionConfiguration {
  @Bean
  RetainedResults coverageZoneSets(JdbcTemplate jdbc) {
    return new RetainedResults(jdbc, "coverage zone sets", "coverage_zone_set", null);
  }

  @Bean
  RetainedResults accessibilityResults(JdbcTemplate jdbc) {
    return new RetainedResults(jdbc, "accessibility results", "accessibility_result", null);
  }

  /** A siting run that a scenario was made from stays, so the scenario keeps its source. */
  @Bean
  RetainedResults sitingRuns(JdbcTemplate jdbc) {
    return new RetainedResults(jdbc, "siting runs", "siting_run",
        "id IN (SELECT siting_run_id FROM scenario WHERE siting_run_id IS NOT NULL)");
  }
}
