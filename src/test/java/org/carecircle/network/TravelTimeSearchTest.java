package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dijkstra with a budget and many sources, against a plain Bellman-Ford on random graphs. */
class TravelTimeSearchTest {

  /** A graph from arc lists (tail, head, seconds), in CSR form; the edge ids are the arc indexes. */
  static ModeGraph graph(int nodes, int[] tails, int[] heads, float[] seconds) {
    int[] arcStart = new int[nodes + 1];
    for (int tail : tails) {
      arcStart[tail + 1]++;
    }
    for (int node = 0; node < nodes; node++) {
      arcStart[node + 1] += arcStart[node];
    }
    int[] next = Arrays.copyOf(arcStart, nodes);
    int[] arcHead = new int[tails.length];
    int[] arcEdge = new int[tails.length];
    float[] arcSeconds = new float[tails.length];
    for (int i = 0; i < tails.length; i++) {
      int arc = next[tails[i]]++;
      arcHead[arc] = heads[i];
      arcEdge[arc] = i;
      arcSeconds[arc] = seconds[i];
    }
    return new ModeGraph(arcStart, arcHead, arcEdge, arcSeconds, new boolean[tails.length]);
  }

  /** Shortest times from one node with a start time, by relaxing every arc until nothing changes. */
  static double[] bellmanFord(int nodes, int[] tails, int[] heads, float[] seconds, int source, double start) {
    double[] best = new double[nodes];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[source] = start;
    for (boolean changed = true; changed; ) {
      changed = false;
      for (int i = 0; i < tails.length; i++) {
        if (best[tails[i]] + seconds[i] < best[heads[i]]) {
          best[heads[i]] = best[tails[i]] + seconds[i];
          changed = true;
        }
      }
    }
    return best;
  }

  @Test
  void randomGraphsMatchBellmanFordWithManySourcesAndABudget() {
    Random random = new Random(2024);
    for (int round = 0; round < 60; round++) {
      int nodes = 50 + random.nextInt(200);
      int arcs = nodes * (1 + random.nextInt(4));
      int[] tails = new int[arcs];
      int[] heads = new int[arcs];
      float[] seconds = new float[arcs];
      for (int i = 0; i < arcs; i++) {
        tails[i] = random.nextInt(nodes);
        heads[i] = random.nextInt(nodes);
        seconds[i] = 0.5f + random.nextFloat() * 120;
      }
      ModeGraph graph = graph(nodes, tails, heads, seconds);
      int sourceCount = 1 + random.nextInt(5);
      SearchSources sources = new SearchSources();
      double[][] perSource = new double[sourceCount][];
      for (int s = 0; s < sourceCount; s++) {
        int node = random.nextInt(nodes);
        double start = random.nextInt(3) == 0 ? random.nextDouble() * 60 : 0;
        assertThat(sources.addNode(node, start)).isEqualTo(s);
        perSource[s] = bellmanFord(nodes, tails, heads, seconds, node, start);
      }
      double budget = random.nextBoolean() ? Double.POSITIVE_INFINITY : 100 + random.nextDouble() * 600;

      SearchResult result = TravelTimeSearch.search(graph, sources, budget);

      int reached = 0;
      int nearBudget = 0;
      for (int node = 0; node < nodes; node++) {
        double expected = Double.POSITIVE_INFINITY;
        double runnerUp = Double.POSITIVE_INFINITY;
        int expectedSource = -1;
        for (int s = 0; s < sourceCount; s++) {
          if (perSource[s][node] < expected) {
            runnerUp = expected;
            expected = perSource[s][node];
            expectedSource = s;
          } else {
            runnerUp = Math.min(runnerUp, perSource[s][node]);
          }
        }
        if (Math.abs(expected - budget) < 1e-3) {
          // float sums may land on either side of the budget
          nearBudget++;
          continue;
        }
        if (expected == Double.POSITIVE_INFINITY || expected > budget) {
          assertThat(result.secondsAt(node)).as("round %d node %d beyond the budget", round, node).isInfinite();
          assertThat(result.sourceAt(node)).isEqualTo(-1);
          continue;
        }
        reached++;
        assertThat((double) result.secondsAt(node)).as("round %d node %d", round, node)
            .isCloseTo(expected, within(1e-3));
        // the reported source reaches the node in the best time; it is the only one unless another
        // source is within float rounding of it
        assertThat(perSource[result.sourceAt(node)][node]).as("round %d node %d source", round, node)
            .isCloseTo(expected, within(1e-3));
        if (runnerUp - expected > 1e-3) {
          assertThat(result.sourceAt(node)).isEqualTo(expectedSource);
        }
      }
      assertThat(result.reachedCount()).isBetween(reached, reached + nearBudget);
    }
  }

  @Test
  void aNewSearchInvalidatesTheOldResultButNotItsCopy() {
    ModeGraph line = graph(3, new int[] {0, 1}, new int[] {1, 2}, new float[] {10, 20});
    TravelTimeSearch search = new TravelTimeSearch();
    SearchSources sources = new SearchSources();
    sources.addNode(0, 0);
    SearchResult first = search.run(line, sources, Double.POSITIVE_INFINITY);
    float[] kept = first.arrivalSeconds();
    sources.clear();
    sources.addNode(2, 0);
    SearchResult second = search.run(line, sources, Double.POSITIVE_INFINITY);

    assertThat(kept).containsExactly(0f, 10f, 30f);
    assertThatThrownBy(() -> first.secondsAt(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("overwritten");
    // the reset cleared only what the first search touched, and the second sees a clean slate
    assertThat(second.arrivalSeconds()).containsExactly(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 0f);
    assertThat(second.sourceIndex()).containsExactly(-1, -1, 0);
  }

  @Test
  void zeroBudgetReachesOnlyTheSources() {
    ModeGraph line = graph(3, new int[] {0, 1}, new int[] {1, 2}, new float[] {10, 20});
    SearchSources sources = new SearchSources();
    sources.addNode(1, 0);
    sources.addNode(2, 5);
    SearchResult result = TravelTimeSearch.search(line, sources, 0);
    assertThat(result.reachedCount()).isEqualTo(1);
    assertThat(result.secondsAt(1)).isZero();
    assertThat(result.secondsAt(2)).as("starts 5 s late, beyond the budget").isInfinite();
  }

  @Test
  void badArgumentsAreRefused() {
    ModeGraph line = graph(2, new int[] {0}, new int[] {1}, new float[] {10});
    SearchSources sources = new SearchSources();
    assertThatThrownBy(() -> sources.addNode(0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TravelTimeSearch.search(line, sources, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    sources.addNode(5, 0);
    assertThatThrownBy(() -> TravelTimeSearch.search(line, sources, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source node 5");
  }
}
