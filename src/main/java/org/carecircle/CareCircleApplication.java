package org.carecircle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts CareCircle: the facility registry, its HTTP API and the map page. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareCircleApplication {
  public static void main(String[] args) {
    SpringApplication.run(CareCircleApplication.class, args);
  }
}
