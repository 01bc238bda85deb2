package org.carecircle.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/** Administrative boundaries from the Andorra extract, checked against GDAL's own OSM reader. */
class OsmBoundaryReaderTest {
  private static final Path ANDORRA = SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf");
  private static final List<String> PARISHES = List.of("Andorra la Vella", "Canillo", "Encamp",
      "Escaldes-Engordany", "La Massana", "Ordino", "Sant Julià de Lòria");

  @Test
  void severalLevelsWithoutAChoiceAreRejectedListingThem() {
    assertThatThrownBy(() -> OsmBoundaryReader.read(ANDORRA, null))
        .isInstanceOfSatisfying(InputRejectedException.class, e -> {
          InputProblem problem = e.problems().get(0);
          assertThat(problem.field()).isEqualTo("adminLevel");
          // the extract also holds the relations of French and Spanish units around Andorra, cut off
          assertThat(problem.message())
              .contains("admin_level 7: 7 whole (Andorra la Vella, Canillo, Encamp, Escaldes-Engordany, ...),"
                  + " 5 cut off by the extract's edge")
              .contains("admin_level 4: 0 whole, 2 cut off").contains("adminLevel=").contains("admin_level 6");
        });
    assertThatThrownBy(() -> OsmBoundaryReader.read(ANDORRA, "5"))
        .isInstanceOfSatisfying(InputRejectedException.class,
            e -> assertThat(e.problems().get(0).message()).contains("no administrative boundaries at admin_level 5"));
  }

  @Test
  void theSevenParishesAreReadWholeAsGdalAssemblesThem() {
    ReadResult read = OsmBoundaryReader.read(ANDORRA, "7");
    // Foix, Prades, Cerdanya, Alt Urgell, Pallars Sobirà: neighbours whose outlines the extract cuts
    assertThat(read.problems()).hasSize(5).allSatisfy(p -> assertThat(p.message()).contains("the extract ends there"));
    assertThat(read.features()).extracting(f -> f.properties().get("name")).containsExactlyInAnyOrderElementsOf(PARISHES);

    // GDAL's OSM driver assembles the same relations on its own
    Map<String, Geometry> byGdal = GdalLayer.polygonsByName(ANDORRA, "multipolygons",
        "-where", "admin_level='7' AND boundary='administrative'");
    assertThat(byGdal).containsOnlyKeys(PARISHES);
    for (SourceFeature parish : read.features()) {
      Geometry ours = parish.geometry();
      Geometry theirs = byGdal.get((String) parish.properties().get("name"));
      assertThat(ours.isValid()).isTrue();
      assertThat(ours.getGeometryType()).isEqualTo("MultiPolygon");
      assertThat(ours.getArea()).as("%s", parish.properties().get("name")).isCloseTo(theirs.getArea(), within(1e-9));
      assertThat(ours.symDifference(theirs).getArea()).isLessThan(1e-9);
    }
  }

  @Test
  void parishesTileTheCountry() {
    double parishes = OsmBoundaryReader.read(ANDORRA, "7").features().stream().mapToDouble(f -> f.geometry().getArea()).sum();
    double country = OsmBoundaryReader.read(ANDORRA, "2").features().get(0).geometry().getArea();
    assertThat(parishes).isCloseTo(country, within(country * 0.001));
  }
}
