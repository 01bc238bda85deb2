package org.carecircle.io.osm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.carecircle.error.InputProblem;
import org.carecircle.io.ReadResult;
import org.carecircle.io.SourceFeature;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/**
 * Health facilities of the Andorra extract. The expected counts come from GDAL 3.6.2's OSM driver
 * with its default osmconf.ini, which keeps amenity in a column of its own only in the
 * multipolygons layer (elsewhere in other_tags) and healthcare always in other_tags:
 *
 * <pre>
 * P=andorra-2021-04-14.osm.pbf
 * ogrinfo -ro -q $P points -where "other_tags LIKE '%\"amenity\"=&gt;\"pharmacy\"%'"   30 (hospital 7,
 *     doctors 4, dentist 1, clinic 0)
 * ogrinfo -ro -q $P multipolygons -where "amenity='hospital'"                        1 (way 194554955;
 *     0 for pharmacy, doctors, dentist, clinic)
 * ogrinfo -ro -q $P lines -where "other_tags LIKE '%\"amenity\"=&gt;\"hospital\"%'"     0 (and 0 for the others)
 * ogrinfo -ro -q $P points -where "other_tags LIKE '%\"healthcare\"=&gt;%'"             38
 * ogrinfo -ro -q $P multipolygons -where "other_tags LIKE '%\"healthcare\"=&gt;%'"      1
 * lines, other_relations with healthcare: 0; emergency=ambulance_station anywhere: 0
 * the whole predicate on the points layer (ORed LIKEs):                             43
 * </pre>
 *
 * So 44 features, 43 nodes and 1 way, and the data README's "8 amenity=hospital, 30 pharmacies, 4
 * doctors, 1 dentist" holds (7 hospital nodes + the Meritxell hospital way). One node is
 * healthcare=hospital without any amenity tag. Positions of the hospital way (its centroid, which
 * lies inside) and of the parish boundaries: {@code ogrinfo -ro -q $P -dialect sqlite -sql "SELECT
 * osm_id, osm_way_id, ST_X(ST_Centroid(geometry)), ST_Y(ST_Centroid(geometry)),
 * ST_Within(ST_Centroid(geometry), geometry) FROM multipolygons WHERE ..."}.
 */
class OsmTaggedFeatureReaderTest {
  private static final Set<String> HEALTH_AMENITIES = Set.of("hospital", "clinic", "doctors", "pharmacy", "dentist");
  private static final Predicate<Map<String, String>> HEALTH_FACILITY = tags ->
      HEALTH_AMENITIES.contains(tags.getOrDefault("amenity", ""))
          || "ambulance_station".equals(tags.get("emergency"))
          || tags.containsKey("healthcare");
  /** Andorra's bounding box, a little generous. */
  private static final double MIN_LON = 1.40;
  private static final double MAX_LON = 1.79;
  private static final double MIN_LAT = 42.42;
  private static final double MAX_LAT = 42.66;

  private static ReadResult health;

  @BeforeAll
  static void readAndorraOnce() {
    health = OsmTaggedFeatureReader.readTaggedFeatures(andorra(), HEALTH_FACILITY);
  }

  @Test
  void countsHealthFacilitiesByTagAsGdalDoes() {
    assertThat(health.problems()).isEmpty();
    assertThat(health.declaredCrs()).isNull();
    assertThat(health.features()).hasSize(44);
    assertThat(countBy("amenity")).containsExactlyInAnyOrderEntriesOf(
        Map.of("hospital", 8L, "pharmacy", 30L, "doctors", 4L, "dentist", 1L, "(none)", 1L));
    assertThat(health.features()).filteredOn(feature -> feature.properties().containsKey("healthcare")).hasSize(39);
    assertThat(countBy("emergency")).doesNotContainKey("ambulance_station");
    assertThat(countBy("osm_type")).containsExactlyInAnyOrderEntriesOf(Map.of("node", 43L, "way", 1L));
  }

