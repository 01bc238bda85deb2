package org.carecircle.coverage.isochrone;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.network.RoadNetwork;
import org.carecircle.network.TravelMode;

/**
 * Times {@link IsochroneBuilder} on synthetic grid networks. Not a test (surefire does not run
 * it): run it as a program and read the figures it prints.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.carecircle.coverage.IsochroneBuilderBenchmark
 * </pre>
 *
 * <p>Per grid: median and minimum wall time of 20 builds after 5 warm-up builds, with the
 * calling thread's CPU time (the builder may use more threads), then one more build step by
 * step on one thread. Arrival times on a full grid with one speed are the Manhattan distance
 * from the source divided by the speed, so no search is needed.
 */
public final class IsochroneBuilderBenchmark {
  /** Thread CPU time: other processes on the machine stretch wall time, not this. */
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private IsochroneBuilderBenchmark() {}

  public static void main(String[] args) {
    //-- the grid the brief asks for: 300 x 300 nodes, 50 m apart, every node reached
    run("grid 300x300 @ 50 m, car 13.9 m/s, cutoffs 5/10/15 min", 300, 50, 13.9,
        new double[] {300, 600, 900}, IsochroneOptions.offRoad(1.25, 300));
    //-- a car zone the size of a 15-minute zone in the Rhein-Neckar region: ~45 x 35 km
    run("grid 450x350 @ 100 m, car 25 m/s, cutoffs 5/10/15 min", 450, 100, 25,
        new double[] {300, 600, 900}, IsochroneOptions.offRoad(1.25, 300), 350);
    //-- a walking zone: 1.4 m/s on a 25 m grid
    run("grid 200x200 @ 25 m, walk 1.4 m/s, cutoffs 5/10/15 min", 200, 25, 1.4,
        new double[] {300, 600, 900}, IsochroneOptions.offRoad(1.25, 100));
  }

  private static void run(String name, int columns, double spacingMeters, double speed,
      double[] cutoffs, IsochroneOptions options) {
    run(name, columns, spacingMeters, speed, cutoffs, options, columns);
  }

  private static void run(String name, int columns, double spacingMeters, double speed,
      double[] cutoffs, IsochroneOptions options, int rows) {
    TestRoadNetworkBuilder b = new TestRoadNetworkBuilder();
    int[][] ids = new int[columns][rows];
    for (int i = 0; i < columns; i++) {
      for (int j = 0; j < rows; j++) {
        ids[i][j] = b.node(i * spacingMeters, j * spacingMeters);
      }
    }
    for (int i = 0; i < columns; i++) {
      for (int j = 0; j < rows; j++) {
        if (i + 1 < columns) {
          b.road(ids[i][j], ids[i + 1][j]).drive(speed);
        }
        if (j + 1 < rows) {
          b.road(ids[i][j], ids[i][j + 1]).drive(speed);
        }
      }
    }
    RoadNetwork network = b.build();
    float[] arrival = new float[network.nodeCount()];
    int ci = columns / 2;
    int cj = rows / 2;
    for (int i = 0; i < columns; i++) {
      for (int j = 0; j < rows; j++) {
        arrival[ids[i][j]] =
            (float) ((Math.abs(i - ci) + Math.abs(j - cj)) * spacingMeters / speed);
      }
    }
    IsochroneBuilder builder = new IsochroneBuilder(network, network.modeGraph(TravelMode.DRIVE));
    List<Long> nanos = new ArrayList<>();
    List<Long> cpuNanos = new ArrayList<>();
    List<CoverageZone> zones = null;
    for (int k = 0; k < 25; k++) {
      long start = System.nanoTime();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      zones = builder.build(arrival, List.of(), cutoffs, options);
      cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpuStart);
      nanos.add(System.nanoTime() - start);
    }
    long[] sorted = nanos.stream().skip(5).mapToLong(Long::longValue).sorted().toArray();
    long[] cpuSorted = cpuNanos.stream().skip(5).mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%s: %d nodes, %d edges; median %.1f ms wall (min %.1f, max %.1f),"
        + " %.1f ms CPU (min %.1f) over %d runs after 5 warm-up%n", name, network.nodeCount(),
        network.edgeCount(), sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6,
        sorted[sorted.length - 1] / 1e6, cpuSorted[cpuSorted.length / 2] / 1e6,
        cpuSorted[0] / 1e6, sorted.length);
    for (CoverageZone zone : zones) {
      System.out.printf("  %4.0f s: %d points, %d polygons, %d holes, %.2f km2%n",
          zone.cutoffSeconds(), zone.geometry().getNumPoints(), zone.geometry().getNumGeometries(),
          holes(zone), zone.areaSquareMeters() / 1e6);
    }
    System.out.println("  phases (ms): " + phases(builder, arrival, cutoffs, options));
  }

  /** One more run, step by step, with the time of each step. */
  private static String phases(IsochroneBuilder builder, float[] arrival, double[] cutoffs,
      IsochroneOptions options) {
    StringBuilder out = new StringBuilder();
    long t0 = System.nanoTime();
    EdgeTravelTime times = new EdgeTravelTime(builder.modeEdges(), arrival, List.of());
    double[] reached = builder.reachedExtent(times, arrival, cutoffs[cutoffs.length - 1]);
    long t1 = System.nanoTime();
    CoverageRaster raster = builder.raster(reached, options, 1);
    long t2 = System.nanoTime();
    raster.rasterize(builder.modeEdges(),
        () -> new EdgeTravelTime(builder.modeEdges(), arrival, List.of()),
        cutoffs[cutoffs.length - 1]);
    long t3 = System.nanoTime();
    raster.propagateAndEvaluate();
    long t4 = System.nanoTime();
    out.append(String.format("extent %.1f, allocate %.1f (%d x %d, cell %.0f m), rasterize %.1f"
        + " (%d pieces), transform %.1f", (t1 - t0) / 1e6, (t2 - t1) / 1e6, raster.columns,
        raster.rows, raster.cellMeters, (t3 - t2) / 1e6, raster.pieceCount(), (t4 - t3) / 1e6));
    ContourTracer tracer = new ContourTracer(raster);
    for (double cutoff : cutoffs) {
      long a = System.nanoTime();
      List<ContourRing> rings = tracer.trace(cutoff);
      long b = System.nanoTime();
      List<ContourRing> simplified = new ArrayList<>();
      for (ContourRing ring : rings) {
        simplified.add(RingSimplifier.simplify(ring, IsochroneBuilder.SIMPLIFY_TOLERANCE_CELLS));
      }
      long c = System.nanoTime();
      org.locationtech.jts.geom.Geometry geometry = PolygonAssembler.assemble(simplified, raster);
      long d = System.nanoTime();
      GeodesicArea.squareMeters(geometry);
      long e = System.nanoTime();
      out.append(String.format("; %.0f s: trace %.1f, simplify %.1f, assemble %.1f, area %.1f",
          cutoff, (b - a) / 1e6, (c - b) / 1e6, (d - c) / 1e6, (e - d) / 1e6));
    }
    return out.toString();
  }

  private static int holes(CoverageZone zone) {
    int holes = 0;
    for (int g = 0; g < zone.geometry().getNumGeometries(); g++) {
      holes += ((org.locationtech.jts.geom.Polygon) zone.geometry().getGeometryN(g))
          .getNumInteriorRing();
    }
    return holes;
  }
}
