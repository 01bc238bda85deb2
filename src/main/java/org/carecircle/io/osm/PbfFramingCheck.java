package org.carecircle.io.osm;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Walks the block structure of a PBF file without decompressing anything, so that a cut-off or
 * corrupt file is rejected before any decoder sees it.
 *
 * <p>A PBF file is a sequence of blocks: a 4-byte big-endian length, a BlobHeader message of that
 * length (field 1 the type, field 3 the size of the Blob), then the Blob message (field 2 the
 * uncompressed size, other fields the data). The format's limits (wiki "PBF Format") are 64 KiB for
 * a BlobHeader and 32 MiB for a Blob, compressed or not. GraphHopper's decoder trusts the sizes and
 * allocates what they say, so an absurd size in a damaged file would make it fail with an
 * OutOfMemoryError on a worker thread, which it does not report; checking the sizes here first
 * turns that into a plain rejection.
 */
final class PbfFramingCheck {
  static final int MAX_HEADER_BYTES = 64 * 1024;
  static final int MAX_BLOB_BYTES = 32 * 1024 * 1024;
  /** BlobHeader field 1 (type, length-delimited) holding the 9 bytes "OSMHeader". */
  private static final byte[] OSM_HEADER_TYPE = "\n\tOSMHeader".getBytes(StandardCharsets.US_ASCII);
  private static final int BLOB_HEADER_DATASIZE = 3;
  private static final int BLOB_RAW_SIZE = 2;
  private static final int WIRE_VARINT = 0;
  private static final int WIRE_64_BIT = 1;
  private static final int WIRE_LENGTH_DELIMITED = 2;
  private static final int WIRE_32_BIT = 5;

  private PbfFramingCheck() {}

  /**
   * @throws IllegalArgumentException with the reason, in plain words, when the file is not PBF, is
   *     cut off inside a block, or declares a block size beyond the format's limits
   * @throws IOException when the file cannot be read at all
   */
  static void check(Path pbf) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(pbf), 1 << 16))) {
      for (int block = 1; ; block++) {
        byte[] lengthBytes = in.readNBytes(4);
        if (lengthBytes.length == 0 && block > 1) {
          // the only place where a whole file may end
          return;
        }
        if (lengthBytes.length < 4) {
          throw new IllegalArgumentException(block == 1 ? notPbf() : "it ends in the middle of data block " + block
              + " (was the download cut off?)");
        }
        int headerLength = ByteBuffer.wrap(lengthBytes).getInt();
        if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
          throw new IllegalArgumentException(block == 1 ? notPbf() : "block " + block + " has an impossible size");
        }
        byte[] header = readBlock(in, headerLength, block);
        if (block == 1 && !startsWith(header, OSM_HEADER_TYPE)) {
          throw new IllegalArgumentException(notPbf());
        }
        long blobLength = field(header, BLOB_HEADER_DATASIZE, block);
        if (blobLength <= 0 || blobLength > MAX_BLOB_BYTES) {
          throw new IllegalArgumentException("block " + block + " has an impossible size");
        }
        long rawSize = field(readBlock(in, (int) blobLength, block), BLOB_RAW_SIZE, block);
        if (rawSize > MAX_BLOB_BYTES || rawSize < -1) {
          throw new IllegalArgumentException("block " + block + " claims an impossible uncompressed size");
        }
      }
    }
  }

  private static String notPbf() {
    return "it does not start with the header block of an OSM PBF file (is it an .osm.pbf file? OSM XML"
        + " and .osm.bz2 files must be converted to .osm.pbf first, e.g. with osmium)";
  }

  private static byte[] readBlock(DataInputStream in, int length, int block) throws IOException {
    byte[] bytes = new byte[length];
    try {
      in.readFully(bytes);
    } catch (EOFException cutOff) {
      throw new IllegalArgumentException("it ends in the middle of data block " + block
          + " (was the download cut off?)");
    }
    return bytes;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * The value of a varint field of a protobuf message, or -1 when the message does not have it.
   * Other fields are skipped by their wire type.
   */
  private static long field(byte[] message, int wantedField, int block) {
    int[] position = {0};
    while (position[0] < message.length) {
      long key = varint(message, position, block);
      int fieldNumber = (int) (key >>> 3);
      int wireType = (int) (key & 0x07);
      switch (wireType) {
        case WIRE_VARINT -> {
          long value = varint(message, position, block);
          if (fieldNumber == wantedField) {
            return value;
          }
        }
        case WIRE_64_BIT -> position[0] += 8;
        case WIRE_32_BIT -> position[0] += 4;
        case WIRE_LENGTH_DELIMITED -> {
          long length = varint(message, position, block);
          position[0] = (int) Math.min(position[0] + length, Integer.MAX_VALUE);
        }
        default -> throw new IllegalArgumentException("block " + block + " is corrupt");
      }
      if (position[0] < 0 || position[0] > message.length) {
        throw new IllegalArgumentException("block " + block + " is corrupt");
      }
    }
    return -1;
  }

  private static long varint(byte[] message, int[] position, int block) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position[0] >= message.length) {
        throw new IllegalArgumentException("block " + block + " is corrupt");
      }
      byte next = message[position[0]++];
      value |= (long) (next & 0x7F) << shift;
      if (next >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("block " + block + " is corrupt");
  }
}
