package org.carecircle.population;

import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.locationtech.jts.geom.Coordinate;

/**
 * Where a GeoTIFF's pixels lie: the affine map from pixel to model coordinates and the coordinate
 * reference system the file declares, read from the GeoTIFF tags (GeoTIFF 1.1, OGC 19-008r4).
 *
 * <p>Pixel coordinates follow the "area" convention: the top-left corner of pixel (column c, row
 * r) is at (c, r) and its centre at (c + 0.5, r + 0.5), columns to the right and rows downwards,
 * counted from 0. A file that declares RasterPixelIsPoint is shifted by half a pixel accordingly,
 * as GDAL does.
 *
 * <p>Tags read: ModelTransformation (34264), else ModelTiepoint (33922) with ModelPixelScale
 * (33550); and from the GeoKeyDirectory (34735) GTModelType (1024), GTRasterType (1025),
 * GeographicType (2048) and ProjectedCSType (3072).
 *
 * @param affine {@code x = a*column + b*row + c} and {@code y = d*column + e*row + f} as {@code
 *     {a, b, c, d, e, f}}, model units (degrees or metres)
 * @param declaredCrs {@code "EPSG:n"} as the file declares it, or null when it declares none
 * @param undeclaredReason why the file's CRS cannot be used although it has one (a user-defined
 *     projection), or null
 */
record GeoTiffGeoreference(double[] affine, String declaredCrs, String undeclaredReason) {
  static final int MODEL_PIXEL_SCALE = 33550;
  static final int MODEL_TIEPOINT = 33922;
  static final int MODEL_TRANSFORMATION = 34264;
  static final int GEO_KEY_DIRECTORY = 34735;

  private static final int KEY_MODEL_TYPE = 1024;
  private static final int KEY_RASTER_TYPE = 1025;
  private static final int KEY_GEOGRAPHIC_TYPE = 2048;
  private static final int KEY_PROJECTED_TYPE = 3072;
  private static final int MODEL_TYPE_PROJECTED = 1;
  private static final int MODEL_TYPE_GEOGRAPHIC = 2;
  private static final int RASTER_PIXEL_IS_POINT = 2;
  /** GeoTIFF's code for "user-defined": the file spells the CRS out in parameters instead. */
  private static final int USER_DEFINED = 32767;
  /** Each GeoKey entry is four shorts: key id, tag location, count, value or offset. */
  private static final int KEY_ENTRY_SHORTS = 4;

  /**
   * Reads the georeferencing of a TIFF image.
   *
   * @throws InputRejectedException when the file has no usable georeferencing
   */
  static GeoTiffGeoreference fromTiff(TIFFDirectory tags) {
    int[] keys = shorts(tags.getTIFFField(GEO_KEY_DIRECTORY));
    double[] affine = affine(tags);
    if (keyValue(keys, KEY_RASTER_TYPE) == RASTER_PIXEL_IS_POINT) {
      // the model point of pixel (c, r) is its centre: move the origin back by half a pixel
      affine[2] -= 0.5 * (affine[0] + affine[1]);
      affine[5] -= 0.5 * (affine[3] + affine[4]);
    }
    int modelType = keyValue(keys, KEY_MODEL_TYPE);
    int code = modelType == MODEL_TYPE_GEOGRAPHIC ? keyValue(keys, KEY_GEOGRAPHIC_TYPE)
        : modelType == MODEL_TYPE_PROJECTED ? keyValue(keys, KEY_PROJECTED_TYPE)
        : keyValue(keys, KEY_PROJECTED_TYPE) > 0 ? keyValue(keys, KEY_PROJECTED_TYPE)
        : keyValue(keys, KEY_GEOGRAPHIC_TYPE);
    if (code == USER_DEFINED) {
      String kind = modelType == MODEL_TYPE_GEOGRAPHIC ? "geographic coordinate system" : "projection";
      return new GeoTiffGeoreference(affine, null, "the raster's " + kind
          + " is user-defined (spelled out in parameters, not an EPSG code), which CareCircle cannot read;"
          + " name it with crs=EPSG:n");
    }
    return new GeoTiffGeoreference(affine, code > 0 ? "EPSG:" + code : null, null);
  }

