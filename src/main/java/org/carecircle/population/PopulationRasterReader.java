package org.carecircle.population;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFImageReadParam;
import javax.imageio.stream.ImageInputStream;
import org.carecircle.io.InputFiles;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.crs.CoordinateTransformer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads a GeoTIFF raster of population counts (WorldPop, GHS-POP and the like) with the JDK's own
 * TIFF plugin: one band of counts per pixel, integer or floating point, uncompressed or LZW,
 * Deflate or PackBits, in strips or tiles.
 *
 * <p>Each pixel is classified: NoData (equal to the GDAL_NODATA tag 42113, or NaN when that tag
 * says "nan"), zero, a count ({@code > 0}, finite), or bad (negative, NaN or infinite otherwise).
 * {@link #tally} checks every pixel without building geometry; {@link #cells} turns the counts into
 * {@link PopulationCell}s: location = the pixel centre, polygon = the pixel's four corners, both
 * converted to WGS84, value = the pixel's count widened to double (exact for Float32). NoData and
 * zero pixels make no cell.
 *
 * <p>Memory stays bounded whatever the raster's height: pixels are decoded in bands of rows of
 * about {@link #CHUNK_PIXELS} pixels (aligned to the file's tiles or strips, so that no block is
 * decoded twice), and geometry is made one row at a time. A band is never less than one row of
 * blocks, so a very wide tiled raster needs more: 60,000 pixels wide in 512-row tiles is about 250
 * MB; such a raster is best cut to the city first ({@code gdal_translate -projwin}).
 *
 * <p>IMPLEMENTATION NOTE: the JDK's TIFF reader keeps only the tags of the tag sets it knows
 * (baseline, GeoTIFF, Exif) unless a {@link TIFFImageReadParam} asks for the others, and it reads a
 * file's tags once, on the first call that needs them. So the reader first reads the tags plainly
 * to check that the pixels can be decoded at all, then starts over and decodes one pixel with
 * "read unknown tags" set, which loads the tags again, GDAL_NODATA included.
 */
final class PopulationRasterReader implements AutoCloseable {
  /** Pixels decoded per read: 8 MB as doubles, few enough reads to be fast. */
  static final int CHUNK_PIXELS = 1 << 20;
  /** GDAL's tag for the NoData value, an ASCII number. */
  static final int GDAL_NODATA = 42113;
  /** Enough for a planner to see the pattern (as for CSV files). */
  static final int MAX_PROBLEMS = 1000;

  private static final int SAMPLE_FORMAT_UNSIGNED = 1;
  private static final int SAMPLE_FORMAT_SIGNED = 2;
  private static final int SAMPLE_FORMAT_FLOAT = 3;
  private static final int PREDICTOR_NONE = 1;
  private static final int PREDICTOR_HORIZONTAL = 2;
  /** The JDK decodes horizontal differencing for 8- and 16-bit samples only. */
  private static final int MAX_BITS_FOR_PREDICTOR = 16;
  private static final Map<Integer, String> DECODABLE_COMPRESSIONS = Map.of(
      BaselineTIFFTagSet.COMPRESSION_NONE, "none",
      BaselineTIFFTagSet.COMPRESSION_LZW, "LZW",
      BaselineTIFFTagSet.COMPRESSION_ZLIB, "Deflate",
      BaselineTIFFTagSet.COMPRESSION_DEFLATE, "Deflate",
      BaselineTIFFTagSet.COMPRESSION_PACKBITS, "PackBits");
  private static final Map<Integer, String> OTHER_COMPRESSIONS = Map.of(
      BaselineTIFFTagSet.COMPRESSION_JPEG, "JPEG", BaselineTIFFTagSet.COMPRESSION_OLD_JPEG, "JPEG",
      34887, "LERC", 34925, "LZMA", 50000, "ZSTD", 50001, "WebP");
  private static final String CONVERT_ADVICE =
      "; convert it with: gdal_translate -co COMPRESS=DEFLATE in.tif out.tif";

  private static final GeometryFactory WGS84 =
      new GeometryFactory(new PrecisionModel(), CoordinateTransformer.WGS84_SRID);

  /** How one pixel counts. */
  enum PixelClass {
    NO_DATA,
    ZERO,
    COUNT,
    BAD
  }

  /**
   * What a check of every pixel found.
   *
   * @param cells pixels holding a count ({@code > 0})
   * @param totalPopulation the sum of those counts
   * @param noDataPixels pixels equal to the NoData value
   * @param zeroPixels pixels holding 0
   * @param problems bad pixels (negative, NaN, infinite), at most {@link #MAX_PROBLEMS} and a last
   *     line saying how many more
   */
  record Tally(long cells, double totalPopulation, long noDataPixels, long zeroPixels, List<InputProblem> problems) {}

  private final ImageInputStream stream;
  private final ImageReader reader;
  private final int width;
  private final int height;
  private final int rowsPerRead;
  private final GeoTiffGeoreference georeference;
  private final double noData;
  private final boolean hasNoData;

  private PopulationRasterReader(ImageInputStream stream, ImageReader reader, int width, int height,
      int rowsPerRead, GeoTiffGeoreference georeference, Double noData) {
    this.stream = stream;
    this.reader = reader;
    this.width = width;
    this.height = height;
    this.rowsPerRead = rowsPerRead;
    this.georeference = georeference;
    this.hasNoData = noData != null;
    this.noData = noData == null ? Double.NaN : noData;
  }

  /** Whether a file starts like a TIFF (classic or BigTIFF, either byte order). */
  static boolean looksLikeTiff(byte[] head) {
    if (head.length < 4) {
      return false;
    }
    boolean little = head[0] == 'I' && head[1] == 'I' && head[3] == 0 && (head[2] == 42 || head[2] == 43);
    boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
    return little || big;
  }

  /**
   * Opens a GeoTIFF and reads its tags.
   *
   * @throws InputRejectedException when the file is not a TIFF the JDK can decode, has more than
   *     one band, or has no georeferencing
   */
  static PopulationRasterReader open(Path file) {
    ImageInputStream stream = null;
    ImageReader reader = null;
    try {
      stream = ImageIO.createImageInputStream(file.toFile());
      reader = tiffReader(stream);
      reader.setInput(stream, true, false);
      checkDecodable(TIFFDirectory.createFromMetadata(reader.getImageMetadata(0)));
      // start over, so that the tags are read again, this time with the GDAL ones
      stream.seek(0);
      reader.setInput(stream, true, false);
      TIFFImageReadParam withAllTags = new TIFFImageReadParam();
      withAllTags.setReadUnknownTags(true);
      withAllTags.setSourceRegion(new Rectangle(0, 0, 1, 1));
      reader.read(0, withAllTags);
      TIFFDirectory tags = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0));
      GeoTiffGeoreference georeference = GeoTiffGeoreference.fromTiff(tags);
      Double noData = noData(tags.getTIFFField(GDAL_NODATA));
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      int blockRows = Math.max(1, reader.getTileHeight(0));
      int rowsPerRead = Math.max(blockRows, CHUNK_PIXELS / Math.max(1, width) / blockRows * blockRows);
      return new PopulationRasterReader(stream, reader, width, height, rowsPerRead, georeference, noData);
    } catch (IOException e) {
      close(stream, reader);
      throw rejected("the raster could not be read: " + InputFiles.reason(e));
    } catch (RuntimeException e) {
      close(stream, reader);
      throw e;
    }
  }

  private static ImageReader tiffReader(ImageInputStream stream) throws IOException {
    byte[] head = new byte[4];
    stream.mark();
    int length = stream.read(head);
    stream.reset();
    if (length < 4 || !looksLikeTiff(head)) {
      throw rejected("the file is not a TIFF image");
    }
    if (head[2] == 43 || head[3] == 43) {
      throw rejected("the raster is a BigTIFF, which Java's TIFF reader cannot open; convert it with:"
          + " gdal_translate -co BIGTIFF=NO -co COMPRESS=DEFLATE in.tif out.tif (or cut it to your city"
          + " with -projwin)");
    }
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
    if (!readers.hasNext()) {
      throw new IllegalStateException("this Java runtime has no TIFF reader (Java 9 or later has one)");
    }
    return readers.next();
  }

  /** Rejects what the JDK cannot decode or what cannot be population counts, with what to do. */
  /**
   * Most pixels of a population raster: 400 million, a 2,000 km square at 100 m (WorldPop's
   * resolution), far beyond a city or province; checked from the tags before any pixel is decoded,
   * so a file declaring absurd dimensions costs nothing.
   */
  static final long MAX_PIXELS = 400_000_000L;
  /** Longest side in pixels: one row of doubles stays a few hundred kilobytes. */
  static final long MAX_SIDE_PIXELS = 100_000L;

  private static void checkDecodable(TIFFDirectory tags) {
    long width = Integer.toUnsignedLong(intTag(tags, BaselineTIFFTagSet.TAG_IMAGE_WIDTH, 0));
    long height = Integer.toUnsignedLong(intTag(tags, BaselineTIFFTagSet.TAG_IMAGE_LENGTH, 0));
    if (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS || width * height > MAX_PIXELS) {
      throw rejected("the raster declares " + width + " × " + height + " pixels; CareCircle reads at most "
          + MAX_PIXELS + " pixels (" + MAX_SIDE_PIXELS + " on a side); cut it to your city first, e.g."
          + " gdal_translate -projwin minLon maxLat maxLon minLat in.tif city.tif");
    }
    int bands = intTag(tags, BaselineTIFFTagSet.TAG_SAMPLES_PER_PIXEL, 1);
    if (bands != 1) {
      throw rejected("the raster has " + bands + " bands, but a population raster has one band of counts;"
          + " extract the band of counts with: gdal_translate -b 1 in.tif out.tif");
    }
    int sampleFormat = intTag(tags, BaselineTIFFTagSet.TAG_SAMPLE_FORMAT, SAMPLE_FORMAT_UNSIGNED);
    if (sampleFormat != SAMPLE_FORMAT_UNSIGNED && sampleFormat != SAMPLE_FORMAT_SIGNED
        && sampleFormat != SAMPLE_FORMAT_FLOAT) {
      throw rejected("the raster's pixels are not plain numbers (TIFF sample format " + sampleFormat + ")");
    }
    int compression = intTag(tags, BaselineTIFFTagSet.TAG_COMPRESSION, BaselineTIFFTagSet.COMPRESSION_NONE);
    if (!DECODABLE_COMPRESSIONS.containsKey(compression)) {
      throw rejected("the raster is compressed with " + OTHER_COMPRESSIONS.getOrDefault(compression,
          "TIFF compression " + compression) + ", which Java's TIFF reader cannot decode" + CONVERT_ADVICE);
    }
    int predictor = intTag(tags, BaselineTIFFTagSet.TAG_PREDICTOR, PREDICTOR_NONE);
    int bits = intTag(tags, BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE, 8);
    if (predictor != PREDICTOR_NONE && (predictor != PREDICTOR_HORIZONTAL || bits > MAX_BITS_FOR_PREDICTOR)) {
      throw rejected("the raster uses the " + (predictor == PREDICTOR_HORIZONTAL ? "horizontal" : "floating-point")
          + " predictor (PREDICTOR=" + predictor + ") on " + bits + "-bit pixels, which Java's TIFF reader"
          + " cannot decode" + CONVERT_ADVICE);
    }
  }

  private static int intTag(TIFFDirectory tags, int tag, int absent) {
    TIFFField field = tags.getTIFFField(tag);
    return field == null || field.getCount() == 0 ? absent : field.getAsInt(0);
  }

  private static Double noData(TIFFField field) {
    if (field == null || field.getCount() == 0) {
      return null;
    }
    String text = field.getAsString(0).replace("\0", "").trim();
    // GDAL writes C's spellings: nan, inf, -inf
    switch (text.toLowerCase(Locale.ROOT)) {
      case "nan", "-nan" -> {
        return Double.NaN;
      }
      case "inf", "+inf", "infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        // a number, handled below
      }
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw rejected("the raster's NoData value '" + text + "' (GDAL_NODATA tag) is not a number");
    }
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  GeoTiffGeoreference georeference() {
    return georeference;
  }

  /** The NoData value, or null when the raster declares none. */
  Double noData() {
    return hasNoData ? noData : null;
  }

  /** The raster's outline in its own CRS: the envelope of its four corners. */
  Envelope modelEnvelope() {
    Envelope envelope = new Envelope();
    for (int[] corner : new int[][] {{0, 0}, {width, 0}, {0, height}, {width, height}}) {
      envelope.expandToInclude(georeference.toModel(corner[0], corner[1]));
    }
    return envelope;
  }

  PixelClass classify(double value) {
    if (hasNoData && (Double.isNaN(noData) ? Double.isNaN(value) : value == noData || value == (float) noData)) {
      return PixelClass.NO_DATA;
    }
    if (value == 0) {
      return PixelClass.ZERO;
    }
    return value > 0 && value < Double.POSITIVE_INFINITY ? PixelClass.COUNT : PixelClass.BAD;
  }

  /** Checks every pixel; builds no geometry. */
  Tally tally() {
    return tally(rowsDone -> {});
  }

  /**
   * Checks every pixel; builds no geometry.
   *
   * @param afterRow told the number of rows checked so far after each row (1 to height); may
   *     throw to stop the check (a cancelled job)
   */
  Tally tally(java.util.function.IntConsumer afterRow) {
    long[] counts = new long[PixelClass.values().length];
    PopulationSum total = new PopulationSum();
    List<InputProblem> problems = new ArrayList<>();
    scanRows((row, values) -> {
      for (int column = 0; column < values.length; column++) {
        PixelClass pixelClass = classify(values[column]);
        counts[pixelClass.ordinal()]++;
        if (pixelClass == PixelClass.COUNT) {
          total.add(values[column]);
        } else if (pixelClass == PixelClass.BAD && problems.size() < MAX_PROBLEMS) {
          problems.add(badPixel(row, column, values[column]));
        }
      }
      afterRow.accept(row + 1);
    });
    long bad = counts[PixelClass.BAD.ordinal()];
    if (bad > MAX_PROBLEMS) {
      problems.add(InputProblem.ofFile((bad - MAX_PROBLEMS) + " more pixels are not valid counts; fix the ones above first"));
    }
    return new Tally(counts[PixelClass.COUNT.ordinal()], total.value(), counts[PixelClass.NO_DATA.ordinal()],
        counts[PixelClass.ZERO.ordinal()], problems);
  }

  private InputProblem badPixel(int row, int column, double value) {
    Coordinate at = georeference.toModel(column + 0.5, row + 0.5);
    String what = Double.isNaN(value) ? "is not a number (NaN)"
        : Double.isInfinite(value) ? "is infinite"
        : "holds " + value + "; population counts cannot be negative";
    String noDataHint = hasNoData ? "" : " (the raster declares no NoData value; if this is one, set it with"
        + " gdal_translate -a_nodata " + (Double.isNaN(value) ? "nan" : String.valueOf(value)) + ")";
    return new InputProblem(row + 1, "pixel",
        String.format(Locale.ROOT, "the pixel in row %d, column %d (counted from 1 at the top left; centre at"
            + " %.6f, %.6f in the raster's coordinates) %s%s", row + 1, column + 1, at.x, at.y, what, noDataHint));
  }

  /**
   * Passes every pixel holding a count, as a WGS84 cell, to {@code sink}, row by row from the top;
   * ids run from 1 in that order. Call {@link #tally} first: bad pixels are skipped here silently.
   *
   * @throws IllegalArgumentException when a pixel corner cannot be converted to WGS84
   */
  void cells(CoordinateTransformer transformer, Consumer<PopulationCell> sink) {
    long[] nextId = {1};
    Coordinate[][] top = {null};
    scanRows((row, values) -> {
      Coordinate[] upper = top[0] != null ? top[0] : cornerLine(transformer, row);
      Coordinate[] lower = cornerLine(transformer, row + 1);
      Coordinate[] centres = null;
      for (int column = 0; column < values.length; column++) {
        if (classify(values[column]) != PixelClass.COUNT) {
          continue;
        }
        if (centres == null) {
          centres = centreLine(transformer, row);
        }
        Point location = WGS84.createPoint(centres[column].copy());
        Polygon square = WGS84.createPolygon(new Coordinate[] {
          upper[column].copy(), upper[column + 1].copy(), lower[column + 1].copy(), lower[column].copy(),
          upper[column].copy()});
        sink.accept(new PopulationCell(nextId[0]++, values[column], location, square));
      }
      top[0] = lower;
    });
  }

  /** The WGS84 positions of the corners along the top edge of row {@code edge} (0..height). */
  private Coordinate[] cornerLine(CoordinateTransformer transformer, int edge) {
    Coordinate[] line = new Coordinate[width + 1];
    for (int column = 0; column <= width; column++) {
      line[column] = georeference.toModel(column, edge);
    }
    return toWgs84(transformer, line);
  }

  private Coordinate[] centreLine(CoordinateTransformer transformer, int row) {
    Coordinate[] line = new Coordinate[width];
    for (int column = 0; column < width; column++) {
      line[column] = georeference.toModel(column + 0.5, row + 0.5);
    }
    return toWgs84(transformer, line);
  }

  private static Coordinate[] toWgs84(CoordinateTransformer transformer, Coordinate[] line) {
    return transformer.toWgs84(WGS84.createMultiPointFromCoords(line)).getCoordinates();
  }

  /** Sees the pixel values of one row, top row = 0; the array is reused for the next row. */
  @FunctionalInterface
  interface RowVisitor {
    void row(int row, double[] values);
  }

  /** Decodes the raster band by band and hands each row to the visitor. */
  void scanRows(RowVisitor visitor) {
    double[] rowValues = new double[width];
    double[] band = null;
    for (int firstRow = 0; firstRow < height; firstRow += rowsPerRead) {
      int rows = Math.min(rowsPerRead, height - firstRow);
      TIFFImageReadParam region = new TIFFImageReadParam();
      region.setSourceRegion(new Rectangle(0, firstRow, width, rows));
      Raster raster;
      try {
        raster = reader.read(0, region).getRaster();
      } catch (IIOException e) {
        throw rejected("the raster could not be decoded (rows " + (firstRow + 1) + " to " + (firstRow + rows)
            + "): " + e.getMessage());
      } catch (IOException e) {
        throw rejected("the raster could not be read: " + InputFiles.reason(e));
      }
      band = raster.getSamples(raster.getMinX(), raster.getMinY(), width, rows, 0, band);
      for (int row = 0; row < rows; row++) {
        System.arraycopy(band, row * width, rowValues, 0, width);
        visitor.row(firstRow + row, rowValues);
      }
    }
  }

  @Override
  public void close() {
    close(stream, reader);
  }

  private static void close(ImageInputStream stream, ImageReader reader) {
    if (reader != null) {
      reader.dispose();
    }
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException ignored) {
        // nothing was written through it; a failed close loses nothing
      }
    }
  }

  private static InputRejectedException rejected(String message) {
    return new InputRejectedException(InputProblem.ofField("file", message));
  }
}
