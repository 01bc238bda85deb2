package org.carecircle.facility;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats facilities can be exported in, with their media type and file extension. */
public enum ExportFormat {
  GEOJSON("geojson", "application/geo+json", "geojson"),
  CSV("csv", "text/csv;charset=UTF-8", "csv"),
  GEOPACKAGE("gpkg", "application/geopackage+sqlite3", "gpkg");

  private final String code;
  private final String mediaType;
  private final String extension;

  ExportFormat(String code, String mediaType, String extension) {
    this.code = code;
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  public static Optional<ExportFormat> parse(String text) {
    String wanted = text == null ? "geojson" : text.trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("json")) {
      return Optional.of(GEOJSON);
    }
    return Arrays.stream(values()).filter(f -> f.code.equals(wanted)).findFirst();
  }
}
