package org.carecircle.io.geojson;

/** A GeoJSON structure is wrong at {@link #path()} (e.g. {@code geometry.coordinates[1]}). */
public class GeoJsonFormatException extends IllegalArgumentException {
  private final String path;

  public GeoJsonFormatException(String path, String message) {
    super(message);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