  /** The model coordinates of a point given in pixel coordinates (area convention). */
  Coordinate toModel(double column, double row) {
    return new Coordinate(
        affine[0] * column + affine[1] * row + affine[2],
        affine[3] * column + affine[4] * row + affine[5]);
  }

  private static double[] affine(TIFFDirectory tags) {
    TIFFField transformation = tags.getTIFFField(MODEL_TRANSFORMATION);
    if (transformation != null) {
      double[] m = doubles(transformation);
      if (m.length < 16) {
        throw rejected("the raster's ModelTransformation tag has " + m.length + " values instead of 16");
      }
      return checked(new double[] {m[0], m[1], m[3], m[4], m[5], m[7]});
    }
    TIFFField tiepoints = tags.getTIFFField(MODEL_TIEPOINT);
    TIFFField scale = tags.getTIFFField(MODEL_PIXEL_SCALE);
    if (tiepoints == null) {
      throw rejected("the raster has no georeferencing: it lacks the GeoTIFF tags (ModelTiepoint and"
          + " ModelPixelScale, or ModelTransformation) that place its pixels on the earth. A plain TIFF"
          + " with a world file (.tfw) is not enough; convert it with gdal_translate -of GTiff, or"
          + " georeference it with gdal_translate -a_srs EPSG:n -a_ullr ulx uly lrx lry");
    }
    double[] tie = doubles(tiepoints);
    if (scale == null || tie.length > 6) {
      throw rejected("the raster is georeferenced by " + tie.length / 6 + " ground control points, not"
          + " by a regular grid; warp it onto a grid first, e.g. gdalwarp -t_srs EPSG:4326 in.tif out.tif");
    }
    if (tie.length < 6) {
      throw rejected("the raster's ModelTiepoint tag has " + tie.length + " values instead of 6");
    }
    double[] size = doubles(scale);
    if (size.length < 2 || size[0] == 0 || size[1] == 0) {
      throw rejected("the raster's pixel size (ModelPixelScale) is missing or zero");
    }
    // the tiepoint ties pixel (I, J) to model point (X, Y); rows run southwards, hence -scaleY
    return checked(new double[] {
      size[0], 0, tie[3] - tie[0] * size[0],
      0, -size[1], tie[4] + tie[1] * size[1]});
  }

  private static double[] checked(double[] affine) {
    for (double value : affine) {
      if (!Double.isFinite(value)) {
        throw rejected("the raster's georeferencing tags hold a value that is not a number");
      }
    }
    if (affine[0] * affine[4] - affine[1] * affine[3] == 0) {
      throw rejected("the raster's georeferencing gives its pixels no area (the pixel size is zero)");
    }
    return affine;
  }

  /** The value of a GeoKey stored in the directory itself, or 0 when the key is absent. */
  private static int keyValue(int[] directory, int key) {
    for (int i = KEY_ENTRY_SHORTS; i + KEY_ENTRY_SHORTS <= directory.length; i += KEY_ENTRY_SHORTS) {
      // location 0: the value is the fourth short; other locations point into other tags
      if (directory[i] == key && directory[i + 1] == 0) {
        return directory[i + 3];
      }
    }
    return 0;
  }

  private static int[] shorts(TIFFField field) {
    if (field == null) {
      return new int[0];
    }
    int[] values = new int[field.getCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = field.getAsInt(i);
    }
    return values;
  }

  private static double[] doubles(TIFFField field) {
    double[] values = new double[field.getCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = field.getAsDouble(i);
    }
    return values;
  }

  private static InputRejectedException rejected(String message) {
    return new InputRejectedException(InputProblem.ofField("file", message));
  }
}
