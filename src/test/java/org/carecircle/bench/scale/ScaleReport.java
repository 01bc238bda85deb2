package org.carecircle.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the scale benchmark's table from the figures {@link ScaleBench} wrote (the lines of
 * {@code results.tsv} whose run id is given), with each curve's growth exponent k (time ∝ size^k,
 * least squares on log-log over the sizes measured, size = routing graph nodes) and every miss
 * named.
 *
 * <pre>
 * java -cp ... org.carecircle.bench.scale.ScaleReport target/scale/results.tsv RUN_ID
 * </pre>
 */
public final class ScaleReport {
  private ScaleReport() {}

  /** One row of the issue's table: the measure, its target, and how to check it. */
  private record Row(String label, String measure, String unit, String target, Check check) {}

  @FunctionalInterface
  private interface Check {
    /** Null when met, else what is missed. */
    String miss(double sizeMillions, double value, Map<String, Double> sameSize);
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    String run = args.length > 1 ? args[1] : null;
    // size label -> measure -> value; notes kept for errors
    Map<String, Map<String, Double>> figures = new TreeMap<>((a, b) -> Double.compare(sizeOf(a), sizeOf(b)));
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f.length < 5) {
        continue;
      }
      String[] sizeAndRun = f[0].split("@", 2);
      if (run != null && (sizeAndRun.length < 2 || !sizeAndRun[1].equals(run))) {
        continue;
      }
      String size = sizeAndRun[0];
      figures.computeIfAbsent(size, k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
      if (f[1].endsWith("_error")) {
        errors.computeIfAbsent(size, k -> new ArrayList<>()).add(f[1] + ": " + f[4]);
      }
    }
    List<Row> rows = List.of(
        new Row("routing graph memory, per node per mode (CSR arrays)", "graph_bytes_per_node_per_mode", "B",
            "≤ 150 B; k ≈ 1.0", (m, v, s) -> v <= 150 ? null : "above 150 B"),
        new Row("  whole RoadNetwork per node per mode", "network_bytes_per_node_per_mode", "B", "(reported)",
            (m, v, s) -> null),
        new Row("network import (PBF → ready, upload + job)", "network_import", "s", "≤ 60 s at 1 M nodes",
            (m, v, s) -> m >= 0.99 && m <= 1.01 && v > 60 ? "above 60 s at 1 M" : null),
        new Row("  peak RSS after import (VmHWM)", "network_import_vmhwm", "MB", "(reported)", (m, v, s) -> null),
        new Row("one 15-minute drive zone, median of 20 (HTTP)", "zone_drive_15_median", "ms", "≤ 30 ms at every size",
            (m, v, s) -> v <= 30 ? null : "above 30 ms"),
        new Row("  baseline: bare 15-minute search, median", "zone_search_baseline_median", "ms", "(baseline)",
            (m, v, s) -> null),
        new Row("zones for 500 facilities, dissolved", "zones_500_dissolved", "s", "≤ 5 s at 1 M nodes",
            (m, v, s) -> m >= 0.99 && m <= 1.01 && v > 5 ? "above 5 s at 1 M" : null),
        new Row("accessibility, 2,000 facilities, cold", "accessibility_cold", "s",
            "≤ 1.5 s, ≤ 2× whole-graph search", (m, v, s) -> {
              Double baseline = s.get("whole_graph_search");
              List<String> misses = new ArrayList<>();
              if (v > 1.5) {
                misses.add("above 1.5 s");
              }
              if (baseline != null && v > 2 * baseline) {
                misses.add(String.format(Locale.ROOT, "%.1f× the whole-graph search", v / baseline));
              }
              return misses.isEmpty() ? null : String.join(", ", misses);
            }),
        new Row("  accessibility, warm (cells snapped)", "accessibility_warm", "s", "(reported)", (m, v, s) -> null),
        new Row("  baseline: one whole-graph single-source search", "whole_graph_search", "s", "(baseline)",
            (m, v, s) -> null),
        new Row("  the page's next calls: travel-time surface", "accessibility_surface", "s", "(reported)",
            (m, v, s) -> null),
        new Row("  the page's next calls: gap layer, dissolved", "gap_layer_dissolved", "s", "(reported)",
            (m, v, s) -> null),
        new Row("population raster import, H2GIS", "raster_import_h2gis", "s", "≤ 30 s",
            (m, v, s) -> v <= 30 ? null : "above 30 s"),
        new Row("population raster import, PostGIS", "raster_import_postgis", "s", "≤ 30 s",
            (m, v, s) -> v <= 30 ? null : "above 30 s"),
        new Row("district indicators, 10 districts, first", "district_indicators", "s", "≤ 2 s",
            (m, v, s) -> v <= 2 ? null : "above 2 s"),
        new Row("  district indicators again (walk snaps, sums kept)", "district_indicators_again", "s", "≤ 2 s",
            (m, v, s) -> v <= 2 ? null : "above 2 s"),
        new Row("network siting, MCLP p = 18 (job to done)", "siting", "s", "≤ 60 s",
            (m, v, s) -> v <= 60 ? null : "above 60 s"),
        new Row("  siting proven gap", "siting_gap", "%", "≤ 1 %",
            (m, v, s) -> Double.isNaN(v) || v > 1 ? "gap not proven within 1 %" : null));

