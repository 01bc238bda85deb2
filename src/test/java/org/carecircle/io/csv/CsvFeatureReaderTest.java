package org.carecircle.io.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.io.csv.CsvFeatureReader.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Point;

class CsvFeatureReaderTest {
  private static final Charset GBK = Charset.forName("GBK");

  @Test
  void readsPointsWithEveryOtherColumnAsTrimmedTextInFileOrder() throws IOException {
    ReadResult result =
        read("name, beds ,lon,lat,phone\n 市南区社区卫生服务中心 ,40,120.3826,36.0671,\n");

    assertThat(result.problems()).isEmpty();
    SourceFeature feature = result.features().get(0);
    assertThat(feature.row()).isEqualTo(2);
    assertPoint(feature, 120.3826, 36.0671);
    assertThat(feature.geometry().getSRID()).isZero();
    // the empty phone cell is left out; lon and lat are the geometry, not properties
    assertThat(feature.properties())
        .containsExactly(Map.entry("name", "市南区社区卫生服务中心"), Map.entry("beds", "40"));
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaksAndRowsCountPhysicalLines() throws IOException {
    ReadResult result;
    try (InputStream in = fixture("quoted-fields-with-commas-quotes-and-line-breaks.csv")) {
      result = CsvFeatureReader.read(in);
    }

    assertThat(result.problems()).isEmpty();
    // the second record runs over lines 3 to 5, so the third starts on line 6
    assertThat(result.features()).extracting(SourceFeature::row).containsExactly(2, 3, 6);
    assertThat(result.features().get(0).properties())
        .containsExactly(
            Map.entry("name", "Clinic, East"), Map.entry("address", "12 \"Harbour\" Rd"));
    assertThat(result.features().get(1).properties())
        .containsExactly(
            Map.entry("name", "Two-line\naddress clinic"),
            Map.entry("address", "line one\nline two"));
    assertThat(result.features().get(2).properties()).containsExactly(Map.entry("name", "Plain"));
    assertPoint(result.features().get(2), 120.40, 36.08);
  }

  @Test
  void crlfAndCrOnlyLineEndsCountOneRowEach() throws IOException {
    ReadResult windows = read("lon,lat\r\n1,2\r\n3,4\r\n");
    ReadResult oldMac = read("lon,lat\r1,2\r3,4\r");

    assertThat(windows.features()).extracting(SourceFeature::row).containsExactly(2, 3);
    assertThat(oldMac.features()).extracting(SourceFeature::row).containsExactly(2, 3);
  }

  @Test
  void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
    byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "lon,lat\n1,2\n");

    ReadResult result = CsvFeatureReader.read(new ByteArrayInputStream(withBom));

