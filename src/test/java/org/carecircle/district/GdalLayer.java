package org.carecircle.district;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.testsupport.ExternalTool;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * A vector layer's polygons by name as GDAL's {@code ogrinfo} reads them: an independent reader to
 * check CareCircle's own against.
 */
final class GdalLayer {
  private static final String NAME_FIELD = "name (String) = ";

  private GdalLayer() {}

  /**
   * The polygons of a layer by their {@code name} attribute, as {@code ogrinfo} prints them.
   *
   * @param options more ogrinfo arguments, e.g. {@code "-where", "admin_level='7'"}
   */
  static Map<String, Geometry> polygonsByName(Path file, String layer, String... options) {
    List<String> command = new ArrayList<>(List.of("ogrinfo", "-ro", "-q", file.toString(), layer));
    command.addAll(List.of(options));
    String listing = ExternalTool.run("gdal-bin", command.toArray(String[]::new)).stdout();
    Map<String, Geometry> byName = new LinkedHashMap<>();
    WKTReader wkt = new WKTReader();
    String name = null;
    for (String line : listing.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith(NAME_FIELD)) {
        name = trimmed.substring(NAME_FIELD.length());
      } else if (trimmed.startsWith("MULTIPOLYGON") || trimmed.startsWith("POLYGON")) {
        try {
          byName.put(name, wkt.read(trimmed));
        } catch (ParseException e) {
          throw new IllegalStateException("ogrinfo printed geometry JTS cannot read: " + e.getMessage(), e);
        }
      }
    }
    return byName;
  }
}