    List<String> sizes = new ArrayList<>(figures.keySet());
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "| %-52s |", "measure (target)"));
    StringBuilder rule = new StringBuilder("|" + "-".repeat(54) + "|");
    for (String size : sizes) {
      Double nodes = figures.get(size).get("nodes");
      header.append(String.format(Locale.ROOT, " %-12s |", size + " M" + (nodes == null ? "" : String.format(Locale.ROOT,
          " (%.3f)", nodes / 1e6))));
      rule.append("-".repeat(14)).append("|");
    }
    header.append(" k     | target");
    rule.append("-------|--------");
    System.out.println(header);
    System.out.println(rule);
    List<String> misses = new ArrayList<>();
    for (Row row : rows) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %-52s |", row.label + " [" + row.unit + "]"));
      List<double[]> points = new ArrayList<>();
      for (String size : sizes) {
        Map<String, Double> same = figures.get(size);
        Double value = same.get(row.measure);
        if (value == null) {
          boolean failed = same.containsKey(row.measure + "_error") || same.keySet().stream().anyMatch(
              k -> k.endsWith("_error") && row.measure.startsWith(k.replace("_error", "")));
          line.append(String.format(Locale.ROOT, " %-12s |", failed ? "ERROR" : "–"));
          if (failed) {
            misses.add(size + " M: " + row.label.trim() + ": failed (see errors)");
          }
          continue;
        }
        line.append(String.format(Locale.ROOT, " %-12s |", format(value)));
        Double nodes = same.get("nodes");
        if (nodes != null && value > 0) {
          // per-node figures: the exponent is that of the total (value x nodes)
          double total = row.measure.contains("per_node") ? value * nodes : value;
          points.add(new double[] {Math.log(nodes), Math.log(total)});
        }
        String miss = row.check.miss(nodes == null ? sizeOf(size) : nodes / 1e6, value, same);
        if (miss != null) {
          misses.add(size + " M: " + row.label.trim() + " = " + format(value) + " " + row.unit + ": " + miss);
        }
      }
      double k = slope(points);
      line.append(String.format(Locale.ROOT, " %-5s | %s", Double.isNaN(k) ? "–" : String.format(Locale.ROOT, "%.2f", k),
          row.target));
      System.out.println(line);
      if (!Double.isNaN(k) && k > 1.1 && !row.target.startsWith("(")) {
        misses.add(row.label.trim() + ": growth exponent k = " + String.format(Locale.ROOT, "%.2f", k) + " > 1.1");
      }
    }
    System.out.println();
    System.out.println("k: least-squares slope of log(value) on log(routing graph nodes) over the sizes measured;"
        + " for the per-node memory rows, of the total bytes (value x nodes).");
    for (String size : sizes) {
      Map<String, Double> same = figures.get(size);
      System.out.printf(Locale.ROOT, "%s M: %.0f nodes, %.0f edges, JVM max heap %.1f GB, app start %.1f s, peak RSS at"
          + " end %.0f MB, machine load average %.1f at start, %.1f at end (2 cores, shared)%n",
          size, same.getOrDefault("nodes", Double.NaN), same.getOrDefault("edges", Double.NaN),
          same.getOrDefault("jvm_max_heap", Double.NaN), same.getOrDefault("app_start", Double.NaN),
          same.getOrDefault("vmhwm_end", Double.NaN), same.getOrDefault("load_average_start", Double.NaN),
          same.getOrDefault("load_average_end", Double.NaN));
    }
    for (String size : sizes) {
      Double nodes = figures.get(size).get("nodes");
      double asked = sizeOf(size) * 1e6;
      if (nodes != null && Math.abs(nodes - asked) > 0.01 * asked) {
        misses.add(String.format(Locale.ROOT, "%s M: the routing graph has %.0f nodes, more than 1 %% off %.0f", size,
            nodes, asked));
      }
    }
    System.out.println();
    if (misses.isEmpty() && errors.isEmpty()) {
      System.out.println("No misses.");
    } else {
      System.out.println("Misses:");
      misses.forEach(m -> System.out.println("  - " + m));
      // an error a later run of the same size answered with a figure is left out
      errors.forEach((size, list) -> list.stream()
          .filter(e -> !figures.get(size).containsKey(e.substring(0, e.indexOf("_error:"))))
          .forEach(e -> System.out.println("  - " + size + " M error: " + e)));
    }
  }

  private static double sizeOf(String label) {
    try {
      return Double.parseDouble(label);
    } catch (NumberFormatException e) {
      return Double.MAX_VALUE;
    }
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    double magnitude = Math.abs(value);
    return magnitude >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : magnitude >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.3f", value);
  }

  /** Least-squares slope of y on x; NaN with fewer than two points. */
  static double slope(List<double[]> points) {
    if (points.size() < 2) {
      return Double.NaN;
    }
    double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (double[] p : points) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
