package org.carecircle.bench.scale;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes an OSM PBF file (the format of Geofabrik's extracts): an {@code OSMHeader} blob, then
 * {@code OSMData} blobs of at most {@link #ENTITIES_PER_BLOCK} nodes (as DenseNodes) or ways,
 * zlib-compressed. The protobuf messages are encoded by hand (field numbers from the format's
 * {@code fileformat.proto} and {@code osmformat.proto}), so the writer needs no protobuf library.
 * Coordinates are stored in units of 100 nanodegrees (granularity 100, as osmosis and osmium do).
 *
 * <p>All nodes must be written before the first way; ids should ascend within each kind.
 */
final class PbfWriter implements AutoCloseable {
  static final int ENTITIES_PER_BLOCK = 8000;

  private final DataOutputStream out;
  private final long[] nodeIds = new long[ENTITIES_PER_BLOCK];
  private final long[] nodeLat = new long[ENTITIES_PER_BLOCK];
  private final long[] nodeLon = new long[ENTITIES_PER_BLOCK];
  @SuppressWarnings("unchecked")
  private final Map<String, String>[] nodeTags = new Map[ENTITIES_PER_BLOCK];
  private int nodes;
  private final ByteArrayOutputStream ways = new ByteArrayOutputStream();
  private final StringTable waysStrings = new StringTable();
  private int wayCount;
  private boolean waysStarted;

  PbfWriter(Path file, double minLon, double minLat, double maxLon, double maxLat) throws IOException {
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    Message bbox = new Message()
        .sint64(1, nanodegrees(minLon)).sint64(2, nanodegrees(maxLon))
        .sint64(3, nanodegrees(maxLat)).sint64(4, nanodegrees(minLat));
    Message header = new Message().message(1, bbox)
        .string(4, "OsmSchema-V0.6").string(4, "DenseNodes").string(16, "CareCircle MetroFixture");
    blob("OSMHeader", header.bytes());
  }

  void node(long id, double lon, double lat, Map<String, String> tags) throws IOException {
    if (waysStarted) {
      throw new IllegalStateException("nodes must come before ways");
    }
    nodeIds[nodes] = id;
    nodeLat[nodes] = Math.round(lat * 1e7);
    nodeLon[nodes] = Math.round(lon * 1e7);
    nodeTags[nodes] = tags;
    if (++nodes == ENTITIES_PER_BLOCK) {
      flushNodes();
    }
  }

  void way(long id, long[] refs, Map<String, String> tags) throws IOException {
    if (!waysStarted) {
      flushNodes();
      waysStarted = true;
    }
    Message way = new Message().int64(1, id);
    long[] keys = new long[tags.size()];
    long[] values = new long[tags.size()];
    int i = 0;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      keys[i] = waysStrings.index(tag.getKey());
      values[i++] = waysStrings.index(tag.getValue());
    }
    way.packedVarints(2, keys).packedVarints(3, values).packedSint64Deltas(8, refs);
    Message.field(ways, 3, way.bytes());
    if (++wayCount == ENTITIES_PER_BLOCK) {
      flushWays();
    }
  }

  @Override
  public void close() throws IOException {
    flushNodes();
    flushWays();
    out.close();
  }

  private void flushNodes() throws IOException {
    if (nodes == 0) {
      return;
    }
    StringTable strings = new StringTable();
    boolean anyTags = false;
    for (int i = 0; i < nodes; i++) {
      anyTags |= nodeTags[i] != null && !nodeTags[i].isEmpty();
    }
    long[] keysVals = null;
    if (anyTags) {
      int length = 0;
      for (int i = 0; i < nodes; i++) {
        length += 1 + (nodeTags[i] == null ? 0 : 2 * nodeTags[i].size());
      }
      keysVals = new long[length];
      int k = 0;
      for (int i = 0; i < nodes; i++) {
        if (nodeTags[i] != null) {
          for (Map.Entry<String, String> tag : nodeTags[i].entrySet()) {
            keysVals[k++] = strings.index(tag.getKey());
            keysVals[k++] = strings.index(tag.getValue());
          }
        }
        keysVals[k++] = 0;
      }
    }
    Message dense = new Message()
        .packedSint64Deltas(1, java.util.Arrays.copyOf(nodeIds, nodes))
        .packedSint64Deltas(8, java.util.Arrays.copyOf(nodeLat, nodes))
        .packedSint64Deltas(9, java.util.Arrays.copyOf(nodeLon, nodes));
    if (keysVals != null) {
      dense.packedVarints(10, keysVals);
    }
    Message group = new Message().message(2, dense);
    primitiveBlock(strings, group.bytes());
    java.util.Arrays.fill(nodeTags, null);
    nodes = 0;
  }

  private void flushWays() throws IOException {
    if (wayCount == 0) {
      return;
    }
    primitiveBlock(waysStrings, ways.toByteArray());
    ways.reset();
    waysStrings.clear();
    wayCount = 0;
  }

  private void primitiveBlock(StringTable strings, byte[] group) throws IOException {
    Message table = new Message();
    for (String s : strings.strings.keySet()) {
      table.bytes(1, s.getBytes(StandardCharsets.UTF_8));
    }
    Message block = new Message().message(1, table).bytes(2, group).int64(17, 100);
    blob("OSMData", block.bytes());
  }

  private void blob(String type, byte[] raw) throws IOException {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 64);
    byte[] buffer = new byte[1 << 16];
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    byte[] blob = new Message().int64(2, raw.length).bytes(3, compressed.toByteArray()).bytes();
    byte[] header = new Message().string(1, type).int64(3, blob.length).bytes();
    out.writeInt(header.length);
    out.write(header);
    out.write(blob);
  }

  private static long nanodegrees(double degrees) {
    return Math.round(degrees * 1e9);
  }

  /** A block's strings; index 0 is the empty string, as the format requires. */
  private static final class StringTable {
    final Map<String, Integer> strings = new LinkedHashMap<>();

    StringTable() {
      clear();
    }

    int index(String s) {
      return strings.computeIfAbsent(s, key -> strings.size());
    }

    void clear() {
      strings.clear();
      strings.put("", 0);
    }
  }

  /** A protobuf message being encoded: fields appended in the order given. */
  private static final class Message {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Message int64(int field, long value) {
      tag(buffer, field, 0);
      varint(buffer, value);
      return this;
    }

    Message sint64(int field, long value) {
      tag(buffer, field, 0);
      varint(buffer, zigzag(value));
      return this;
    }

    Message string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Message bytes(int field, byte[] value) {
      field(buffer, field, value);
      return this;
    }

    Message message(int field, Message value) {
      return bytes(field, value.bytes());
    }

    Message packedVarints(int field, long[] values) {
      ByteArrayOutputStream packed = new ByteArrayOutputStream(values.length * 2);
      for (long value : values) {
        varint(packed, value);
      }
      return bytes(field, packed.toByteArray());
    }

    Message packedSint64Deltas(int field, long[] values) {
      ByteArrayOutputStream packed = new ByteArrayOutputStream(values.length * 3);
      long previous = 0;
      for (long value : values) {
        varint(packed, zigzag(value - previous));
        previous = value;
      }
      return bytes(field, packed.toByteArray());
    }

    byte[] bytes() {
      return buffer.toByteArray();
    }

    static void field(ByteArrayOutputStream out, int field, byte[] value) {
      tag(out, field, 2);
      varint(out, value.length);
      out.write(value, 0, value.length);
    }

    private static void tag(OutputStream out, int field, int wireType) {
      varint(out, ((long) field << 3) | wireType);
    }

    private static long zigzag(long value) {
      return (value << 1) ^ (value >> 63);
    }

    private static void varint(OutputStream out, long value) {
      try {
        while ((value & ~0x7FL) != 0) {
          out.write((int) ((value & 0x7F) | 0x80));
          value >>>= 7;
        }
        out.write((int) value);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
