package org.carecircle.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.siting.solver.SitingProblem;

/**
 * OR-Library p-median instances (Beasley 1985), read as the format note pmed-description.txt
 * says: first line {@code n edges p}, then {@code i j cost} per edge (1-based, undirected); for an
 * edge given twice the last cost wins; all-pairs shortest paths (Floyd–Warshall) give the
 * allocation cost matrix. Every vertex is both a demand point (weight 1) and a candidate, so the
 * p-median's total cost is the mean cost × n.
 *
 * @param name e.g. {@code pmed7}
 * @param p the number of medians
 * @param problem vertices as demand and candidates, ids "1".."n"
 * @param optimalTotalCost the proven optimum from pmedopt.txt
 */
public record OrLibPMedian(String name, int p, SitingProblem problem, long optimalTotalCost) {

  /** Reads {@code <folder>/<name>.txt} and its optimum from {@code <folder>/pmedopt.txt}. */
  public static OrLibPMedian read(Path folder, String name) {
    try {
      List<String> lines = Files.readAllLines(folder.resolve(name + ".txt"), StandardCharsets.US_ASCII);
      String[] head = lines.get(0).trim().split("\\s+");
      int n = Integer.parseInt(head[0]);
      int edges = Integer.parseInt(head[1]);
      int p = Integer.parseInt(head[2]);
      double[][] cost = new double[n][n];
      for (double[] row : cost) {
        Arrays.fill(row, Double.POSITIVE_INFINITY);
      }
      for (int i = 0; i < n; i++) {
        cost[i][i] = 0;
      }
      int read = 0;
      for (String line : lines.subList(1, lines.size())) {
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        int i = Integer.parseInt(parts[0]) - 1;
        int j = Integer.parseInt(parts[1]) - 1;
        double c = Double.parseDouble(parts[2]);
        // the last cost of a repeated edge wins, as the format note says (not the smallest)
        cost[i][j] = c;
        cost[j][i] = c;
        read++;
      }
      if (read != edges) {
        throw new IllegalStateException(name + ": " + read + " edges read, the header says " + edges);
      }
      for (int k = 0; k < n; k++) {
        double[] viaK = cost[k];
        for (int i = 0; i < n; i++) {
          double ik = cost[i][k];
          if (ik == Double.POSITIVE_INFINITY) {
            continue;
          }
          double[] row = cost[i];
          for (int j = 0; j < n; j++) {
            double through = ik + viaK[j];
            if (through < row[j]) {
              row[j] = through;
            }
          }
        }
      }
      String[] ids = new String[n];
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        ids[i] = Integer.toString(i + 1);
        weights[i] = 1;
      }
      SitingProblem problem = SitingProblem.builder().demand(ids, weights).candidates(ids).costs(cost).build();
      return new OrLibPMedian(name, p, problem, optima(folder).get(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** pmedopt.txt: a header line, then {@code pmedN value} per line. */
  public static Map<String, Long> optima(Path folder) throws IOException {
    Map<String, Long> optima = new HashMap<>();
    for (String line : Files.readAllLines(folder.resolve("pmedopt.txt"), StandardCharsets.US_ASCII)) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[0].startsWith("pmed")) {
        optima.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return optima;
  }
}
