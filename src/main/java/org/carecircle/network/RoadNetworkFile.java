package org.carecircle.network;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * CareCircle's own file for a {@link RoadNetwork}, so that a restart loads the network in a fraction
 * of a second instead of importing the OSM file again.
 *
 * <p>Layout (big-endian): the 8 magic bytes {@code CCROADNW}, an int format {@link #VERSION}, the
 * node, edge and point counts, then every array of the network as its length followed by its
 * values, then for each of walk and drive the mode's code and its {@link ModeGraph} arrays, and
 * last the CRC-32 of everything before it as a long. Reading checks the magic bytes, the version,
 * every length against the counts, the checksum and that nothing follows; a file that fails any
 * check is reported as damaged, never half-read.
 */
public final class RoadNetworkFile {
  private static final byte[] MAGIC = {'C', 'C', 'R', 'O', 'A', 'D', 'N', 'W'};
  /** Bump when the layout changes; older files are then rejected with a request to re-import. */
  public static final int VERSION = 1;
  private static final int BUFFER_BYTES = 1 << 16;
  private static final TravelMode[] STORED_MODES = {TravelMode.WALK, TravelMode.DRIVE};

  private RoadNetworkFile() {}

  /**
   * Writes the network to {@code file}, replacing it atomically: the data goes to a temporary file
   * next to it that is then moved into place, so a crash never leaves a half-written file.
   */
  public static void write(RoadNetwork network, Path file) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = Files.newOutputStream(temporary)) {
      CRC32 crc = new CRC32();
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), BUFFER_BYTES));
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(network.nodeCount());
      out.writeInt(network.edgeCount());
      out.writeInt(network.pointLon.length);
      writeDoubles(out, network.nodeLon);
      writeDoubles(out, network.nodeLat);
      writeInts(out, network.edgeNodeA);
      writeInts(out, network.edgeNodeB);
      writeFloats(out, network.edgeLengthMeters);
      writeInts(out, network.geometryStart);
      writeDoubles(out, network.pointLon);
      writeDoubles(out, network.pointLat);
      for (TravelMode mode : STORED_MODES) {
        ModeGraph graph = network.modeGraph(mode);
        out.writeUTF(mode.code());
        writeInts(out, graph.arcStart);
        writeInts(out, graph.arcHead);
        writeInts(out, graph.arcEdge);
        writeFloats(out, graph.arcSeconds);
        writeBooleans(out, graph.arcForward);
      }
      out.flush();
      // the checksum covers everything above; it is written through the raw stream, outside it
      long checksum = crc.getValue();
      DataOutputStream tail = new DataOutputStream(raw);
      tail.writeLong(checksum);
      tail.flush();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    try {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Reads a network written by {@link #write}.
   *
   * @throws IOException when the file cannot be read, is not a network file, has another format
   *     version, is cut off, or its checksum does not match (the message says which)
   */
  public static RoadNetwork read(Path file) throws IOException {
    long fileBytes = Files.size(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
      CRC32 crc = new CRC32();
      DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + " is not a CareCircle road network file");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + " has format version " + version + ", this CareCircle reads version "
            + VERSION + "; import the network again");
      }
      int nodeCount = count(in.readInt(), fileBytes, file);
      int edgeCount = count(in.readInt(), fileBytes, file);
      int pointCount = count(in.readInt(), fileBytes, file);
      double[] nodeLon = readDoubles(in, nodeCount, file);
      double[] nodeLat = readDoubles(in, nodeCount, file);
      int[] edgeNodeA = readInts(in, edgeCount, file);
      int[] edgeNodeB = readInts(in, edgeCount, file);
      float[] edgeLengthMeters = readFloats(in, edgeCount, file);
      int[] geometryStart = readInts(in, edgeCount + 1, file);
      double[] pointLon = readDoubles(in, pointCount, file);
      double[] pointLat = readDoubles(in, pointCount, file);
      ModeGraph[] graphs = new ModeGraph[STORED_MODES.length];
      for (int i = 0; i < STORED_MODES.length; i++) {
        String code = in.readUTF();
        if (!code.equals(STORED_MODES[i].code())) {
          throw new IOException(file + " is damaged: expected the " + STORED_MODES[i].code() + " graph, found '"
              + code + "'");
        }
        int[] arcStart = readInts(in, nodeCount + 1, file);
        int arcCount = arcStart[nodeCount];
        int[] arcHead = readInts(in, count(arcCount, fileBytes, file), file);
        int[] arcEdge = readInts(in, arcCount, file);
        float[] arcSeconds = readFloats(in, arcCount, file);
        boolean[] arcForward = readBooleans(in, arcCount, file);
        graphs[i] = new ModeGraph(arcStart, arcHead, arcEdge, arcSeconds, arcForward);
      }
      long expected = crc.getValue();
      long stored = new DataInputStream(raw).readLong();
      if (stored != expected) {
        throw new IOException(file + " is damaged: its checksum does not match; import the network again");
      }
      if (raw.read() != -1) {
        throw new IOException(file + " is damaged: unexpected data after the end");
      }
      try {
        return new RoadNetwork(nodeLon, nodeLat, edgeNodeA, edgeNodeB, edgeLengthMeters, geometryStart,
            pointLon, pointLat, graphs[0], graphs[1]);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " is damaged: " + e.getMessage(), e);
      }
    } catch (EOFException e) {
      throw new IOException(file + " is damaged: it is cut off; import the network again", e);
    }
  }

  /** Every value takes at least a byte, so a count beyond the file's size means damage, not a big network. */
  private static int count(int value, long fileBytes, Path file) throws IOException {
    if (value < 0 || value > fileBytes) {
      throw new IOException(file + " is damaged: impossible count " + value);
    }
    return value;
  }

  private static void writeLength(DataOutputStream out, int length) throws IOException {
    out.writeInt(length);
  }

  private static void readLength(DataInputStream in, int expected, Path file) throws IOException {
    int length = in.readInt();
    if (length != expected) {
      throw new IOException(file + " is damaged: an array has " + length + " values where " + expected
          + " were expected");
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    writeLength(out, values.length);
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    writeLength(out, values.length);
    for (float value : values) {
      out.writeFloat(value);
    }
  }

  private static void writeInts(DataOutputStream out, int[] values) throws IOException {
    writeLength(out, values.length);
    for (int value : values) {
      out.writeInt(value);
    }
  }

  private static void writeBooleans(DataOutputStream out, boolean[] values) throws IOException {
    writeLength(out, values.length);
    for (boolean value : values) {
      out.writeBoolean(value);
    }
  }

  private static double[] readDoubles(DataInputStream in, int expected, Path file) throws IOException {
    readLength(in, expected, file);
    double[] values = new double[expected];
    for (int i = 0; i < expected; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  private static float[] readFloats(DataInputStream in, int expected, Path file) throws IOException {
    readLength(in, expected, file);
    float[] values = new float[expected];
    for (int i = 0; i < expected; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }

  private static int[] readInts(DataInputStream in, int expected, Path file) throws IOException {
    readLength(in, expected, file);
    int[] values = new int[expected];
    for (int i = 0; i < expected; i++) {
      values[i] = in.readInt();
    }
    return values;
  }

  private static boolean[] readBooleans(DataInputStream in, int expected, Path file) throws IOException {
    readLength(in, expected, file);
    boolean[] values = new boolean[expected];
    for (int i = 0; i < expected; i++) {
      values[i] = in.readBoolean();
    }
    return values;
  }
}
