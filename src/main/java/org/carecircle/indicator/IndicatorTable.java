package org.carecircle.indicator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.carecircle.io.geojson.Feature;
import org.carecircle.io.geojson.FeatureCollection;
import org.carecircle.standard.PlanningStandard;

/**
 * One flat table of an {@link IndicatorReport}, shared by the CSV and the GeoJSON properties:
 * columns {@code facilities:<type>} for every type found, {@code share:<target>} for access
 * targets, {@code pass:<target>} for every target.
 */
final class IndicatorTable {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private IndicatorTable() {}

  static List<Map<String, Object>> rows(IndicatorReport report) {
    TreeSet<String> types = new TreeSet<>();
    report.districts().forEach(d -> types.addAll(d.facilitiesByType().keySet()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DistrictIndicators d : report.districts()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", d.name());
      row.put("code", d.code());
      row.put("population", d.population());
      row.put("populationSource", d.populationSource());
      for (String type : types) {
        row.put("facilities:" + type, d.facilitiesByType().getOrDefault(type, 0));
      }
      row.put("beds", d.beds());
      row.put("physicians", d.physicians());
      row.put("bedsPer1000", d.bedsPerThousand());
      row.put("physiciansPer1000", d.physiciansPerThousand());
      for (PlanningStandard.Target target : report.targets()) {
        if (target.kind() == PlanningStandard.Kind.access) {
          row.put("share:" + target.code(), d.accessShare().get(target.code()));
        }
      }
      for (PlanningStandard.Target target : report.targets()) {
        Boolean pass = d.pass().get(target.code());
        row.put("pass:" + target.code(), pass == null ? null : pass ? "pass" : "fail");
      }
      rows.add(row);
    }
    return rows;
  }

  /** UTF-8 with a byte order mark, so that Excel shows Chinese names. */
  static void writeCsv(IndicatorReport report, OutputStream out) throws IOException {
    List<Map<String, Object>> rows = rows(report);
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write(BYTE_ORDER_MARK);
    List<String> header = rows.isEmpty() ? List.of("name", "code") : List.copyOf(rows.get(0).keySet());
    writer.write(String.join(",", header.stream().map(IndicatorTable::quote).toList()));
    writer.write("\r\n");
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>();
      for (String column : header) {
        Object value = row.get(column);
        cells.add(value == null ? "" : quote(value.toString()));
      }
      writer.write(String.join(",", cells));
      writer.write("\r\n");
    }
    writer.flush();
  }

  static FeatureCollection geoJson(IndicatorReport report) {
    List<Map<String, Object>> rows = rows(report);
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      DistrictIndicators d = report.districts().get(i);
      features.add(new Feature(d.id(), d.boundary(), rows.get(i)));
    }
    return new FeatureCollection(features);
  }

  private static String quote(String value) {
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
