package org.carecircle.io.osm;

import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.osm.OSMInputFile;
import com.graphhopper.reader.osm.SkipOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import org.carecircle.io.InputFiles;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/**
 * An OSM PBF file whose block structure has been checked, ready for passes. A pass ({@link #scan})
 * hands every node, way or relation of the requested types to a visitor, in file order (by
 * convention all nodes, then all ways, then all relations); types not requested are not decoded,
 * so a relations-only pass over a country extract is cheap. Multi-pass readers such as {@link
 * OsmTaggedFeatureReader} open the file once and scan it several times.
 *
 * <p>A file that is not PBF, is cut off inside a block, or has a block that cannot be decoded is
 * rejected with an {@link InputRejectedException}, mostly by {@link #open} before any element is
 * read. No exception escapes from the decoding threads. A file cut exactly between two blocks
 * cannot be told from a whole one: PBF has no end marker.
 *
 * <p>IMPLEMENTATION NOTE: GraphHopper's {@link OSMInputFile} decodes blocks on its own threads and
 * keeps a decoding error until {@code close()}, so a pass reads to the end, then closes to learn
 * whether all blocks were decoded. Its workers report only {@code RuntimeException}s; one that dies
 * of an {@code Error} leaves the reader waiting forever. {@link PbfFramingCheck} removes the known
 * cause (absurd block sizes), and as a last line of defence a guard thread closes the input when no
 * element has arrived for {@link #DEFAULT_STALL_TIMEOUT}, which ends the stream, and the pass is
 * rejected.
 */
public final class OsmPbfFile {
  /**
   * Decoding threads per pass: about twice as fast as one on country extracts, while leaving the
   * other cores to the web server and routing.
   */
  static final int DECODE_THREADS = 2;
  /** Far beyond the time to decode one block (at most 32 MiB, well under a second). */
  static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

  private final Path pbf;
  private final Duration stallTimeout;

  OsmPbfFile(Path pbf, Duration stallTimeout) {
    this.pbf = pbf;
    this.stallTimeout = stallTimeout;
  }

  /**
   * Checks that the file is OSM PBF and whole, reading it once without decoding.
   *
   * @throws InputRejectedException when the file is missing, empty, not OSM PBF, or damaged or cut
   *     off inside a block
   */
  public static OsmPbfFile open(Path pbf) {
    if (!Files.isRegularFile(pbf)) {
      throw new InputRejectedException(InputProblem.ofFile("the OSM file " + pbf.getFileName() + " does not exist"));
    }
    try {
      if (Files.size(pbf) == 0) {
        throw new InputRejectedException(InputProblem.ofFile("the OSM file is empty"));
      }
      PbfFramingCheck.check(pbf);
    } catch (IllegalArgumentException e) {
      throw damaged(e.getMessage());
    } catch (IOException e) {
      throw new InputRejectedException(InputProblem.ofFile("the OSM file could not be read: " + InputFiles.reason(e)));
    }
    return new OsmPbfFile(pbf, DEFAULT_STALL_TIMEOUT);
  }

  /**
   * One pass: calls {@code visitor} for each element of the requested types.
   *
   * @param types any of NODE, WAY, RELATION; other types are ignored
   * @param visitor called on the calling thread; an exception it throws ends the pass and is
   *     passed on unchanged
   * @throws InputRejectedException when a block of the file cannot be decoded; the visitor has then
   *     seen the elements before it
   */
  public void scan(Set<ReaderElement.Type> types, Consumer<ReaderElement> visitor) {
    OSMInputFile input;
    try {
      input = new OSMInputFile(pbf.toFile())
          .setWorkerThreads(DECODE_THREADS)
          .setSkipOptions(new SkipOptions(!types.contains(ReaderElement.Type.NODE),
              !types.contains(ReaderElement.Type.WAY), !types.contains(ReaderElement.Type.RELATION)))
          .open();
    } catch (IOException | XMLStreamException | RuntimeException e) {
      throw damaged("it could not be opened (" + e.getMessage() + ")");
    }
    try (StallGuard guard = new StallGuard(input, stallTimeout)) {
      try {
        for (ReaderElement element = guard.next(); element != null; element = guard.next()) {
          if (types.contains(element.getType())) {
            visitor.accept(element);
          }
        }
      } catch (RuntimeException visitorFailure) {
        closeQuietly(input);
        throw visitorFailure;
      }
      finish(input, guard.stalled());
    }
  }

  /** Closing is where GraphHopper reports a block it could not decode. */
  private static void finish(OSMInputFile input, boolean stalled) {
    try {
      input.close();
    } catch (IOException | RuntimeException e) {
      if (!stalled) {
        throw damaged("a data block could not be decoded (" + deepestMessage(e) + ")");
      }
    }
    if (stalled) {
      throw damaged("a data block could not be decoded (the decoder stopped making progress)");
    }
  }

  private static InputRejectedException damaged(String reason) {
    return new InputRejectedException(InputProblem.ofFile("the OSM file is damaged or truncated: " + reason));
  }

  private static String deepestMessage(Throwable error) {
    Throwable deepest = error;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    return deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
  }

  private static void closeQuietly(OSMInputFile input) {
    try {
      input.close();
    } catch (IOException | RuntimeException ignored) {
      // the failure that made us close is the one to report
    }
  }

  /** Closes the input from a daemon thread when the decoder has delivered nothing for too long. */
  private static final class StallGuard implements AutoCloseable {
    private final OSMInputFile input;
    private final long timeoutNanos;
    private final ScheduledExecutorService timer;
    private volatile long waitingSinceNanos;
    private volatile boolean waiting;
    private volatile boolean stalled;

    StallGuard(OSMInputFile input, Duration timeout) {
      this.input = input;
      this.timeoutNanos = timeout.toNanos();
      this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "osm-pbf-stall-guard");
        thread.setDaemon(true);
        return thread;
      });
      long checkMillis = Math.max(10, timeout.toMillis() / 10);
      timer.scheduleWithFixedDelay(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    /** The next element, or null at the end of the stream, also after the guard closed the input. */
    ReaderElement next() {
      waitingSinceNanos = System.nanoTime();
      waiting = true;
      try {
        return input.getNext();
      } catch (XMLStreamException | IllegalStateException e) {
        // IllegalStateException: the guard closed the input just as an element arrived
        if (stalled) {
          return null;
        }
        throw damaged("a data block could not be decoded (" + e.getMessage() + ")");
      } finally {
        waiting = false;
      }
    }

    private void check() {
      if (waiting && !stalled && System.nanoTime() - waitingSinceNanos > timeoutNanos) {
        stalled = true;
        // closing interrupts GraphHopper's reader thread, which then marks the stream complete
        closeQuietly(input);
      }
    }

    boolean stalled() {
      return stalled;
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
