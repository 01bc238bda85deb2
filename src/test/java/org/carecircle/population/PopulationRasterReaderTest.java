package org.carecircle.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.crs.CoordinateTransformer;
import org.carecircle.testsupport.ExternalTool;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * The GeoTIFF reader on small rasters written for each test (see {@link GeoTiffFixture}) and on the
 * real WorldPop raster of the Ahr valley, checked pixel by pixel against GDAL.
 */
class PopulationRasterReaderTest {
  private static final CoordinateTransformer WGS84 = CoordinateTransformer.forCrs("EPSG:4326");
  private static final float NO_DATA = -99999f;

  @TempDir Path folder;

  private static List<PopulationCell> cells(Path raster, CoordinateTransformer transformer) {
    List<PopulationCell> cells = new ArrayList<>();
    try (PopulationRasterReader reader = PopulationRasterReader.open(raster)) {
      reader.cells(transformer, cells::add);
    }
    return cells;
  }

  private static PopulationRasterReader.Tally tally(Path raster) {
    try (PopulationRasterReader reader = PopulationRasterReader.open(raster)) {
      return reader.tally();
    }
  }

  private static InputProblem rejection(Path raster) {
    try (PopulationRasterReader reader = PopulationRasterReader.open(raster)) {
      reader.tally();
    } catch (InputRejectedException e) {
      return e.problems().get(0);
    }
    throw new AssertionError("expected " + raster.getFileName() + " to be rejected");
  }

  @Test
  void fixtureIsAGeoTiffThatGdalReadsAsWritten() {
    Path raster = GeoTiffFixture.grid(3, 2, 1, 2, 3, 4, 5, NO_DATA)
        .origin(120.0, 36.0).pixelSize(0.01).noData("-99999").write(folder, "fixture.tif");
    String info = ExternalTool.run("gdal-bin", "gdalinfo", raster.toString()).stdout();
    assertThat(info).contains("Size is 3, 2").contains("Origin = (120.000000000000000,36.000000000000000)")
        .contains("Pixel Size = (0.010000000000000,-0.010000000000000)").contains("NoData Value=-99999")
        .contains("ID[\"EPSG\",4326]").contains("Type=Float32");
  }

  @Test
  void pixelsBecomeCellsAtTheirCentresWithTheirSquares() {
    //   column:     1      2      3
    //   row 1:    1.5   NoData   0       top edge at 36.00, west edge at 120.00
    //   row 2:    2.25    4     0.5      pixels of 0.01 degrees
    Path raster = GeoTiffFixture.grid(3, 2, 1.5f, NO_DATA, 0, 2.25f, 4, 0.5f)
        .origin(120.0, 36.0).pixelSize(0.01).noData("-99999").write(folder, "cells.tif");

    PopulationRasterReader.Tally tally = tally(raster);
    assertThat(tally.cells()).isEqualTo(4);
    assertThat(tally.totalPopulation()).isEqualTo(1.5 + 2.25 + 4 + 0.5);
    assertThat(tally.noDataPixels()).isEqualTo(1);
    assertThat(tally.zeroPixels()).isEqualTo(1);
    assertThat(tally.problems()).isEmpty();

    List<PopulationCell> cells = cells(raster, WGS84);
    assertThat(cells).extracting(PopulationCell::id).containsExactly(1L, 2L, 3L, 4L);
    assertThat(cells).extracting(PopulationCell::population).containsExactly(1.5, 2.25, 4.0, 0.5);
    // row 2, column 2: centre 120.015, 35.985; square 120.01..120.02 x 35.98..35.99
    PopulationCell middle = cells.get(2);
    assertThat(middle.location().getX()).isCloseTo(120.015, within(1e-12));
    assertThat(middle.location().getY()).isCloseTo(35.985, within(1e-12));
    assertThat(middle.location().getSRID()).isEqualTo(4326);
    assertThat(middle.cellPolygon().getEnvelopeInternal().getMinX()).isCloseTo(120.01, within(1e-12));
    assertThat(middle.cellPolygon().getEnvelopeInternal().getMaxX()).isCloseTo(120.02, within(1e-12));
    assertThat(middle.cellPolygon().getEnvelopeInternal().getMinY()).isCloseTo(35.98, within(1e-12));
    assertThat(middle.cellPolygon().getEnvelopeInternal().getMaxY()).isCloseTo(35.99, within(1e-12));
    assertThat(middle.cellPolygon().getArea()).isCloseTo(0.0001, within(1e-15));
    assertThat(middle.cellPolygon().isValid()).isTrue();
  }

