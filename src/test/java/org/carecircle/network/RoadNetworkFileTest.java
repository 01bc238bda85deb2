package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network file on a two-edge network built by hand: it reads back array for array, and every
 * kind of damage is reported instead of being half-read.
 *
 * <pre>
 *   0 ---- edge 0 ---- 1 ---- edge 1 (bends at a pillar) ---- 2
 * </pre>
 */
class RoadNetworkFileTest {
  @TempDir Path folder;

  static RoadNetwork twoEdges() {
    double[] nodeLon = {120.0, 120.01, 120.02};
    double[] nodeLat = {36.0, 36.0, 36.0};
    int[] edgeNodeA = {0, 1};
    int[] edgeNodeB = {1, 2};
    float[] lengths = {900f, 950f};
    int[] geometryStart = {0, 2, 5};
    double[] pointLon = {120.0, 120.01, 120.01, 120.015, 120.02};
    double[] pointLat = {36.0, 36.0, 36.0, 36.001, 36.0};
    // walk both ways on both edges; drive only 0 -> 1 -> 2
    ModeGraph walk = new ModeGraph(new int[] {0, 1, 3, 4}, new int[] {1, 0, 2, 1}, new int[] {0, 0, 1, 1},
        new float[] {648f, 648f, 684f, 684f}, new boolean[] {true, false, true, false});
    ModeGraph drive = new ModeGraph(new int[] {0, 1, 2, 2}, new int[] {1, 2}, new int[] {0, 1},
        new float[] {90f, 95f}, new boolean[] {true, true});
    return new RoadNetwork(nodeLon, nodeLat, edgeNodeA, edgeNodeB, lengths, geometryStart, pointLon, pointLat, walk,
        drive);
  }

  @Test
  void networkReadsBackArrayForArray() throws IOException {
    Path file = folder.resolve("road-network.bin");
    RoadNetwork network = twoEdges();
    RoadNetworkFile.write(network, file);
    RoadNetworkAssertions.assertSameNetwork(RoadNetworkFile.read(file), network);
    assertThat(folder.resolve("road-network.bin.tmp")).doesNotExist();
  }

  @Test
  void flippedByteFailsTheChecksum() throws IOException {
    Path file = written();
    byte[] bytes = Files.readAllBytes(file);
    // inside the point coordinates, far from any length field
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    assertThatThrownBy(() -> RoadNetworkFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void cutOffFileIsReportedAsCutOff() throws IOException {
    Path file = written();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
    assertThatThrownBy(() -> RoadNetworkFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("cut off");
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    Path file = written();
    Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> RoadNetworkFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("after the end");
  }

  @Test
  void otherFilesAndOtherVersionsAreRefused() throws IOException {
    Path other = folder.resolve("other.bin");
    Files.writeString(other, "PK\u0003\u0004 not a network at all");
    assertThatThrownBy(() -> RoadNetworkFile.read(other)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a CareCircle road network file");

    Path file = written();
    byte[] bytes = Files.readAllBytes(file);
    bytes[11] = 99; // the version int follows the 8 magic bytes
    Files.write(file, bytes);
    assertThatThrownBy(() -> RoadNetworkFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("format version 99").hasMessageContaining("import the network again");
  }

  private Path written() throws IOException {
    Path file = folder.resolve("road-network.bin");
    RoadNetworkFile.write(twoEdges(), file);
    return file;
  }
}
