package org.carecircle.population;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes small single-band Float32 GeoTIFFs for tests, with the JDK's TIFF writer and GeoTIFF tags
 * set by hand, so that each test can say exactly what its raster holds.
 *
 * <pre>
 *   GeoTiffFixture.grid(3, 2, 1f, 2f, 3f,
 *                             4f, 5f, 6f)       // row 1 is the top row
 *       .origin(120.0, 36.0).pixelSize(0.01)    // top-left corner, degrees
 *       .write(folder, "two-rows.tif");
 * </pre>
 */
public final class GeoTiffFixture {
  private final int width;
  private final int height;
  private final float[] values;
  private double originX = 120.0;
  private double originY = 36.0;
  private double pixelWidth = 0.01;
  private double pixelHeight = 0.01;
  private boolean georeferenced = true;
  /** GeoKey code; 0 = no GeoKeyDirectory at all. */
  private int crsCode = 4326;
  private boolean projected;
  private boolean pixelIsPoint;
  private String noData;
  private String compression;
  private int tileSize;
  private int bands = 1;

  private GeoTiffFixture(int width, int height, float[] values) {
    if (values.length != width * height) {
      throw new IllegalArgumentException("expected " + width * height + " values, got " + values.length);
    }
    this.width = width;
    this.height = height;
    this.values = values;
  }

  /** A raster of {@code width} x {@code height} pixels, values row by row from the top left. */
  public static GeoTiffFixture grid(int width, int height, float... values) {
    return new GeoTiffFixture(width, height, values);
  }

  /** The top-left corner of the top-left pixel, in the raster's CRS. */
  public GeoTiffFixture origin(double x, double y) {
    originX = x;
    originY = y;
    return this;
  }

  public GeoTiffFixture pixelSize(double size) {
    pixelWidth = size;
    pixelHeight = size;
    return this;
  }

  GeoTiffFixture geographic(int epsg) {
    crsCode = epsg;
    projected = false;
    return this;
  }

  GeoTiffFixture projected(int epsg) {
    crsCode = epsg;
    projected = true;
    return this;
  }

  /** No GeoKeyDirectory: the raster is placed on a grid but says nothing about its CRS. */
  GeoTiffFixture withoutCrs() {
    crsCode = 0;
    return this;
  }

  /** No GeoTIFF tags at all: a plain TIFF image. */
  GeoTiffFixture withoutGeoreferencing() {
    georeferenced = false;
    return this;
  }

  GeoTiffFixture pixelIsPoint() {
    pixelIsPoint = true;
    return this;
  }

  /** The GDAL_NODATA tag's text, e.g. "-99999" or "nan". */
  public GeoTiffFixture noData(String text) {
    noData = text;
    return this;
  }

  /** "LZW", "Deflate" or "PackBits" (the JDK writer's names). */
  public GeoTiffFixture compression(String type) {
    compression = type;
    return this;
  }

  public GeoTiffFixture tiled(int size) {
    tileSize = size;
    return this;
  }

  /** Writes every value into each of {@code count} bands (a population raster has one). */
  GeoTiffFixture bands(int count) {
    bands = count;
    return this;
  }

  public Path write(Path folder, String name) {
    Path file = folder.resolve(name);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (compression != null) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(compression);
      }
      if (tileSize > 0) {
        param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
        param.setTiling(tileSize, tileSize, 0, 0);
      }
      BufferedImage image = image();
      TIFFDirectory tags = TIFFDirectory.createFromMetadata(
          writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param));
      geoTiffTags().forEach(tags::addTIFFField);
      writer.write(null, new IIOImage(image, null, tags.getAsMetadata()), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return file;
  }

  private BufferedImage image() {
    float[] samples = new float[width * height * bands];
    for (int i = 0; i < values.length; i++) {
      for (int band = 0; band < bands; band++) {
        samples[i * bands + band] = values[i];
      }
    }
    int[] offsets = new int[bands];
    for (int band = 0; band < bands; band++) {
      offsets[band] = band;
    }
    WritableRaster raster = Raster.createWritableRaster(
        new PixelInterleavedSampleModel(DataBuffer.TYPE_FLOAT, width, height, bands, width * bands, offsets),
        new DataBufferFloat(samples, samples.length), null);
    ColorSpace colors = ColorSpace.getInstance(bands == 3 ? ColorSpace.CS_sRGB : ColorSpace.CS_GRAY);
    if (bands != 1 && bands != 3) {
      throw new IllegalArgumentException("1 or 3 bands");
    }
    return new BufferedImage(new ComponentColorModel(colors, false, false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT),
        raster, false, null);
  }

  private List<TIFFField> geoTiffTags() {
    List<TIFFField> fields = new ArrayList<>();
    if (georeferenced) {
      fields.add(doubles(GeoTiffGeoreference.MODEL_PIXEL_SCALE, "ModelPixelScale", pixelWidth, pixelHeight, 0));
      // pixel-is-point rasters tie the centre of pixel (0, 0) to the model point
      double tieX = pixelIsPoint ? originX + pixelWidth / 2 : originX;
      double tieY = pixelIsPoint ? originY - pixelHeight / 2 : originY;
      fields.add(doubles(GeoTiffGeoreference.MODEL_TIEPOINT, "ModelTiepoint", 0, 0, 0, tieX, tieY, 0));
      if (crsCode > 0 || pixelIsPoint) {
        List<Integer> keys = new ArrayList<>(List.of(1, 1, 0, 0));
        addKey(keys, 1024, projected ? 1 : 2);
        addKey(keys, 1025, pixelIsPoint ? 2 : 1);
        if (crsCode > 0) {
          addKey(keys, projected ? 3072 : 2048, crsCode);
        }
        keys.set(3, (keys.size() - 4) / 4);
        char[] shorts = new char[keys.size()];
        for (int i = 0; i < shorts.length; i++) {
          shorts[i] = (char) keys.get(i).intValue();
        }
        fields.add(new TIFFField(new TIFFTag("GeoKeyDirectory", GeoTiffGeoreference.GEO_KEY_DIRECTORY,
            1 << TIFFTag.TIFF_SHORT), TIFFTag.TIFF_SHORT, shorts.length, shorts));
      }
    }
    if (noData != null) {
      fields.add(new TIFFField(new TIFFTag("GDAL_NODATA", PopulationRasterReader.GDAL_NODATA, 1 << TIFFTag.TIFF_ASCII),
          TIFFTag.TIFF_ASCII, 1, new String[] {noData}));
    }
    return fields;
  }

  private static void addKey(List<Integer> keys, int key, int value) {
    keys.addAll(List.of(key, 0, 1, value));
  }

  private static TIFFField doubles(int number, String name, double... values) {
    return new TIFFField(new TIFFTag(name, number, 1 << TIFFTag.TIFF_DOUBLE), TIFFTag.TIFF_DOUBLE, values.length,
        values);
  }
}
