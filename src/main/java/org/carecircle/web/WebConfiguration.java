package org.carecircle.web;

import org.carecircle.io.geojson.GeoJsonModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Web glue shared by all features. */
@Configuration
public class WebConfiguration {
  /** Picked up by Spring Boot's Jackson auto-configuration: geometries in every answer are GeoJSON. */
  @Bean
  GeoJsonModule geoJsonModule() {
    return new GeoJsonModule();
  }
}
