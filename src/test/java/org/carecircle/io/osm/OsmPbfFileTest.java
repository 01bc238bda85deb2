package org.carecircle.io.osm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.graphhopper.reader.ReaderElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.carecircle.error.InputRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files end in a rejection a planner can act on, never in a hang or a stray exception. */
@Timeout(60)
class OsmPbfFileTest {
  private static final String DAMAGED = "the OSM file is damaged or truncated: ";

  @TempDir Path tempDir;

  @Test
  void relationsOnlyPassSeesOnlyRelations() {
    AtomicLong relations = new AtomicLong();
    AtomicLong others = new AtomicLong();

    OsmPbfFile.open(OsmTaggedFeatureReaderTest.andorra()).scan(Set.of(ReaderElement.Type.RELATION), element -> {
      (element.getType() == ReaderElement.Type.RELATION ? relations : others).incrementAndGet();
    });

    assertThat(relations.get()).isPositive();
    assertThat(others.get()).isZero();
  }

  @Test
  void truncatedDownloadIsRejected() throws IOException {
    byte[] whole = Files.readAllBytes(OsmTaggedFeatureReaderTest.andorra());
    Path half = Files.write(tempDir.resolve("andorra-half.osm.pbf"), Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> OsmTaggedFeatureReader.readTaggedFeatures(half, tags -> true))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith(DAMAGED + "it ends in the middle of data block ")
        .hasMessageEndingWith(" (was the download cut off?)");
  }

  @Test
  void randomBytesAreRejected() throws IOException {
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    Path file = Files.write(tempDir.resolve("noise.osm.pbf"), noise);

    assertThatThrownBy(() -> OsmTaggedFeatureReader.readTaggedFeatures(file, tags -> true))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(DAMAGED + "it does not start with the header block of an OSM PBF file (is it an .osm.pbf file?"
            + " OSM XML and .osm.bz2 files must be converted to .osm.pbf first, e.g. with osmium)");
  }

  @Test
  void osmXmlIsRejectedAsNotPbf() throws IOException {
    Path file = Files.writeString(tempDir.resolve("clinic.osm.pbf"),
        "<?xml version='1.0'?><osm version='0.6'><node id='1' lat='42.5' lon='1.5'/></osm>");

    assertThatThrownBy(() -> OsmPbfFile.open(file))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("does not start with the header block of an OSM PBF file");
  }

  @Test
  void emptyAndMissingFilesAreRejected() throws IOException {
    Path empty = Files.createFile(tempDir.resolve("empty.osm.pbf"));

    assertThatThrownBy(() -> OsmPbfFile.open(empty)).hasMessage("the OSM file is empty");
    assertThatThrownBy(() -> OsmPbfFile.open(tempDir.resolve("gone.osm.pbf")))
        .hasMessage("the OSM file gone.osm.pbf does not exist");
  }

  /** Whole blocks, but zeros in the middle of one's compressed data: the decoder's own error is reported. */
  @Test
  void blockThatCannotBeDecodedIsRejected() throws IOException {
    byte[] damaged = Files.readAllBytes(OsmTaggedFeatureReaderTest.andorra());
    Arrays.fill(damaged, damaged.length / 2, damaged.length / 2 + 200, (byte) 0);
    Path file = Files.write(tempDir.resolve("andorra-zeros.osm.pbf"), damaged);

    assertThatThrownBy(() -> OsmTaggedFeatureReader.readTaggedFeatures(file, tags -> true))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith(DAMAGED + "a data block could not be decoded (");
  }

  @Test
  void absurdBlockSizeIsRejectedBeforeDecoding() throws IOException {
    Path file = Files.write(tempDir.resolve("huge-block.osm.pbf"), headerBlockClaimingTwoGigabytes());

    assertThatThrownBy(() -> OsmPbfFile.open(file))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(DAMAGED + "block 1 claims an impossible uncompressed size");
  }

  /**
   * The last line of defence: fed the block that {@link OsmPbfFile#open} refuses, GraphHopper's
   * worker dies of an OutOfMemoryError it does not report (its stack trace shows in the test log)
   * and its reader would wait forever; the stall guard ends the pass.
   */
  @Test
  void decoderThatStopsMakingProgressIsStopped() throws IOException {
    Path file = Files.write(tempDir.resolve("huge-block.osm.pbf"), headerBlockClaimingTwoGigabytes());
    OsmPbfFile unchecked = new OsmPbfFile(file, Duration.ofMillis(500));

    assertThatThrownBy(() -> unchecked.scan(Set.of(ReaderElement.Type.NODE), element -> { }))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(DAMAGED + "a data block could not be decoded (the decoder stopped making progress)");
  }

  @Test
  void visitorFailureEndsThePassUnchanged() {
    OsmPbfFile andorra = OsmPbfFile.open(OsmTaggedFeatureReaderTest.andorra());
    IllegalStateException stop = new IllegalStateException("enough");

    assertThatThrownBy(() -> andorra.scan(Set.of(ReaderElement.Type.NODE), element -> {
      throw stop;
    })).isSameAs(stop);
  }

  /**
   * One PBF block, built by hand: the 4-byte length 13, a BlobHeader {type = "OSMHeader" (field 1:
   * 0A 09 ...), datasize = 8 (field 3: 18 08)}, and a Blob {raw_size = 2^31 - 1 (field 2: 10 FF FF
   * FF FF 07), zlib_data = empty (field 3: 1A 00)}.
   */
  private static byte[] headerBlockClaimingTwoGigabytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, 0, 0, 13, 0x0A, 0x09});
    out.write("OSMHeader".getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[] {0x18, 0x08});
    out.write(new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x1A, 0x00});
    return out.toByteArray();
  }
}
