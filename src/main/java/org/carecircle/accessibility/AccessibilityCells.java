package org.carecircle.accessibility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The per-cell part of a stored result: the cells as they were when it was computed, and their
 * minutes to the nearest facility ({@code +inf}: unreachable or beyond the largest threshold).
 * Stored as one deflated blob: a format version, the count, then each array in turn.
 */
public record AccessibilityCells(long[] cellId, double[] lon, double[] lat, double[] population, float[] minutes) {
  private static final int FORMAT_VERSION = 1;

  public int size() {
    return cellId.length;
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, size() * 16));
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        new DeflaterOutputStream(bytes), 1 << 16))) {
      out.writeInt(FORMAT_VERSION);
      out.writeInt(size());
      for (long v : cellId) {
        out.writeLong(v);
      }
      for (double v : lon) {
        out.writeDouble(v);
      }
      for (double v : lat) {
        out.writeDouble(v);
      }
      for (double v : population) {
        out.writeDouble(v);
      }
      for (float v : minutes) {
        out.writeFloat(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static AccessibilityCells decode(byte[] blob) {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        new InflaterInputStream(new ByteArrayInputStream(blob)), 1 << 16))) {
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
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