    assertPoint(result.features().get(0), 1, 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"name;lon;lat\nA, B;1;2\n", "name\tlon\tlat\nA, B\t1\t2\n"})
  void semicolonAndTabDelimitersAreDetectedFromTheHeader(String csv) throws IOException {
    ReadResult result = read(csv);

    assertThat(result.problems()).isEmpty();
    assertThat(result.features().get(0).properties()).containsExactly(Map.entry("name", "A, B"));
    assertPoint(result.features().get(0), 1, 2);
  }

  @Test
  void aQuotedSemicolonInACommaHeaderDoesNotFoolTheDetection() throws IOException {
    ReadResult result = read("\"beds; staffed\",lon,lat\n12,1,2\n");

    assertThat(result.features().get(0).properties())
        .containsExactly(Map.entry("beds; staffed", "12"));
  }

  @Test
  void decimalCommasInASemicolonFileAreExplained() throws IOException {
    ReadResult result;
    try (InputStream in = fixture("semicolon-delimited-with-decimal-commas.csv")) {
      result = CsvFeatureReader.read(in);
    }

    assertThat(result.problems())
        .containsExactly(
            InputProblem.ofRow(
                2,
                "lng",
                "'120,3961' is not a number; use a dot as the decimal separator (120.3961)"),
            InputProblem.ofRow(
                2,
                "lat",
                "'36,3072' is not a number; use a dot as the decimal separator (36.3072)"));
    assertThat(result.features()).extracting(SourceFeature::row).containsExactly(3);
  }

  @Test
  void badRowsBecomeProblemsAndReadingGoesOn() throws IOException {
    String csv =
        String.join(
            "\n",
            "id,name,type,beds,lon,lat,district,phone,note", // row 1
            "1,A,clinic,10,120.1,36.1,市南区,123,ok", // row 2: fine
            "2,B,clinic,10,abc,36.1,市南区,123,ok", // row 3: lon not a number
            "3,C,clinic,10,,36.1,市南区,123,ok", // row 4: lon empty
            "4,D,clinic,10,120.1,NaN,市南区,123,ok", // row 5: lat NaN
            "5,E,clinic,10,Infinity,1e999,市南区,123,ok", // row 6: both infinite
            "6,F,clinic,10,120.1,36.1,市南区,123", // row 7: a field short
            ",,,,,,,,", // row 8: all empty, skipped
            "", // row 9: blank, skipped
            "7,G,clinic,10,-1.5e2,+36.,市南区,123,ok"); // row 10: fine

    ReadResult result = read(csv);

    assertThat(result.problems())
        .containsExactly(
            InputProblem.ofRow(
                3, "lon", "'abc' is not a number; expected a decimal number such as 120.3826"),
            InputProblem.ofRow(
                4, "lon", "the longitude is empty; every row needs a longitude and a latitude"),
            InputProblem.ofRow(5, "lat", "'NaN' is not a finite number"),
            InputProblem.ofRow(6, "lon", "'Infinity' is not a finite number"),
            InputProblem.ofRow(6, "lat", "'1e999' is not a finite number"),
            InputProblem.ofRow(7, null, "expected 9 fields as in the header, found 8"));
    assertThat(result.problems().get(0).describe())
        .isEqualTo(
            "row 3, field lon: 'abc' is not a number; expected a decimal number such as 120.3826");
    assertThat(result.features()).extracting(SourceFeature::row).containsExactly(2, 10);
    assertPoint(result.features().get(1), -150, 36);
  }

  @Test
  void hexAndSuffixedNumbersThatJavaWouldAcceptAreNotNumbersHere() throws IOException {
    ReadResult result = read("lon,lat\n0x1p3,1.5d\n");

    assertThat(result.problems()).extracting(InputProblem::field).containsExactly("lon", "lat");
  }

  @Test
  void problemsStopBeingListedAfterAThousand() throws IOException {
    StringBuilder csv = new StringBuilder("lon,lat\n");
    for (int i = 0; i < CsvFeatureReader.MAX_PROBLEMS + 5; i++) {
      csv.append("x,1\n");
    }

    ReadResult result = read(csv.toString());

    assertThat(result.problems()).hasSize(CsvFeatureReader.MAX_PROBLEMS + 1);
    assertThat(result.problems().get(CsvFeatureReader.MAX_PROBLEMS))
        .isEqualTo(InputProblem.ofFile("5 more problems are not listed; fix the ones above first"));
  }

  @Test
  void anUnclosedQuoteEndsTheFileWithAProblemOnTheRowWhereItOpened() throws IOException {
    ReadResult result = read("name,lon,lat\nA,1,2\n\"B,3,4\nC,5,6\n");

    assertThat(result.features()).extracting(SourceFeature::row).containsExactly(2);
    assertThat(result.problems())
        .containsExactly(
            InputProblem.ofRow(
                3,
                null,
                "a quoted value starting on this row is never closed (a \" is missing), so the"
                    + " rest of the file could not be read"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\uFEFF", "  \r\n \n\t\n"})
  void anEmptyFileIsRejected(String content) {
    assertRejected(content, Options.defaults(), InputProblem.ofFile("the file is empty"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"name,lon,lat", "name,lon,lat\r\n", "name,lon,lat\n\n,,\n"})
  void aHeaderWithoutDataRowsIsRejected(String content) {
    assertRejected(
        content, Options.defaults(), InputProblem.ofFile("the file has a header but no data rows"));
  }

  @Test
  void aFileWithoutCoordinateColumnsIsRejectedNamingWhatWasFoundAndSought() {
    assertRejected(
        "name,address,坐标X,坐标Y\nA,B,1,2\n",
        Options.defaults(),
        InputProblem.ofRow(
            1,
            null,
            "no longitude column found; the columns are: name, address, 坐标X, 坐标Y; looked for a"
                + " column named lon, lng, long, longitude, x, 经度. Name the longitude column with"
                + " lonColumn"),
        InputProblem.ofRow(
            1,
            null,
            "no latitude column found; the columns are: name, address, 坐标X, 坐标Y; looked for a"
                + " column named lat, latitude, y, 纬度. Name the latitude column with latColumn"));
  }

  @Test
  void namedCoordinateColumnsAreMatchedIgnoringCase() throws IOException {
    ReadResult result =
        CsvFeatureReader.read(
            utf8("名称,POINT_X,POINT_Y\n即墨区中医院,120.4471,36.3894\n"),
            Options.defaults().withColumns("point_x", "Point_Y"));

    assertPoint(result.features().get(0), 120.4471, 36.3894);
    assertThat(result.features().get(0).properties()).containsExactly(Map.entry("名称", "即墨区中医院"));
  }

  @Test
  void aNamedColumnThatDoesNotExistIsRejectedOnTheOption() {
    assertRejected(
        "name,经度,纬度\nA,1,2\n",
        Options.defaults().withColumns("lon_gcj", null),
        InputProblem.ofField(
            "lonColumn",
            "there is no column 'lon_gcj' in the file; the columns are: name, 经度, 纬度"));
  }

  @Test
  void twoCandidateColumnsAreAmbiguousRatherThanGuessed() {
    assertRejected(
        "lng,longitude,lat\n1,2,3\n",
        Options.defaults(),
        InputProblem.ofRow(
            1,
            null,
            "several columns could hold the longitude (lng, longitude); name the right one with"
                + " lonColumn"));
  }

  @Test
  void duplicateColumnNamesAreRejectedIgnoringCase() {
    assertRejected(
        "name,lon,lat,Name\nA,1,2,B\n",
        Options.defaults(),
        InputProblem.ofRow(
            1,
            "name",
            "the column name 'name' appears more than once (columns 1, 4); column names must be"
                + " unique"));
  }

  @Test
  void unnamedColumnsAreNumbered() throws IOException {
    ReadResult result = read("lon,lat,\n1,2,stray\n");

    assertThat(result.features().get(0).properties())
        .containsExactly(Map.entry("column 3", "stray"));
  }

  @Test
  void aGbkFileIsRejectedAsUtf8WithAdviceAndReadIntactAsGbk() throws IOException {
    // what Excel on Chinese Windows saves as "CSV (comma delimited)"; Chinese first on row 3
    String text =
        "name,lon,lat\r\n"
            + "Clinic A,120.38,36.06\r\n"
            + "市南区社区卫生服务中心,120.3826,36.0671\r\n"
            + "崂山区中心医院,120.4682,36.1071\r\n";
    byte[] gbk = text.getBytes(GBK);

    assertThatThrownBy(() -> CsvFeatureReader.read(new ByteArrayInputStream(gbk)))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        InputProblem.ofRow(
                            3,
                            null,
                            "the file is not UTF-8 text; it looks like GBK/GB18030 (how Excel on"
                                + " Chinese Windows saves CSV). Save it as 'CSV UTF-8' or import"
                                + " again with encoding=GBK.")));

    for (String encoding : List.of("GBK", "gb18030")) {
      ReadResult result =
          CsvFeatureReader.read(
              new ByteArrayInputStream(gbk), Options.defaults().withEncoding(encoding));
      assertThat(result.problems()).isEmpty();
      assertThat(result.features())
          .extracting(feature -> feature.properties().get("name"))
          .containsExactly("Clinic A", "市南区社区卫生服务中心", "崂山区中心医院");
    }
  }

  @Test
  void anUndecodableByteFarIntoTheFileIsReportedOnItsOwnLine() throws IOException {
    // well past the 64 KiB decoding buffer, with quoted line breaks so that records and lines
    // differ: each record takes two lines, record k (from 0) starts on line 2 + 2k
    StringBuilder csv = new StringBuilder("name,lon,lat\n");
    for (int k = 0; k < 20_000; k++) {
      csv.append("\"clinic ").append(k).append("\nsecond line\",120.1,36.1\n");
    }
    byte[] utf8 = csv.toString().getBytes(UTF_8);
    ReadResult clean = CsvFeatureReader.read(new ByteArrayInputStream(utf8));
    byte[] broken = concat(utf8, "平度市人民医院,119.9597,36.7869\n".getBytes(GBK));

    assertThat(clean.features()).hasSize(20_000);
    assertThat(clean.features().get(19_999).row()).isEqualTo(2 + 2 * 19_999);
    assertThat(clean.features().get(19_999).properties())
        .containsExactly(Map.entry("name", "clinic 19999\nsecond line"));
    assertThatThrownBy(() -> CsvFeatureReader.read(new ByteArrayInputStream(broken)))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e -> assertThat(e.problems().get(0).row()).isEqualTo(2 + 2 * 20_000));
  }

  @Test
  void textThatIsNeitherUtf8NorGbkGetsGeneralAdvice() {
    // Windows-1252 "Café": 0xE9 followed by a comma is valid in neither encoding
    byte[] latin = "name,lon,lat\nCafé,1,2\n".getBytes(Charset.forName("windows-1252"));

    assertThatThrownBy(() -> CsvFeatureReader.read(new ByteArrayInputStream(latin)))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        InputProblem.ofRow(
                            2,
                            null,
                            "the file is not UTF-8 text. Save it as 'CSV UTF-8' or import again"
                                + " naming its encoding, e.g. encoding=GBK.")));
  }

  @Test
  void aFileNotInTheNamedEncodingIsRejectedPointingAtTheSetting() {
    byte[] gbk = "name,lon,lat\n市立医院,1,2\n".getBytes(GBK);

    assertRejected(
        gbk,
        Options.defaults().withEncoding("UTF-8"),
        InputProblem.ofRow(
            2,
            null,
            "the file is not valid UTF-8 text; check the encoding setting (leave it empty for"
                + " UTF-8)"));
  }

  @Test
  void anUnknownEncodingIsRejectedOnTheOption() {
    assertRejected(
        "lon,lat\n1,2\n",
        Options.defaults().withEncoding("chinese"),
        InputProblem.ofField(
            "encoding", "unknown encoding 'chinese': use UTF-8 (the default), GBK or GB18030"));
  }

  private static ReadResult read(String csv) throws IOException {
    return CsvFeatureReader.read(utf8(csv));
  }

  private static InputStream utf8(String csv) {
    return new ByteArrayInputStream(csv.getBytes(UTF_8));
  }

  private static InputStream fixture(String name) {
    InputStream in = CsvFeatureReaderTest.class.getResourceAsStream("/fixtures/" + name);
    assertThat(in).as("fixture %s", name).isNotNull();
    return in;
  }

  private static byte[] concat(byte[] head, String tail) {
    return concat(head, tail.getBytes(UTF_8));
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] all = new byte[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static void assertPoint(SourceFeature feature, double x, double y) {
    assertThat(feature.geometry()).isInstanceOf(Point.class);
    assertThat(((Point) feature.geometry()).getX()).isEqualTo(x);
    assertThat(((Point) feature.geometry()).getY()).isEqualTo(y);
  }

  private static void assertRejected(String csv, Options options, InputProblem... expected) {
    assertRejected(csv.getBytes(UTF_8), options, expected);
  }

  private static void assertRejected(byte[] bytes, Options options, InputProblem... expected) {
    assertThatThrownBy(() -> CsvFeatureReader.read(new ByteArrayInputStream(bytes), options))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e -> assertThat(e.problems()).containsExactly(expected));
  }
}
