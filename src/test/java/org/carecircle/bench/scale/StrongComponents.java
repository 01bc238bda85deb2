package org.carecircle.bench.scale;

import java.util.Arrays;
import org.carecircle.network.ModeGraph;

/**
 * Strongly connected components of one mode's graph (Kosaraju, iterative, so that graphs of
 * millions of nodes do not overflow the stack). Only nodes that have at least one arc of the mode,
 * in or out, take part: a node whose roads the mode may not use (a footway junction for cars, a
 * piece GraphHopper's subnetwork removal marked) is not a component of its own.
 */
final class StrongComponents {
  /** Component id per node, -1 for nodes without arcs of the mode. */
  final int[] componentOfNode;
  /** Nodes per component. */
  final int[] componentSize;
  /** Nodes with at least one arc of the mode. */
  final int activeNodeCount;

  private StrongComponents(int[] componentOfNode, int[] componentSize, int activeNodeCount) {
    this.componentOfNode = componentOfNode;
    this.componentSize = componentSize;
    this.activeNodeCount = activeNodeCount;
  }

  int count() {
    return componentSize.length;
  }

  int largestSize() {
    return Arrays.stream(componentSize).max().orElse(0);
  }

  static StrongComponents of(ModeGraph graph) {
    int n = graph.nodeCount();
    boolean[] active = new boolean[n];
    for (int node = 0; node < n; node++) {
      for (int arc = graph.arcStart[node]; arc < graph.arcStart[node + 1]; arc++) {
        active[node] = true;
        active[graph.arcHead[arc]] = true;
      }
    }
    // reverse graph in CSR form
    int[] reverseStart = new int[n + 1];
    for (int arc = 0; arc < graph.arcCount(); arc++) {
      reverseStart[graph.arcHead[arc] + 1]++;
    }
    for (int node = 0; node < n; node++) {
      reverseStart[node + 1] += reverseStart[node];
    }
    int[] reverseTail = new int[graph.arcCount()];
    int[] fill = Arrays.copyOf(reverseStart, n);
    for (int node = 0; node < n; node++) {
      for (int arc = graph.arcStart[node]; arc < graph.arcStart[node + 1]; arc++) {
        reverseTail[fill[graph.arcHead[arc]]++] = node;
      }
    }
    // pass 1: finishing order of a depth-first search on the graph
    int[] order = new int[n];
    int orderSize = 0;
    boolean[] seen = new boolean[n];
    int[] stackNode = new int[n];
    int[] stackArc = new int[n];
    for (int root = 0; root < n; root++) {
      if (!active[root] || seen[root]) {
        continue;
      }
      int depth = 0;
      stackNode[0] = root;
      stackArc[0] = graph.arcStart[root];
      seen[root] = true;
      while (depth >= 0) {
        int node = stackNode[depth];
        if (stackArc[depth] < graph.arcStart[node + 1]) {
          int head = graph.arcHead[stackArc[depth]++];
          if (!seen[head]) {
            seen[head] = true;
            depth++;
            stackNode[depth] = head;
            stackArc[depth] = graph.arcStart[head];
          }
        } else {
          order[orderSize++] = node;
          depth--;
        }
      }
    }
    // pass 2: in reverse finishing order, each search on the reverse graph is one component
    int[] component = new int[n];
    Arrays.fill(component, -1);
    int[] sizes = new int[16];
    int components = 0;
    int[] stack = new int[n];
    for (int i = orderSize - 1; i >= 0; i--) {
      int root = order[i];
      if (component[root] >= 0) {
        continue;
      }
      int top = 0;
      stack[top++] = root;
      component[root] = components;
      int size = 0;
      while (top > 0) {
        int node = stack[--top];
        size++;
        for (int arc = reverseStart[node]; arc < reverseStart[node + 1]; arc++) {
          int tail = reverseTail[arc];
          if (component[tail] < 0) {
            component[tail] = components;
            stack[top++] = tail;
          }
        }
      }
      if (components == sizes.length) {
        sizes = Arrays.copyOf(sizes, sizes.length * 2);
      }
      sizes[components++] = size;
    }
    return new StrongComponents(component, Arrays.copyOf(sizes, components), orderSize);
  }
}
