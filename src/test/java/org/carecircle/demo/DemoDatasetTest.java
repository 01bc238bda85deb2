package org.carecircle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.carecircle.io.geojson.Feature;
import org.junit.jupiter.api.Test;

class DemoDatasetTest {
  @Test
  void committedDemoFileIsWhatTheGeneratorMakes() throws Exception {
    String committed = Files.readString(Path.of("geodata/demo/facilities.geojson"));
    assertThat(committed)
        .as("geodata/demo/facilities.geojson is stale: run scripts/generate-demo.sh")
        .isEqualTo(DemoDatasetGenerator.toGeoJson());
  }

  @Test
  void everyDemoFacilityIsLabelledSyntheticAndLiesInCentralPortoAlegre() {
    for (Feature feature : DemoDatasetGenerator.generate()) {
      @SuppressWarnings("unchecked")
      var attributes = (java.util.Map<String, Object>) feature.properties().get("attributes");
      assertThat(attributes).containsEntry("synthetic", true);
      assertThat(feature.properties().get("name").toString()).startsWith("示例");
      // the sample network (poa_osm.pbf) spans about -51.27..-51.10, -30.15..-29.99
      assertThat(feature.geometry().getCoordinate().x).isBetween(-51.24, -51.14);
      assertThat(feature.geometry().getCoordinate().y).isBetween(-30.11, -29.99);
    }
  }
}
