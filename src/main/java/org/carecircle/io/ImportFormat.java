package org.carecircle.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The vector file formats a planner can upload. */
public enum ImportFormat {
  GEOJSON("geojson"),
  CSV("csv"),
  GEOPACKAGE("gpkg"),
  OSM_PBF("osm.pbf");

  private final String code;

  ImportFormat(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Parses a format parameter ({@code geojson}, {@code csv}, {@code gpkg}, {@code pbf}/{@code osm.pbf}). */
  public static Optional<ImportFormat> parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("pbf") || wanted.equals("osm")) {
      return Optional.of(OSM_PBF);
    }
    if (wanted.equals("json")) {
      return Optional.of(GEOJSON);
    }
    return Arrays.stream(values()).filter(f -> f.code.equals(wanted)).findFirst();
  }

  /**
   * Guesses the format from the file name, then from the first bytes: SQLite's header for
   * GeoPackage, the "OSMHeader" block name for PBF, a leading '{' for GeoJSON. Anything else is
   * taken as CSV (the common case for spreadsheets saved by planners).
   *
   * @param fileName the uploaded file's name, may be null
   * @param head the first bytes of the file (64 are enough)
   */
  public static ImportFormat detect(String fileName, byte[] head) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".geojson") || name.endsWith(".json")) {
      return GEOJSON;
    }
    if (name.endsWith(".gpkg")) {
      return GEOPACKAGE;
    }
    if (name.endsWith(".pbf")) {
      return OSM_PBF;
    }
    if (name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".tsv")) {
      return CSV;
    }
    String start = new String(head, StandardCharsets.ISO_8859_1);
    if (start.startsWith("SQLite format 3")) {
      return GEOPACKAGE;
    }
    if (start.contains("OSMHeader")) {
      return OSM_PBF;
    }
    String trimmed = start.replace("\uFEFF", "").replaceFirst("^\\xEF\\xBB\\xBF", "").stripLeading();
    if (trimmed.startsWith("{")) {
      return GEOJSON;
    }
    return CSV;
  }
}