  @Test
  void pixelIsPointRastersAreShiftedByHalfAPixel() {
    // the same grid declared as pixel-is-point: the tie point is pixel (0,0)'s centre, 120.005/35.995
    Path raster = GeoTiffFixture.grid(2, 1, 1, 2).origin(120.0, 36.0).pixelSize(0.01).pixelIsPoint()
        .write(folder, "point.tif");
    PopulationCell first = cells(raster, WGS84).get(0);
    assertThat(first.location().getX()).isCloseTo(120.005, within(1e-12));
    assertThat(first.location().getY()).isCloseTo(35.995, within(1e-12));
  }

  @Test
  void compressedAndTiledRastersReadTheSameAsPlainOnes() {
    float[] values = new float[37 * 23];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 7 == 0 ? NO_DATA : (i % 13) * 0.75f;
    }
    PopulationRasterReader.Tally plain = tally(
        GeoTiffFixture.grid(37, 23, values).noData("-99999").write(folder, "plain.tif"));
    for (String compression : List.of("LZW", "Deflate", "PackBits")) {
      Path stripped = GeoTiffFixture.grid(37, 23, values).noData("-99999").compression(compression)
          .write(folder, compression + ".tif");
      Path tiled = GeoTiffFixture.grid(37, 23, values).noData("-99999").compression(compression).tiled(16)
          .write(folder, compression + "-tiled.tif");
      assertThat(tally(stripped)).as(compression).isEqualTo(plain);
      assertThat(tally(tiled)).as(compression + " tiled").isEqualTo(plain);
    }
  }

  @Test
  void negativeAndNanCountsAreNamedByRowAndColumn() {
    Path raster = GeoTiffFixture.grid(3, 2, 1, 2, 3, 4, -5, Float.NaN).origin(120.0, 36.0).pixelSize(0.01)
        .noData("-99999").write(folder, "bad.tif");
    List<InputProblem> problems = tally(raster).problems();
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).row()).isEqualTo(2);
    assertThat(problems.get(0).field()).isEqualTo("pixel");
    assertThat(problems.get(0).message()).contains("row 2, column 2").contains("-5.0").contains("negative")
        .contains("120.015000, 35.985000");
    assertThat(problems.get(1).message()).contains("row 2, column 3").contains("NaN");
  }

  @Test
  void nanIsNoDataWhenTheRasterSaysSo() {
    Path raster = GeoTiffFixture.grid(2, 1, Float.NaN, 3).noData("nan").write(folder, "nan.tif");
    PopulationRasterReader.Tally tally = tally(raster);
    assertThat(tally.problems()).isEmpty();
    assertThat(tally.noDataPixels()).isEqualTo(1);
    assertThat(tally.totalPopulation()).isEqualTo(3);
  }

  @Test
  void rasterWithoutGeoreferencingIsRejected() {
    InputProblem problem = rejection(GeoTiffFixture.grid(2, 1, 1, 2).withoutGeoreferencing().write(folder, "plain.tif"));
    assertThat(problem.field()).isEqualTo("file");
    assertThat(problem.message()).contains("no georeferencing").contains("ModelTiepoint");
  }

  @Test
  void rasterWithSeveralBandsIsRejected() {
    InputProblem problem = rejection(GeoTiffFixture.grid(2, 1, 1, 2).bands(3).write(folder, "rgb.tif"));
    assertThat(problem.message()).contains("3 bands").contains("gdal_translate -b 1");
  }

  @Test
  void projectedRasterCellsAreConvertedToWgs84() {
    // a 2 x 2 raster of 100 m pixels in UTM zone 50N (EPSG:32650), in Qingdao
    Path raster = GeoTiffFixture.grid(2, 2, 10, 20, 30, 40).origin(236_000, 3_995_000).pixelSize(100)
        .projected(32650).write(folder, "utm.tif");
    CoordinateTransformer utm = CoordinateTransformer.forCrs("EPSG:32650");
    List<PopulationCell> cells = cells(raster, utm);
    assertThat(cells).hasSize(4);
    // GDAL, an independent implementation of the projection, places the centre of the top-left pixel
    String out = ExternalTool.run("gdal-bin", "sh", "-c",
        "echo '236050 3994950' | gdaltransform -s_srs EPSG:32650 -t_srs EPSG:4326 -output_xy").stdout().trim();
    String[] lonLat = out.split("\\s+");
    assertThat(cells.get(0).location().getX()).isCloseTo(Double.parseDouble(lonLat[0]), within(1e-7));
    assertThat(cells.get(0).location().getY()).isCloseTo(Double.parseDouble(lonLat[1]), within(1e-7));
    // the pixel square stays a 100 m x 100 m quadrilateral: its corners are the projected corners
    Polygon square = (Polygon) cells.get(0).cellPolygon();
    assertThat(square.getCoordinates()).hasSize(5);
    Coordinate northWest = square.getCoordinates()[0];
    Coordinate expected = utm.toWgs84(new org.locationtech.jts.geom.GeometryFactory()
        .createPoint(new Coordinate(236_000, 3_995_000))).getCoordinate();
    assertThat(northWest.distance(expected)).isLessThan(1e-12);
    double areaSquareMeters = utm.fromWgs84(square).getArea();
    assertThat(areaSquareMeters).isCloseTo(10_000, within(1e-3));
  }

  // ---- the real WorldPop raster ----

  @Test
  void ahrValleyRasterTotalIsPreserved() {
    PopulationRasterReader.Tally tally = tally(SharedGeodata.file("ahrtal/wpop_ahrvalley.tif"));
    // README: sum 191,420.4; 857 x 300 = 257,100 pixels, of which GDAL counts 23,054 valid
    assertThat(tally.totalPopulation()).isCloseTo(191_420.4, within(0.1));
    assertThat(tally.cells()).isEqualTo(23_054);
    assertThat(tally.noDataPixels()).isEqualTo(257_100 - 23_054);
    assertThat(tally.zeroPixels()).isZero();
    assertThat(tally.problems()).isEmpty();
  }

  @Test
  void ahrValleyCellsMatchGdalPixelByPixel() {
    Path tif = SharedGeodata.file("ahrtal/wpop_ahrvalley.tif");
    List<double[]> gdalPixels = GdalXyz.validPixels(tif, NO_DATA);
    List<PopulationCell> cells = cells(tif, WGS84);
    assertThat(cells).hasSameSizeAs(gdalPixels);
    for (int i = 0; i < cells.size(); i++) {
      double[] pixel = gdalPixels.get(i);
      PopulationCell cell = cells.get(i);
      assertThat(cell.location().getX()).as("cell %d lon", i).isCloseTo(pixel[0], within(1e-9));
      assertThat(cell.location().getY()).as("cell %d lat", i).isCloseTo(pixel[1], within(1e-9));
      assertThat(cell.population()).as("cell %d", i).isEqualTo((double) (float) pixel[2]);
    }
  }

  @Test
  void gdalConversionsOfTheAhrRasterReadTheSame() {
    Path source = SharedGeodata.file("ahrtal/wpop_ahrvalley.tif");
    double expected = tally(source).totalPopulation();
    for (String[] options : List.of(
        new String[] {"-co", "COMPRESS=LZW"},
        new String[] {"-co", "COMPRESS=DEFLATE"},
        new String[] {"-co", "COMPRESS=PACKBITS", "-co", "TILED=YES", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=64"})) {
      Path converted = gdalTranslate(source, options);
      PopulationRasterReader.Tally tally = tally(converted);
      assertThat(tally.totalPopulation()).as(String.join(" ", options)).isEqualTo(expected);
      assertThat(tally.cells()).as(String.join(" ", options)).isEqualTo(23_054);
    }
  }

  @Test
  void rastersTheJdkCannotDecodeAreRejectedWithAWayOut() {
    Path source = SharedGeodata.file("ahrtal/wpop_ahrvalley.tif");
    assertThat(rejection(gdalTranslate(source, "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3")).message())
        .contains("floating-point predictor").contains("gdal_translate -co COMPRESS=DEFLATE");
    assertThat(rejection(gdalTranslate(source, "-co", "COMPRESS=ZSTD")).message())
        .contains("ZSTD").contains("gdal_translate");
    assertThat(rejection(gdalTranslate(source, "-co", "BIGTIFF=YES")).message()).contains("BigTIFF");
  }

  private Path gdalTranslate(Path source, String... options) {
    Path target = folder.resolve("converted-" + String.join("", options).replaceAll("[^A-Za-z0-9]", "")
        .toLowerCase(Locale.ROOT) + ".tif");
    List<String> command = new ArrayList<>(List.of("gdal_translate", "-q"));
    command.addAll(List.of(options));
    command.addAll(List.of(source.toString(), target.toString()));
    ExternalTool.run("gdal-bin", command.toArray(String[]::new));
    return target;
  }
}
