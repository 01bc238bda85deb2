package org.carecircle.bench.scale;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command line for {@link MetroFixture}; bench code, not a test, and its output is never committed:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.carecircle.bench.scale.MetroFixtureGenerator ../shared/geodata/porto-alegre/poa_osm.pbf 1000000 target/scale/1M [seed]
 * </pre>
 *
 * Arguments: the source OSM file, the routing graph node count wanted, the output folder, and the
 * random seed (default 20260901) for population noise and facility placement.
 */
public final class MetroFixtureGenerator {
  static final long DEFAULT_SEED = 20260901L;

  private MetroFixtureGenerator() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: MetroFixtureGenerator SOURCE.osm.pbf NODES FOLDER [SEED]");
      System.exit(2);
    }
    long seed = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_SEED;
    Map<String, Object> manifest = MetroFixture.generate(Path.of(args[0]), Integer.parseInt(args[1]), seed,
        Path.of(args[2]));
    System.out.printf("fixture in %s: %s tiles + crop (%s routing nodes expected, %s asked), %d connecting roads,"
        + " population %s, %.1f s%n", args[2], manifest.get("fullTiles"), manifest.get("expectedRoutingNodes"),
        manifest.get("targetNodes"), ((java.util.List<?>) manifest.get("connectors")).size(), manifest.get("population"),
        (Double) manifest.get("generatedSeconds"));
  }
}