  @Test
  void rowsNumberTheFeaturesNodesFirst() {
    assertThat(health.features()).extracting(SourceFeature::row)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 44).boxed().toList());
    assertThat(health.features().get(43).properties()).containsEntry("osm_type", "way");
  }

  @Test
  void everyFacilityLiesInAndorra() {
    assertThat(health.features()).allSatisfy(feature -> {
      Coordinate position = feature.geometry().getCoordinate();
      assertThat(position.getX()).isBetween(MIN_LON, MAX_LON);
      assertThat(position.getY()).isBetween(MIN_LAT, MAX_LAT);
    });
  }

  @Test
  void meritxellHospitalIsPlacedAtTheCentroidOfItsBuilding() {
    SourceFeature meritxell =
        only(feature -> "Hospital de Nostra Senyora de Meritxell".equals(feature.properties().get("name")));

    assertThat(meritxell.properties()).containsEntry("osm_type", "way").containsEntry("osm_id", 194554955L)
        .containsEntry("amenity", "hospital").containsEntry("healthcare", "hospital")
        .containsEntry("emergency", "yes").containsEntry("addr:city", "Escaldes-Engordany");
    assertThat(meritxell.geometry().getCoordinate().getX()).isCloseTo(1.53392124716123, within(1e-9));
    assertThat(meritxell.geometry().getCoordinate().getY()).isCloseTo(42.511559006131, within(1e-9));
  }

  @Test
  void hospitalNodeKeepsItsPositionAndTags() {
    // ogrinfo -ro -q $P -dialect sqlite -sql "SELECT osm_id, name, ST_X(geometry), ST_Y(geometry)
    //     FROM points WHERE osm_id = '4942543822'"  ->  Urgències del Pas, 1.7305619, 42.5454392
    SourceFeature pas = only(feature -> Long.valueOf(4942543822L).equals(feature.properties().get("osm_id")));

    assertThat(pas.properties()).containsEntry("name", "Urgències del Pas").containsEntry("amenity", "hospital")
        .containsEntry("osm_type", "node");
    assertThat(pas.geometry().getCoordinate().getX()).isCloseTo(1.7305619, within(1e-7));
    assertThat(pas.geometry().getCoordinate().getY()).isCloseTo(42.5454392, within(1e-7));
  }

  /**
   * The seven parishes are boundary relations whose outer ways are all in the extract; GDAL builds
   * them as multipolygons without holes, so their centroids (all inside) are the expected points.
   * The extract also holds five admin_level 7 relations of France and Spain whose ways lie mostly
   * outside it; GDAL drops them, we report them.
   */
  @Test
  void multipolygonRelationsArePlacedFromTheirOuterWaysAndCutOffOnesReported() {
    ReadResult parishes = OsmTaggedFeatureReader.readTaggedFeatures(andorra(),
        tags -> "7".equals(tags.get("admin_level")) && "boundary".equals(tags.get("type")));

    Map<Object, Coordinate> placed = parishes.features().stream().collect(Collectors.toMap(
        feature -> feature.properties().get("name"), feature -> feature.geometry().getCoordinate()));
    assertThat(placed).hasSize(7);
    assertClose(placed.get("Andorra la Vella"), 1.51071824583387, 42.495215985496);
    assertClose(placed.get("Canillo"), 1.6589994304178, 42.584499547117);
    assertClose(placed.get("Encamp"), 1.65240247482393, 42.525834806221);
    assertClose(placed.get("Escaldes-Engordany"), 1.59205638078899, 42.4873790545862);
    assertClose(placed.get("La Massana"), 1.48039774244103, 42.5552270972512);
    assertClose(placed.get("Ordino"), 1.53472956765749, 42.6067598181564);
    assertClose(placed.get("Sant Julià de Lòria"), 1.49100275697273, 42.4607518144236);
    assertThat(parishes.problems()).extracting(InputProblem::message).hasSize(5)
        .contains("relation 2172304 (Foix) was skipped: 98 of its 112 outer ways are not (completely) in the file"
            + " (the extract ends there)");
  }

  private static void assertClose(Coordinate actual, double lon, double lat) {
    assertThat(actual.getX()).isCloseTo(lon, within(1e-9));
    assertThat(actual.getY()).isCloseTo(lat, within(1e-9));
  }

  private static Map<String, Long> countBy(String property) {
    return health.features().stream().collect(Collectors.groupingBy(
        feature -> String.valueOf(feature.properties().getOrDefault(property, "(none)")), Collectors.counting()));
  }

  private static SourceFeature only(Predicate<SourceFeature> which) {
    List<SourceFeature> matches = health.features().stream().filter(which).toList();
    assertThat(matches).hasSize(1);
    return matches.get(0);
  }

  static Path andorra() {
    return SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf");
  }
}
