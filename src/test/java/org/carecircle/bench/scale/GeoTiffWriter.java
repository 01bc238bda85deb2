package org.carecircle.bench.scale;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a single-band Float32 GeoTIFF in WGS84 longitude/latitude (EPSG:4326, PixelIsArea),
 * uncompressed, in strips, little-endian, with a GDAL_NODATA tag: what WorldPop publishes, by hand
 * (the JDK's writer cannot add GeoTIFF tags without a long detour).
 */
final class GeoTiffWriter {
  private static final int ROWS_PER_STRIP = 16;

  private GeoTiffWriter() {}

  /**
   * @param values row by row from the top (north) row
   * @param west longitude of the left edge of the left column
   * @param north latitude of the top edge of the top row
   */
  static void write(Path file, int width, int height, float[] values, double west, double north,
      double pixelWidthDegrees, double pixelHeightDegrees, String noData) throws IOException {
    int strips = (height + ROWS_PER_STRIP - 1) / ROWS_PER_STRIP;
    byte[] noDataText = (noData + "\0").getBytes(StandardCharsets.US_ASCII);
    short[] geoKeys = {1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326};
    int tagCount = 15;
    // layout: header 8, IFD, then the out-of-line values, then the pixels
    int ifdSize = 2 + tagCount * 12 + 4;
    int extraStart = 8 + ifdSize;
    int offsetsAt = extraStart;
    int countsAt = offsetsAt + 4 * strips;
    int scaleAt = countsAt + 4 * strips;
    int tiepointAt = scaleAt + 24;
    int geoKeysAt = tiepointAt + 48;
    int noDataAt = geoKeysAt + 2 * geoKeys.length;
    int pixelsAt = (noDataAt + noDataText.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(pixelsAt).order(ByteOrder.LITTLE_ENDIAN);
    head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    head.putShort((short) tagCount);
    entry(head, 256, 4, 1, width);
    entry(head, 257, 4, 1, height);
    entry(head, 258, 3, 1, 32);
    entry(head, 259, 3, 1, 1);
    entry(head, 262, 3, 1, 1);
    entry(head, 273, 4, strips, strips == 1 ? pixelsAt : offsetsAt);
    entry(head, 277, 3, 1, 1);
    entry(head, 278, 4, 1, ROWS_PER_STRIP);
    entry(head, 279, 4, strips, strips == 1 ? width * Math.min(height, ROWS_PER_STRIP) * 4 : countsAt);
    entry(head, 284, 3, 1, 1);
    entry(head, 339, 3, 1, 3);
    entry(head, 33550, 12, 3, scaleAt);
    entry(head, 33922, 12, 6, tiepointAt);
    entry(head, 34735, 3, geoKeys.length, geoKeysAt);
    entry(head, 42113, 2, noDataText.length, noDataAt);
    head.putInt(0); // no further IFD
    head.position(offsetsAt);
    for (int s = 0; s < strips; s++) {
      head.putInt(pixelsAt + s * ROWS_PER_STRIP * width * 4);
    }
    for (int s = 0; s < strips; s++) {
      int rows = Math.min(ROWS_PER_STRIP, height - s * ROWS_PER_STRIP);
      head.putInt(rows * width * 4);
    }
    head.putDouble(pixelWidthDegrees).putDouble(pixelHeightDegrees).putDouble(0);
    head.putDouble(0).putDouble(0).putDouble(0).putDouble(west).putDouble(north).putDouble(0);
    for (short key : geoKeys) {
      head.putShort(key);
    }
    head.put(noDataText);
    head.position(0);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(head);
      ByteBuffer pixels = ByteBuffer.allocate(width * 4 * ROWS_PER_STRIP).order(ByteOrder.LITTLE_ENDIAN);
      for (int row = 0; row < height; row++) {
        for (int column = 0; column < width; column++) {
          pixels.putFloat(values[row * width + column]);
        }
        if (!pixels.hasRemaining() || row == height - 1) {
          pixels.flip();
          channel.write(pixels);
          pixels.clear();
        }
      }
    }
  }

  /** One IFD entry; a value that fits in 4 bytes is stored inline (left-justified). */
  private static void entry(ByteBuffer buffer, int tag, int type, int count, int valueOrOffset) {
    buffer.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 3 && count == 1) {
      buffer.putShort((short) valueOrOffset).putShort((short) 0);
    } else {
      buffer.putInt(valueOrOffset);
    }
  }
}
