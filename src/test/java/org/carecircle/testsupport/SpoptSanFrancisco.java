package org.carecircle.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PySAL spopt's San Francisco siting benchmark, read from ../shared/geodata/benchmarks/spopt-sf
 * where it is: 205 census tracts (demand, weight POP2000), 16 candidate stores and the 16 × 205
 * network distance table in metres. The distance table names tracts by the demand file's
 * {@code NAME} column (its {@code DestinationName}); its own {@code demand} column is another
 * weight and is not used.
 */
public record SpoptSanFrancisco(List<Tract> tracts, List<String> stores, List<Distance> distances) {
  public static final String FOLDER = "benchmarks/spopt-sf";

  /** A census tract: its NAME and its 2000 population. */
  public record Tract(String name, double population) {}

  /** One row of the distance table, metres along the road network. */
  public record Distance(String store, String tract, double meters) {}

  public static SpoptSanFrancisco read() {
    Path folder = SharedGeodata.root().resolve(FOLDER);
    try {
      List<String[]> demand = rows(folder.resolve("SF_demand_205_centroid_uniform_weight.csv"));
      List<String> header = Arrays.asList(demand.get(0));
      int name = header.indexOf("NAME");
      int population = header.indexOf("POP2000");
      List<Tract> tracts = new ArrayList<>();
      for (String[] row : demand.subList(1, demand.size())) {
        tracts.add(new Tract(row[name], Double.parseDouble(row[population])));
      }
      List<String[]> sites = rows(folder.resolve("SF_store_site_16_longlat.csv"));
      int siteName = Arrays.asList(sites.get(0)).indexOf("NAME");
      List<String> stores = sites.subList(1, sites.size()).stream().map(row -> row[siteName]).toList();
      List<String[]> table = rows(folder.resolve("SF_network_distance_candidateStore_16_censusTract_205_new.csv"));
      List<String> tableHeader = Arrays.asList(table.get(0));
      int distance = tableHeader.indexOf("distance");
      int store = tableHeader.indexOf("name");
      int tract = tableHeader.indexOf("DestinationName");
      List<Distance> distances = new ArrayList<>();
      for (String[] row : table.subList(1, table.size())) {
        distances.add(new Distance(row[store], row[tract], Double.parseDouble(row[distance])));
      }
      return new SpoptSanFrancisco(tracts, stores, distances);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files have no commas inside quoted fields: a split and unquoting is enough. */
  private static List<String[]> rows(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      for (int i = 0; i < fields.length; i++) {
        String field = fields[i].trim();
        fields[i] = field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
            ? field.substring(1, field.length() - 1) : field;
      }
      rows.add(fields);
    }
    return rows;
  }

  public double totalPopulation() {
    return tracts.stream().mapToDouble(Tract::population).sum();
  }
}
