package org.carecircle.io.gpkg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The GeoPackageBinary geometry encoding (GeoPackage 1.3, clause 2.1.3): "GP", a version byte, a
 * flags byte, the int32 srs_id, an optional envelope, then the geometry as WKB.
 *
 * <p>Flags, from the lowest bit: bit 0 byte order of the header (1 = little-endian); bits 1-3 the
 * envelope indicator (0 none, 1 [minx, maxx, miny, maxy], 2 adds [minz, maxz], 3 adds [minm,
 * maxm], 4 adds both); bit 4 set when the geometry is empty; bit 5 set for the "extended" (non
 * standard) geometry types of the extension mechanism, which this codec does not read.
 */
final class GeoPackageGeometry {
  private static final byte VERSION_1 = 0;
  private static final int FLAG_LITTLE_ENDIAN = 0x01;
  private static final int FLAG_EMPTY = 0x10;
  private static final int FLAG_EXTENDED = 0x20;
  private static final int ENVELOPE_XY = 1;
  /** Bytes of the envelope for indicators 0..4: 0, 4, 6, 6 and 8 doubles. */
  private static final int[] ENVELOPE_BYTES = {0, 32, 48, 48, 64};
  private static final int FIXED_HEADER_BYTES = 8;

  private GeoPackageGeometry() {}

  /**
   * Decodes one blob of a geometry column.
   *
   * @return the geometry with Z and M kept as WKB gave them and its SRID set to the blob's srs_id,
   *     or {@code null} when the blob marks the geometry as empty or the WKB holds an empty geometry
   * @throws IllegalArgumentException with a plain-words reason when the blob is not a readable
   *     GeoPackage geometry
   */
  static Geometry decode(byte[] blob, GeometryFactory factory) {
    if (blob.length < FIXED_HEADER_BYTES || blob[0] != 'G' || blob[1] != 'P') {
      throw new IllegalArgumentException("the geometry is not in GeoPackage format (it does not start with \"GP\")");
    }
    if (blob[2] != VERSION_1) {
      throw new IllegalArgumentException("the geometry uses GeoPackage geometry version " + (blob[2] + 1)
          + ", only version 1 is supported");
    }
    int flags = blob[3];
    if ((flags & FLAG_EXTENDED) != 0) {
      throw new IllegalArgumentException("the geometry uses an extended (non-standard) geometry type");
    }
    int envelopeIndicator = (flags >> 1) & 0x07;
    if (envelopeIndicator >= ENVELOPE_BYTES.length) {
      throw new IllegalArgumentException("the geometry header is damaged (envelope code " + envelopeIndicator + ")");
    }
    if ((flags & FLAG_EMPTY) != 0) {
      return null;
    }
    int wkbStart = FIXED_HEADER_BYTES + ENVELOPE_BYTES[envelopeIndicator];
    if (blob.length <= wkbStart) {
      throw new IllegalArgumentException("the geometry is cut off after its header");
    }
    ByteOrder headerOrder = (flags & FLAG_LITTLE_ENDIAN) != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    int srsId = ByteBuffer.wrap(blob, 4, 4).order(headerOrder).getInt();
    Geometry geometry;
    try {
      // WKBReader reads both byte orders and the ISO Z/M/ZM type codes (1001, 2001, 3001, ...)
      geometry = new WKBReader(factory).read(Arrays.copyOfRange(blob, wkbStart, blob.length));
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("the geometry is damaged (" + e.getMessage() + ")");
    }
    if (geometry.isEmpty()) {
      return null;
    }
    geometry.setSRID(srsId);
    return geometry;
  }

  /**
   * Encodes a geometry as a little-endian GeoPackageBinary with an XY envelope, or with the empty
   * flag and no envelope when the geometry is empty. Only X and Y are written.
   */
  static byte[] encode(Geometry geometry, int srsId) {
    byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(geometry);
    boolean empty = geometry.isEmpty();
    int envelopeBytes = empty ? 0 : ENVELOPE_BYTES[ENVELOPE_XY];
    ByteBuffer out = ByteBuffer.allocate(FIXED_HEADER_BYTES + envelopeBytes + wkb.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    int flags = FLAG_LITTLE_ENDIAN | (empty ? FLAG_EMPTY : ENVELOPE_XY << 1);
    out.put((byte) 'G').put((byte) 'P').put(VERSION_1).put((byte) flags).putInt(srsId);
    if (!empty) {
      Envelope envelope = geometry.getEnvelopeInternal();
      out.putDouble(envelope.getMinX()).putDouble(envelope.getMaxX())
          .putDouble(envelope.getMinY()).putDouble(envelope.getMaxY());
    }
    return out.put(wkb).array();
  }
}
