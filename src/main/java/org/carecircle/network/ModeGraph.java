package org.carecircle.network;

/**
 * The directed arcs one travel mode may use, in compressed sparse row form: the arcs leaving node
 * {@code n} are {@code arcStart[n] .. arcStart[n + 1] - 1}. Immutable; arrays are shared, never
 * copied, so callers must not modify them.
 *
 * <p>An arc runs along one road edge ({@link RoadNetwork} edge {@code arcEdge[i]}) from its tail to
 * {@code arcHead[i]} in {@code arcSeconds[i]} seconds (always finite and &gt; 0).
 * {@code arcForward[i]} is true when the arc runs in the edge's geometry direction (node A to B).
 */
public final class ModeGraph implements MemoryFootprint {
  public final int[] arcStart;
  public final int[] arcHead;
  public final int[] arcEdge;
  public final float[] arcSeconds;
  public final boolean[] arcForward;

  public ModeGraph(int[] arcStart, int[] arcHead, int[] arcEdge, float[] arcSeconds, boolean[] arcForward) {
    if (arcHead.length != arcEdge.length || arcHead.length != arcSeconds.length
        || arcHead.length != arcForward.length || arcStart[arcStart.length - 1] != arcHead.length) {
      throw new IllegalArgumentException("inconsistent arc arrays");
    }
    this.arcStart = arcStart;
    this.arcHead = arcHead;
    this.arcEdge = arcEdge;
    this.arcSeconds = arcSeconds;
    this.arcForward = arcForward;
  }

  @Override
  public long memoryBytes() {
    return MemoryFootprint.bytesOf(arcStart, arcHead, arcEdge, arcSeconds, arcForward);
  }

  public int nodeCount() {
    return arcStart.length - 1;
  }

  public int arcCount() {
    return arcHead.length;
  }
}
