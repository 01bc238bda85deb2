package org.carecircle.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * The {@code carecircle.*} settings of application.yml.
 *
 * @param importSettings limits for uploaded files
 * @param catalogue where the facility type catalogue comes from
 * @param map base-map settings for the page
 */
@ConfigurationProperties("carecircle")
public record CareCircleProperties(
    @Name("import") Import importSettings, Catalogue catalogue, MapSettings map) {

  /** @param maxFileSize largest upload accepted, e.g. 200MB */
  public record Import(DataSize maxFileSize) {}

  /** @param facilityTypesFile a YAML file on disk replacing the packaged catalogue; empty = packaged */
  public record Catalogue(String facilityTypesFile) {}

  /**
   * @param tileUrl Leaflet tile URL template, or empty for no base map
   * @param tileAttribution attribution shown with the tiles
   */
  public record MapSettings(String tileUrl, String tileAttribution) {}

  public CareCircleProperties {
    importSettings = importSettings != null ? importSettings : new Import(DataSize.ofMegabytes(200));
    catalogue = catalogue != null ? catalogue : new Catalogue("");
    map = map != null ? map : new MapSettings("", "");
  }
}
