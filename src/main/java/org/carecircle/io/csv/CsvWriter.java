package org.carecircle.io.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Writes features as a CSV file that Excel on Chinese Windows opens correctly and that {@link
 * CsvFeatureReader} reads back.
 *
 * <p>Format: UTF-8 with a byte order mark (without it Excel assumes the ANSI code page, GBK, and
 * garbles Chinese), CRLF line ends, comma delimiter, and RFC 4180 quoting for values that contain
 * a comma, a quote or a line break. The header is the field names in the given order, then {@code
 * lon} and {@code lat}.
 *
 * <p>Values are written by their Java type (CSV has no column types, so {@link
 * FieldSpec#type()} is not consulted): null is an empty cell; numbers are written in plain
 * decimal notation, never with an exponent or a locale's grouping ({@code 1.0E7} is {@code
 * 10000000}, {@code 3.0} is {@code 3}); NaN and infinities, which a spreadsheet cannot take, are
 * empty cells; booleans are {@code true}/{@code false}; anything else is {@code String.valueOf}.
 * Longitude and latitude are rounded to 7 decimals (about 1 cm). A point geometry gives its own
 * coordinates; any other geometry gives its interior point (a point inside a polygon and on a
 * line, unlike the centroid); a null or empty geometry gives empty cells.
 *
 * <p>Formula injection: Excel runs a cell that starts with {@code = + - @} (or a tab or CR) as a
 * formula, which a malicious facility name could use. Such a text value (any value that is not a
 * Number or Boolean, whatever the field's declared type) is written with a leading apostrophe, as
 * OWASP advises, unless it is a plain number such as {@code "-12.5"}. Numbers are never changed.
 * The apostrophe is part of the written value: reading the file back returns it too.
 */
public final class CsvWriter {
  public static final String LONGITUDE_COLUMN = "lon";
  public static final String LATITUDE_COLUMN = "lat";

  /** 1e-7 degrees is about 1 cm on the ground, well below what a facility location means. */
  private static final int COORDINATE_DECIMALS = 7;

  private static final String LINE_END = "\r\n";
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final Pattern PLAIN_NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");

  private CsvWriter() {}

  /**
   * Writes the file. Properties not named in {@code fields} are left out. The stream is flushed,
   * not closed.
   *
   * @param fields the attribute columns; none may be called {@code lon} or {@code lat} (in any
   *     case), which would clash with the coordinate columns
   * @param features geometries in WGS84 longitude/latitude; iterated once
   * @throws IllegalArgumentException when a field name clashes with a coordinate column
   */
  public static void write(
      OutputStream out, List<FieldSpec> fields, Iterable<OutputFeature> features)
      throws IOException {
    for (FieldSpec field : fields) {
      if (field.name().equalsIgnoreCase(LONGITUDE_COLUMN)
          || field.name().equalsIgnoreCase(LATITUDE_COLUMN)) {
        throw new IllegalArgumentException(
            "field '" + field.name() + "' clashes with the coordinate columns lon and lat");
      }
    }
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    writer.write(BYTE_ORDER_MARK);
    List<String> header = new ArrayList<>();
    fields.forEach(field -> header.add(field.name()));
    header.add(LONGITUDE_COLUMN);
    header.add(LATITUDE_COLUMN);
    writeLine(writer, header);
    for (OutputFeature feature : features) {
      List<String> cells = new ArrayList<>();
      for (FieldSpec field : fields) {
        cells.add(cell(feature.properties().get(field.name())));
      }
      Point location = location(feature.geometry());
      cells.add(location == null ? "" : coordinate(location.getX()));
      cells.add(location == null ? "" : coordinate(location.getY()));
      writeLine(writer, cells);
    }
    writer.flush();
  }

  private static Point location(Geometry geometry) {
    if (geometry == null || geometry.isEmpty()) {
      return null;
    }
    return geometry instanceof Point point ? point : geometry.getInteriorPoint();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    return guardAgainstFormula(String.valueOf(value));
  }

  private static String number(Number number) {
    if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger) {
      return number.toString();
    }
    if (number instanceof BigDecimal decimal) {
      return plain(decimal);
    }
    double value = number.doubleValue();
    if (!Double.isFinite(value)) {
      return "";
    }
    // Float through its own shortest text, or 0.1f would come out as 0.10000000149011612
    return plain(
        number instanceof Float ? new BigDecimal(number.toString()) : BigDecimal.valueOf(value));
  }

  private static String coordinate(double degrees) {
    if (!Double.isFinite(degrees)) {
      return "";
    }
    return plain(BigDecimal.valueOf(degrees).setScale(COORDINATE_DECIMALS, RoundingMode.HALF_UP));
  }

  private static String plain(BigDecimal decimal) {
    return decimal.stripTrailingZeros().toPlainString();
  }

  private static String guardAgainstFormula(String text) {
    if (text.isEmpty() || PLAIN_NUMBER.matcher(text).matches()) {
      return text;
    }
    char first = text.charAt(0);
    boolean risky =
        first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
            || first == '\r';
    return risky ? "'" + text : text;
  }

  private static void writeLine(Writer writer, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        writer.write(',');
      }
      writer.write(quoteIfNeeded(cells.get(i)));
    }
    writer.write(LINE_END);
  }

  private static String quoteIfNeeded(String value) {
    boolean needsQuotes =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
