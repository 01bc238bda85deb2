package org.carecircle.io.osm;

import com.graphhopper.reader.ReaderElement;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * Reads one OSM PBF file through {@link OsmPbfFile} (GraphHopper's PBF decoder) and prints
 * {@code nodes=N ways=N relations=N}. Run in a fresh JVM by {@link OsmPbfGencodeTest}, so that
 * whatever the protobuf runtime prints on first use of the PBF message classes is seen.
 */
final class PbfElementCount {
  private PbfElementCount() {}

  public static void main(String[] args) {
    Map<ReaderElement.Type, Long> counts = new EnumMap<>(ReaderElement.Type.class);
    EnumSet<ReaderElement.Type> types =
        EnumSet.of(ReaderElement.Type.NODE, ReaderElement.Type.WAY, ReaderElement.Type.RELATION);
    OsmPbfFile.open(Path.of(args[0])).scan(types, element -> counts.merge(element.getType(), 1L, Long::sum));
    System.out.println("nodes=" + counts.getOrDefault(ReaderElement.Type.NODE, 0L)
        + " ways=" + counts.getOrDefault(ReaderElement.Type.WAY, 0L)
        + " relations=" + counts.getOrDefault(ReaderElement.Type.RELATION, 0L));
  }
}
