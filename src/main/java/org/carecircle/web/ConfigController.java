package org.carecircle.web;

import java.util.Map;
import org.carecircle.system.CareCircleProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Settings the page needs: base map and upload limit. */
@RestController
public class ConfigController {
  private final CareCircleProperties properties;

  public ConfigController(CareCircleProperties properties) {
    this.properties = properties;
  }

  @GetMapping("/api/config")
  public Map<String, Object> config() {
    return Map.of(
        "tileUrl", properties.map().tileUrl() == null ? "" : properties.map().tileUrl(),
        "tileAttribution", properties.map().tileAttribution() == null ? "" : properties.map().tileAttribution(),
        "maxUploadBytes", properties.importSettings().maxFileSize().toBytes(),
        "version", getClass().getPackage().getImplementationVersion() == null
            ? "dev" : getClass().getPackage().getImplementationVersion());
  }
}
