package org.carecircle.facility;

import java.nio.file.Path;
import org.carecircle.system.CareCircleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the facility type catalogue: the packaged one, or a planner's file when configured. */
@Configuration
public class FacilityConfiguration {
  @Bean
  FacilityTypeCatalogue facilityTypeCatalogue(CareCircleProperties properties) {
    String file = properties.catalogue().facilityTypesFile();
    return file == null || file.isBlank()
        ? FacilityTypeCatalogue.packaged()
        : FacilityTypeCatalogue.fromFile(Path.of(file));
  }
}
