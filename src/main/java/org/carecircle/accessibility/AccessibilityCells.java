package org.carecircle.accessibility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The per-cell part of a stored result: the cells as they were when it was computed, and their
 * minutes to the nearest facility ({@code +inf}: unreachable or beyond the largest threshold).
 * Stored as one blob: a format version, the count, then each array as its own deflated section.
 *
 * <p>IMPLEMENTATION NOTE: format 2 deflates the five arrays apart, in parallel, at the fastest
 * level, and stores the ids as differences (mostly 1): at a million cells about 0.2 s for 13 MB,
 * where format 1 (one stream at the default level) took 1.1 s for the same size. Format 1 blobs
 * written before are still read.
 */
public record AccessibilityCells(long[] cellId, double[] lon, double[] lat, double[] population, float[] minutes) {
  private static final int FORMAT_ONE_STREAM = 1;
  private static final int FORMAT_SECTIONS = 2;

  public int size() {
    return cellId.length;
  }

  byte[] encode() {
    int n = size();
    long[] idSteps = new long[n];
    for (int i = 0; i < n; i++) {
      idSteps[i] = i == 0 ? cellId[0] : cellId[i] - cellId[i - 1];
    }
    List<Supplier<byte[]>> sections = List.of(() -> deflate(bytes(idSteps)), () -> deflate(bytes(lon)),
        () -> deflate(bytes(lat)), () -> deflate(bytes(population)), () -> deflate(bytes(minutes)));
    byte[][] deflated = sections.parallelStream().map(Supplier::get).toArray(byte[][]::new);
    int length = 8;
    for (byte[] section : deflated) {
      length += 4 + section.length;
    }
    ByteBuffer blob = ByteBuffer.allocate(length).putInt(FORMAT_SECTIONS).putInt(n);
    for (byte[] section : deflated) {
      blob.putInt(section.length).put(section);
    }
    return blob.array();
  }

  static AccessibilityCells decode(byte[] blob) {
    ByteBuffer in = ByteBuffer.wrap(blob);
    // format 1 is one zlib stream from its first byte (0x78), format 2 starts with the int 2
    if (blob.length < 8 || in.getInt() != FORMAT_SECTIONS) {
      return decodeOneStream(blob);
    }
    int n = in.getInt();
    long[] id = new long[n];
    ByteBuffer.wrap(inflate(in, 8 * n)).asLongBuffer().get(id);
    for (int i = 1; i < n; i++) {
      id[i] += id[i - 1];
    }
    double[] lon = new double[n];
    ByteBuffer.wrap(inflate(in, 8 * n)).asDoubleBuffer().get(lon);
    double[] lat = new double[n];
    ByteBuffer.wrap(inflate(in, 8 * n)).asDoubleBuffer().get(lat);
    double[] population = new double[n];
    ByteBuffer.wrap(inflate(in, 8 * n)).asDoubleBuffer().get(population);
    float[] minutes = new float[n];
    ByteBuffer.wrap(inflate(in, 4 * n)).asFloatBuffer().get(minutes);
    return new AccessibilityCells(id, lon, lat, population, minutes);
  }

  private static byte[] bytes(long[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length);
    bytes.asLongBuffer().put(values);
    return bytes.array();
  }

  private static byte[] bytes(double[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length);
    bytes.asDoubleBuffer().put(values);
    return bytes.array();
  }

  private static byte[] bytes(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length);
    bytes.asFloatBuffer().put(values);
    return bytes.array();
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 3));
      byte[] chunk = new byte[1 << 16];
      while (!deflater.finished()) {
        out.write(chunk, 0, deflater.deflate(chunk));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /** The next section of {@code in}: its length, then its deflated bytes, {@code rawLength} when inflated. */
  private static byte[] inflate(ByteBuffer in, int rawLength) {
    int length = in.getInt();
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(in.array(), in.position(), length);
      byte[] raw = new byte[rawLength];
      int done = 0;
      while (done < rawLength) {
        int k = inflater.inflate(raw, done, rawLength - done);
        if (k == 0 && (inflater.finished() || inflater.needsInput())) {
          throw new IllegalStateException("a stored accessibility result is cut short");
        }
        done += k;
      }
      in.position(in.position() + length);
      return raw;
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored accessibility result cannot be read", e);
    } finally {
      inflater.end();
    }
  }

  /** Format 1: one deflated stream of the version, the count and each array in turn. */
  private static AccessibilityCells decodeOneStream(byte[] blob) {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        new InflaterInputStream(new ByteArrayInputStream(blob)), 1 << 16))) {
      int version = in.readInt();
      if (version != FORMAT_ONE_STREAM) {
        throw new IllegalStateException("unknown accessibility cell format " + version);
      }
      int n = in.readInt();
      long[] id = new long[n];
      double[] lon = new double[n];
      double[] lat = new double[n];
      double[] population = new double[n];
      float[] minutes = new float[n];
      for (int i = 0; i < n; i++) {
        id[i] = in.readLong();
      }
      for (int i = 0; i < n; i++) {
        lon[i] = in.readDouble();
      }
      for (int i = 0; i < n; i++) {
        lat[i] = in.readDouble();
      }
      for (int i = 0; i < n; i++) {
        population[i] = in.readDouble();
      }
      for (int i = 0; i < n; i++) {
        minutes[i] = in.readFloat();
      }
      return new AccessibilityCells(id, lon, lat, population, minutes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
