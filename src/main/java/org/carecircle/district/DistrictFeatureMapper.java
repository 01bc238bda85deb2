package org.carecircle.district;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.carecircle.error.InputProblem;
import org.carecircle.io.TextValues;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.SourceFeature;
import org.carecircle.io.crs.CoordinateTransformer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Turns one feature of a boundary file into a {@link District}, or into the problem that keeps it
 * out: the name and code come from the chosen columns, the boundary must be a Polygon or
 * MultiPolygon, and an invalid one (a ring crossing itself, as traced boundaries often have) is
 * repaired with JTS's {@link GeometryFixer}.
 *
 * <p>Columns are found, when not named, by these names (compared ignoring case, blanks,
 * underscores, hyphens and brackets): {@link #NAME_COLUMNS} for the name (required), {@link
 * #CODE_COLUMNS} for the code (optional); the first in list order that the file has wins.
 */
final class DistrictFeatureMapper {
  static final List<String> NAME_COLUMNS = List.of(
      "name", "名称", "区县名称", "行政区名称", "行政区划名称", "区划名称", "districtname", "countyname", "区县");
  static final List<String> CODE_COLUMNS = List.of(
      "adcode", "code", "区划代码", "行政区划代码", "代码", "admincode", "iso31662", "ref");
  /** The store's column widths. */
  static final int MAX_NAME_CHARS = 300;
  static final int MAX_CODE_CHARS = 100;

  private final String nameColumn;
  private final String codeColumn;
  private final CoordinateTransformer transformer;

  /**
   * @param nameColumn the property with the name
   * @param codeColumn the property with the code, or null when the file has none
   */
  DistrictFeatureMapper(String nameColumn, String codeColumn, CoordinateTransformer transformer) {
    this.nameColumn = nameColumn;
    this.codeColumn = codeColumn;
    this.transformer = transformer;
  }

  /**
   * The column to read, as the file spells it.
   *
   * @param requested the planner's choice, or null/blank to detect it from {@code usual}
   * @param option the request parameter that names it, for messages
   * @return the column, or null when none was requested, none is found and it is not required
   * @throws InputRejectedException on field {@code option} when the requested column is missing,
   *     or a required one is not found; the message lists the columns
   */
  static String chooseColumn(Collection<String> columns, String requested, List<String> usual, String option,
      boolean required) {
    String found = "the columns are: " + (columns.isEmpty() ? "(none)" : String.join(", ", columns));
    if (requested != null && !requested.isBlank()) {
      String wanted = requested.trim();
      return columns.stream().filter(c -> c.equalsIgnoreCase(wanted)).findFirst()
          .orElseThrow(() -> new InputRejectedException(InputProblem.ofField(option,
              "there is no column '" + wanted + "' in the file; " + found)));
    }
    for (String name : usual) {
      for (String column : columns) {
        if (normalized(column).equals(name)) {
          return column;
        }
      }
    }
    if (required) {
      throw new InputRejectedException(InputProblem.ofField(option, "no column with the district's name found; "
          + found + ". Looked for name, 名称, 区县名称; name the column with " + option + "=..."));
    }
    return null;
  }

  private static String normalized(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-()（）]", "");
  }

  /**
   * The outcome for one feature.
   *
   * @param district the district without id, or null with a problem
   * @param repaired whether its boundary had to be repaired
   */
  record Mapped(District district, boolean repaired, InputProblem problem) {
    static Mapped rejected(InputProblem problem) {
      return new Mapped(null, false, problem);
    }
  }

  Mapped map(SourceFeature feature) {
    int row = feature.row();
    String name = text(feature.properties().get(nameColumn));
    if (name == null) {
      return Mapped.rejected(InputProblem.ofRow(row, nameColumn, "the district has no name"));
    }
    if (name.length() > MAX_NAME_CHARS) {
      return Mapped.rejected(InputProblem.ofRow(row, nameColumn, "the name is longer than " + MAX_NAME_CHARS
          + " characters"));
    }
    var nameProblem = TextValues.controlCharacterProblem(name);
    if (nameProblem.isPresent()) {
      return Mapped.rejected(InputProblem.ofRow(row, nameColumn, nameProblem.get()));
    }
    String code = codeColumn == null ? null : text(feature.properties().get(codeColumn));
    var codeProblem = TextValues.controlCharacterProblem(code);
    if (codeProblem.isPresent()) {
      return Mapped.rejected(InputProblem.ofRow(row, codeColumn, codeProblem.get()));
    }
    if (code != null && code.length() > MAX_CODE_CHARS) {
      return Mapped.rejected(InputProblem.ofRow(row, codeColumn, "the code is longer than " + MAX_CODE_CHARS
          + " characters"));
    }
    Geometry source = feature.geometry();
    if (!(source instanceof Polygon || source instanceof MultiPolygon)) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", "expected a Polygon or MultiPolygon (the"
          + " boundary of " + name + "), found a " + source.getGeometryType()));
    }
    Geometry boundary;
    try {
      boundary = transformer.toWgs84(source);
    } catch (IllegalArgumentException e) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", e.getMessage()));
    }
    Envelope extent = boundary.getEnvelopeInternal();
    if (extent.getMinX() < -180 || extent.getMaxX() > 180 || extent.getMinY() < -90 || extent.getMaxY() > 90) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", "the boundary's coordinates (" + extent.getMinX()
          + ", " + extent.getMinY() + ") are not longitudes and latitudes in " + transformer.crsName()
          + "; if the file is projected (metres), name its CRS with crs=EPSG:n"));
    }
    boolean repaired = !boundary.isValid();
    MultiPolygon area = DistrictGeometry.asMultiPolygon(repaired ? GeometryFixer.fix(boundary) : boundary);
    if (area == null) {
      return Mapped.rejected(InputProblem.ofRow(row, "geometry", "the boundary of " + name + " encloses no area"));
    }
    return new Mapped(new District(null, name, code, null, area), repaired, null);
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value instanceof Number number && Double.isFinite(number.doubleValue())
        ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
        : String.valueOf(value).trim();
    return text.isEmpty() ? null : text;
  }
}
