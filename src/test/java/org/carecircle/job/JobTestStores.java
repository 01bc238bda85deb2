package org.carecircle.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.flywaydb.core.Flyway;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Stores and JSON for job services built by hand in tests. */
public final class JobTestStores {
  private JobTestStores() {}

  /** A new H2GIS file database, migrated: no job of another test is in it. */
  public static DataSource freshH2gis() {
    // kept open between connections: this data source opens one per statement, and reopening the
    // file each time is slow enough under load to starve a heartbeat
    DriverManagerDataSource dataSource = new DriverManagerDataSource(TestStores.h2Url() + ";DB_CLOSE_DELAY=-1",
        "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2", "classpath:db/migration/common")
        .load().migrate();
    return dataSource;
  }

  /** JSON as Spring Boot configures it for the API (dates as ISO text). */
  public static ObjectMapper json() {
    return Jackson2ObjectMapperBuilder.json().build();
  }

  /**
   * A job service with one worker and one waiting place, keeping no finished job, on a fresh
   * H2GIS store: for tests of features that submit jobs, not of the job service itself.
   */
  public static JobService oneWorker() {
    return new JobService(1, 1, java.time.Duration.ZERO, java.time.Clock.systemUTC(), freshH2gis(), json(),
        new JobStoreProperties(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30),
            java.time.Duration.ofSeconds(1)));
  }
}
