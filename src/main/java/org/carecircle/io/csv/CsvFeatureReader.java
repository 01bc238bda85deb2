package org.carecircle.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.io.csv.CsvRecordParser.CsvRecord;
import org.carecircle.io.csv.StrictDecodingReader.UndecodableTextException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Reads a CSV file of point features: one row per feature, a longitude column, a latitude column
 * and any number of attribute columns.
 *
 * <p>The file is read as a stream, so its size is limited by the features kept, not the bytes.
 * Text is UTF-8 (with or without a byte order mark) unless {@link Options#encoding()} says
 * otherwise; the delimiter is a comma, semicolon or tab, whichever the header line uses most;
 * quoting follows RFC 4180 (see {@link CsvRecordParser} for where it is lenient).
 *
 * <p>Rows: the physical line number in the file, header = row 1, so the first data row is row 2
 * as Excel shows it. A record whose quoted value spans several lines has the number of the line
 * it starts on. Rows whose cells are all empty are skipped silently (Excel writes such rows for
 * cells that are formatted but empty).
 *
 * <p>The whole file is rejected ({@link InputRejectedException}) when it is empty, cannot be
 * decoded, has only a header, has duplicate column names, or has no identifiable longitude or
 * latitude column. A bad row (wrong number of fields, a missing or non-numeric coordinate) becomes
 * an {@link InputProblem} in the result and reading goes on; after 1000 problems one last problem
 * says how many more there were.
 *
 * <p>Features: {@link SourceFeature} with the row, a point (x = longitude column, y = latitude
 * column, SRID 0: the CRS is the caller's to know, and values are not range-checked because they
 * may be projected metres) and as properties every other column by its header name, in file
 * order, with its value as a trimmed String; empty cells are left out. Unnamed columns are called
 * {@code "column N"} (N counted from 1).
 */
public final class CsvFeatureReader {
  /** Header names tried for the longitude, compared ignoring case. */
  public static final List<String> LONGITUDE_NAMES =
      List.of("lon", "lng", "long", "longitude", "x", "经度");

  /** Header names tried for the latitude, compared ignoring case. */
  public static final List<String> LATITUDE_NAMES = List.of("lat", "latitude", "y", "纬度");

  private enum Axis {
    LONGITUDE("longitude", "lonColumn", LONGITUDE_NAMES),
    LATITUDE("latitude", "latColumn", LATITUDE_NAMES);

    final String word;
    final String option;
    final List<String> usualNames;

    Axis(String word, String option, List<String> usualNames) {
      this.word = word;
      this.option = option;
      this.usualNames = usualNames;
    }
  }

  /** Enough for a planner to see the pattern; a file worse than this needs fixing at the source. */
  static final int MAX_PROBLEMS = 1000;

  private static final Pattern DECIMAL_NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern DECIMAL_COMMA_NUMBER = Pattern.compile("[+-]?[0-9]+,[0-9]+");
  private static final Pattern NON_FINITE_WORD =
      Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  private static final GeometryFactory GEOMETRY_FACTORY = new GeometryFactory();

  /**
   * How to read a file.
   *
   * @param lonColumn the header of the longitude column, matched ignoring case; null to detect it
   *     from {@link #LONGITUDE_NAMES}
   * @param latColumn the header of the latitude column, likewise with {@link #LATITUDE_NAMES}
   * @param encoding a Java charset name such as {@code "GBK"} or {@code "GB18030"}; null for
   *     UTF-8, in which case a file that is not UTF-8 is rejected with advice on what to do
   */
  public record Options(String lonColumn, String latColumn, String encoding) {
    public static Options defaults() {
      return new Options(null, null, null);
    }

    public Options withColumns(String lonColumn, String latColumn) {
      return new Options(lonColumn, latColumn, encoding);
    }

    public Options withEncoding(String encoding) {
      return new Options(lonColumn, latColumn, encoding);
    }
  }

  private final List<SourceFeature> features = new ArrayList<>();
  private final List<InputProblem> problems = new ArrayList<>();
  private int problemsLeftOut;

  private CsvFeatureReader() {}

  /** Reads a UTF-8 file with detected coordinate columns; see the class comment. */
  public static ReadResult read(InputStream in) throws IOException {
    return read(in, Options.defaults());
  }

  /**
   * Reads a file; see the class comment. The stream is read to the end (or to the first byte that
   * cannot be decoded) and not closed.
   *
   * @throws InputRejectedException when the file as a whole cannot be used
   * @throws IOException when the stream itself fails
   */
  public static ReadResult read(InputStream in, Options options) throws IOException {
    Charset charset = charset(options.encoding());
    CsvRecordParser parser = new CsvRecordParser(new StrictDecodingReader(in, charset));
    try {
      return new CsvFeatureReader().readRecords(parser, options);
    } catch (UndecodableTextException e) {
      throw new InputRejectedException(
          InputProblem.ofRow(parser.line(), null, notDecodableMessage(options.encoding(), e)));
    }
  }

  private ReadResult readRecords(CsvRecordParser parser, Options options) throws IOException {
    parser.skipByteOrderMark();
    parser.detectDelimiter();
    CsvRecord header = parser.next();
    if (header == null || header.isBlank() && restIsBlank(parser)) {
      throw new InputRejectedException(InputProblem.ofFile("the file is empty"));
    }
    List<String> columns = columnNames(header);
    List<InputProblem> columnProblems = new ArrayList<>();
    int lonIndex = coordinateColumn(columns, options.lonColumn(), Axis.LONGITUDE, columnProblems);
    int latIndex = coordinateColumn(columns, options.latColumn(), Axis.LATITUDE, columnProblems);
    if (lonIndex >= 0 && lonIndex == latIndex) {
      columnProblems.add(
          InputProblem.ofField(
              "latColumn",
              "the longitude and the latitude cannot both come from column '"
                  + columns.get(lonIndex)
                  + "'"));
    }
    if (!columnProblems.isEmpty()) {
      throw new InputRejectedException(columnProblems);
    }

    int dataRows = 0;
    for (CsvRecord record = parser.next(); record != null; record = parser.next()) {
      if (record.unclosedQuote()) {
        addProblem(
            InputProblem.ofRow(
                record.line(),
                null,
                "a quoted value starting on this row is never closed (a \" is missing), so the"
                    + " rest of the file could not be read"));
        dataRows++;
        break;
      }
      if (record.isBlank()) {
        continue;
      }
      dataRows++;
      readRow(record, columns, lonIndex, latIndex);
    }
    if (dataRows == 0) {
      throw new InputRejectedException(
          InputProblem.ofFile("the file has a header but no data rows"));
    }
    if (problemsLeftOut > 0) {
      problems.add(
          InputProblem.ofFile(
              problemsLeftOut + " more problems are not listed; fix the ones above first"));
    }
    return new ReadResult(features, problems);
  }

  private void readRow(CsvRecord record, List<String> columns, int lonIndex, int latIndex) {
    List<String> fields = record.fields();
    if (fields.size() != columns.size()) {
      addProblem(
          InputProblem.ofRow(
              record.line(),
              null,
              "expected "
                  + columns.size()
                  + " fields as in the header, found "
                  + fields.size()));
      return;
    }
    int row = record.line();
    Double lon = coordinate(row, columns.get(lonIndex), fields.get(lonIndex), Axis.LONGITUDE);
    Double lat = coordinate(row, columns.get(latIndex), fields.get(latIndex), Axis.LATITUDE);
    if (lon == null || lat == null) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String value = fields.get(i).trim();
      if (i != lonIndex && i != latIndex && !value.isEmpty()) {
        properties.put(columns.get(i), value);
      }
    }
    features.add(
        new SourceFeature(
            record.line(), GEOMETRY_FACTORY.createPoint(new Coordinate(lon, lat)), properties));
  }

  /** The parsed value, or null after recording why it is unusable. */
  private Double coordinate(int row, String column, String rawValue, Axis axis) {
    String text = rawValue.trim();
    String problem;
    if (DECIMAL_NUMBER.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
      problem = "'" + text + "' is not a finite number";
    } else if (text.isEmpty()) {
      problem = "the " + axis.word + " is empty; every row needs a longitude and a latitude";
    } else if (NON_FINITE_WORD.matcher(text).matches()) {
      problem = "'" + text + "' is not a finite number";
    } else if (DECIMAL_COMMA_NUMBER.matcher(text).matches()) {
      problem =
          "'"
              + text
              + "' is not a number; use a dot as the decimal separator ("
              + text.replace(',', '.')
              + ")";
    } else {
      problem = "'" + text + "' is not a number; expected a decimal number such as 120.3826";
    }
    addProblem(InputProblem.ofRow(row, column, problem));
    return null;
  }

  private void addProblem(InputProblem problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    } else {
      problemsLeftOut++;
    }
  }

  /** Trimmed header names; rejects the file when a name appears twice (ignoring case). */
  private static List<String> columnNames(CsvRecord header) {
    if (header.unclosedQuote()) {
      throw new InputRejectedException(
          InputProblem.ofRow(
              1, null, "a quoted column name in the header is never closed (a \" is missing)"));
    }
    if (header.isBlank()) {
      throw new InputRejectedException(
          InputProblem.ofRow(1, null, "the first line is empty; it must hold the column names"));
    }
    List<String> names = new ArrayList<>();
    Map<String, List<Integer>> positionsByName = new LinkedHashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).trim();
      names.add(name.isEmpty() ? "column " + (i + 1) : name);
      positionsByName
          .computeIfAbsent(names.get(i).toLowerCase(Locale.ROOT), key -> new ArrayList<>())
          .add(i + 1);
    }
    List<InputProblem> duplicates = new ArrayList<>();
    positionsByName.forEach(
        (key, positions) -> {
          if (positions.size() > 1) {
            String name = names.get(positions.get(0) - 1);
            duplicates.add(
                InputProblem.ofRow(
                    1,
                    name,
                    "the column name '"
                        + name
                        + "' appears more than once (columns "
                        + positions.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + "); column names must be unique"));
          }
        });
    if (!duplicates.isEmpty()) {
      throw new InputRejectedException(duplicates);
    }
    return names;
  }

  /**
   * The index of the named column, or of the one column whose name is a usual name for the axis;
   * otherwise -1, after adding to {@code problems} why there is none.
   */
  private static int coordinateColumn(
      List<String> columns, String requested, Axis axis, List<InputProblem> problems) {
    if (requested != null && !requested.isBlank()) {
      int index = indexIgnoringCase(columns, requested.trim());
      if (index < 0) {
        problems.add(
            InputProblem.ofField(
                axis.option,
                "there is no column '"
                    + requested.trim()
                    + "' in the file; the columns are: "
                    + String.join(", ", columns)));
      }
      return index;
    }
    List<Integer> matches =
        IntStream.range(0, columns.size())
            .filter(i -> axis.usualNames.contains(columns.get(i).toLowerCase(Locale.ROOT)))
            .boxed()
            .toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    problems.add(
        InputProblem.ofRow(
            1,
            null,
            matches.isEmpty()
                ? "no "
                    + axis.word
                    + " column found; the columns are: "
                    + String.join(", ", columns)
                    + "; looked for a column named "
                    + String.join(", ", axis.usualNames)
                    + ". Name the "
                    + axis.word
                    + " column with "
                    + axis.option
                : "several columns could hold the "
                    + axis.word
                    + " ("
                    + matches.stream().map(columns::get).collect(Collectors.joining(", "))
                    + "); name the right one with "
                    + axis.option));
    return -1;
  }

  private static int indexIgnoringCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean restIsBlank(CsvRecordParser parser) throws IOException {
    for (CsvRecord record = parser.next(); record != null; record = parser.next()) {
      if (!record.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static Charset charset(String encoding) {
    if (encoding == null || encoding.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(encoding.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new InputRejectedException(
          InputProblem.ofField(
              "encoding",
              "unknown encoding '"
                  + encoding.trim()
                  + "': use UTF-8 (the default), GBK or GB18030"));
    }
  }

  private static String notDecodableMessage(String encoding, UndecodableTextException e) {
    if (encoding != null && !encoding.isBlank()) {
      return "the file is not valid "
          + encoding.trim()
          + " text; check the encoding setting (leave it empty for UTF-8)";
    }
    if (looksLikeGb18030(e.undecodedBytes())) {
      return "the file is not UTF-8 text; it looks like GBK/GB18030 (how Excel on Chinese Windows"
          + " saves CSV). Save it as 'CSV UTF-8' or import again with encoding=GBK.";
    }
    return "the file is not UTF-8 text. Save it as 'CSV UTF-8' or import again naming its"
        + " encoding, e.g. encoding=GBK.";
  }

  /**
   * IMPLEMENTATION NOTE: GB18030 accepts most but not all byte sequences (a lead byte must be
   * followed by a valid trail byte), so text in Latin-1 or Windows-1252 usually fails here while
   * GBK text passes. Decoding with "more input follows" lets the sample end inside a character.
   */
  private static boolean looksLikeGb18030(byte[] sample) {
    CoderResult result =
        Charset.forName("GB18030")
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(sample), CharBuffer.allocate(sample.length), false);
    return !result.isError();
  }
}
