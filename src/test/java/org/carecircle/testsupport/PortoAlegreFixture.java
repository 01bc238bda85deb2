package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Porto Alegre's population and health facilities, read from ../shared/geodata where they are: the
 * 1,227 hexagons of poa_hexgrid.csv as the population layer, and the centres of the 117 hexagons
 * with {@code healthcare > 0} as facilities (141 facilities in 117 cells; one point per cell).
 */
public final class PortoAlegreFixture {
  public static final String HEXGRID = "porto-alegre/poa_hexgrid.csv";
  public static final int HEALTHCARE_CELLS = 117;

  private PortoAlegreFixture() {}

  /** Uploads the hexagon grid as the population layer. */
  public static void importPopulation(ApiClient api) {
    ApiClient.Response response = api.upload("/api/population/import", SharedGeodata.file(HEXGRID),
        "valueColumn", "population");
    assertThat(response.status()).as(response.toString()).isBetween(200, 202);
    if (response.status() == 202) {
      org.carecircle.testsupport.TestNetworks.awaitJob(api, response.json().get("jobId").asText());
    }
  }

  /** {lon, lat} of each hexagon with at least one public health facility. */
  public static List<double[]> healthcareCentres() {
    try {
      List<String> lines = Files.readAllLines(SharedGeodata.file(HEXGRID), StandardCharsets.UTF_8);
      List<double[]> centres = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        if (!f[6].isBlank() && Double.parseDouble(f[6].trim()) > 0) {
          centres.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
      }
      assertThat(centres).hasSize(HEALTHCARE_CELLS);
      return centres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The healthcare centres as a facility CSV (name,lon,lat) to import with defaultType=clinic. */
  public static byte[] facilityCsv() {
    StringBuilder csv = new StringBuilder("name,lon,lat\n");
    int i = 0;
    for (double[] c : healthcareCentres()) {
      csv.append("Posto ").append(++i).append(',').append(c[0]).append(',').append(c[1]).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Imports the healthcare centres as existing clinics (one per cell: 117). */
  public static void importClinics(ApiClient api) {
    ApiClient.Response facilities = api.upload("/api/facilities/import", "poa-health-cells.csv", facilityCsv(),
        "defaultType", "clinic");
    assertThat(facilities.status()).as(facilities.toString()).isEqualTo(200);
    assertThat(facilities.json().get("imported").asInt()).isEqualTo(HEALTHCARE_CELLS);
  }

  /**
   * Imports three candidate emergency-station sites a planner might bring, in the west, the centre
   * and the east of the city (status candidate).
   */
  public static void importCandidateSites(ApiClient api) {
    String csv = "name,lon,lat\nCandidate West,-51.225,-30.05\nCandidate Centre,-51.19,-30.04\n"
        + "Candidate East,-51.15,-30.06\n";
    ApiClient.Response imported = api.upload("/api/facilities/import", "candidates.csv",
        csv.getBytes(StandardCharsets.UTF_8), "defaultType", "emergency_station", "defaultStatus", "candidate");
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(imported.json().get("imported").asInt()).isEqualTo(3);
  }
}
