package org.carecircle.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestStores.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same repository contract, run against a real H2GIS and a real PostGIS. */
class FacilityRepositoryTest {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private static JdbcFacilityRepository repository(Store store) {
    DataSource dataSource = TestStores.dataSource(store);
    TestStores.clear(dataSource);
    return new JdbcFacilityRepository(new JdbcTemplate(dataSource));
  }

  private static Point point(double lon, double lat) {
    return WGS84.createPoint(new Coordinate(lon, lat));
  }

  private static Facility facility(String name, String type, FacilityStatus status, double lon, double lat, String externalId) {
    return new Facility(null, name, type, status, 120, 40, 60, 2, "香港中路 1 号", externalId,
        Map.of("level", "3A", "beds2023", 118), point(lon, lat));
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void insertedFacilityReadsBackWithEveryFieldAndChineseText(Store store) {
    var repository = repository(store);
    Facility stored = repository.insert(
        facility("青岛市市立医院", "hospital_tertiary", FacilityStatus.EXISTING, 120.3826, 36.0671, "QD-001"));

    Facility read = repository.findById(stored.id()).orElseThrow();
    assertThat(read).isEqualTo(stored);
    assertThat(read.name()).isEqualTo("青岛市市立医院");
    assertThat(read.location().getSRID()).isEqualTo(4326);
    assertThat(read.longitude()).isEqualTo(120.3826);
    assertThat(read.latitude()).isEqualTo(36.0671);
    assertThat(read.attributes()).containsEntry("level", "3A").containsEntry("beds2023", 118);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void storeKeepsGeometryAsPoint4326SpatiallyIndexedOnPostgisOnly(Store store) {
    var repository = repository(store);
    repository.insert(facility("A", "clinic", FacilityStatus.EXISTING, 120.1, 36.1, null));
    JdbcTemplate jdbc = new JdbcTemplate(TestStores.dataSource(store));
    assertThat(jdbc.queryForObject("SELECT ST_SRID(geom) FROM facility", Integer.class)).isEqualTo(4326);
    assertThat(jdbc.queryForObject("SELECT ST_GeometryType(geom) FROM facility", String.class))
        .containsIgnoringCase("point");
    String indexQuery = store == Store.POSTGIS
        ? "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'facility' AND indexdef ILIKE '%gist%'"
        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'FACILITY' AND INDEX_TYPE_NAME = 'SPATIAL INDEX'";
    // GiST on PostGIS; none on the embedded store, where an R-tree made killed imports unreadable (h2/V8)
    assertThat(jdbc.queryForObject(indexQuery, Integer.class)).isEqualTo(store == Store.POSTGIS ? 1 : 0);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void findFiltersByTypeStatusAndBoundingBox(Store store) {
    var repository = repository(store);
    Facility inside = repository.insert(facility("inside", "community_health_centre", FacilityStatus.EXISTING, 120.38, 36.07, null));
    Facility onEdge = repository.insert(facility("edge", "community_health_centre", FacilityStatus.PLANNED, 120.40, 36.10, null));
    Facility outside = repository.insert(facility("outside", "community_health_centre", FacilityStatus.EXISTING, 120.60, 36.07, null));
    Facility otherType = repository.insert(facility("clinic", "clinic", FacilityStatus.EXISTING, 120.39, 36.08, null));

    Envelope box = new Envelope(120.30, 120.40, 36.00, 36.10);
    assertThat(repository.find(new FacilityQuery(Set.of(), Set.of(), box)))
        .extracting(Facility::id).containsExactly(inside.id(), onEdge.id(), otherType.id());
    assertThat(repository.find(new FacilityQuery(Set.of("community_health_centre"), Set.of(FacilityStatus.EXISTING), null)))
        .extracting(Facility::id).containsExactly(inside.id(), outside.id());
    assertThat(repository.find(new FacilityQuery(Set.of("clinic", "community_health_centre"), Set.of(FacilityStatus.PLANNED), box)))
        .extracting(Facility::id).containsExactly(onEdge.id());
    assertThat(repository.find(FacilityQuery.ALL)).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void updateReplacesAndDeleteRemoves(Store store) {
    var repository = repository(store);
    Facility stored = repository.insert(facility("old", "clinic", FacilityStatus.EXISTING, 120.1, 36.1, "X1"));
    Facility changed = new Facility(stored.id(), "new", "hospital_secondary", FacilityStatus.CLOSED, null, null, null, null,
        null, "X2", Map.of(), point(120.2, 36.2));

    assertThat(stored.version()).isEqualTo(1);
    assertThat(repository.update(changed)).isTrue();
    assertThat(repository.findById(stored.id())).as("each change adds one to the version").contains(changed.withVersion(2L));
    // an update that names a version replaces only that version
    assertThat(repository.update(changed.withVersion(1L))).as("stale version").isFalse();
    assertThat(repository.update(changed.withVersion(2L))).isTrue();
    assertThat(repository.findById(stored.id()).orElseThrow().version()).isEqualTo(3);
    assertThat(repository.delete(stored.id(), 2)).as("stale version").isFalse();
    assertThat(repository.update(changed.withId(stored.id() + 1000))).isFalse();
    assertThat(repository.delete(stored.id())).isTrue();
    assertThat(repository.delete(stored.id())).isFalse();
    assertThat(repository.findById(stored.id())).isEmpty();
    assertThat(repository.count()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void batchInsertUpdateAndExternalIdLookup(Store store) {
    var repository = repository(store);
    List<Facility> many = new java.util.ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      many.add(facility("站点 " + i, "emergency_station", FacilityStatus.CANDIDATE, 120 + i * 1e-4, 36, "E" + i));
    }
    List<Facility> inserted = repository.insertAll(many);
    assertThat(repository.count()).isEqualTo(2500);
    // the ids come back in the order given, across batches
    assertThat(inserted).hasSize(2500);
    assertThat(repository.findById(inserted.get(1700).id()).orElseThrow().name()).isEqualTo("站点 1700");
    assertThat(repository.findById(inserted.get(2499).id()).orElseThrow().externalId()).isEqualTo("E2499");

    Map<String, Long> ids = repository.idsByExternalId(List.of("E0", "E2499", "missing"));
    assertThat(ids).containsOnlyKeys("E0", "E2499");
    Facility renamed = new Facility(ids.get("E0"), "改名", "emergency_station", FacilityStatus.EXISTING, null, null, null, 3,
        null, "E0", Map.of(), point(121, 37));
    repository.updateAll(List.of(renamed));
    assertThat(repository.findById(ids.get("E0"))).contains(renamed.withVersion(2L));
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void storeRejectsDuplicateExternalIdAndNegativeBeds(Store store) {
    var repository = repository(store);
    repository.insert(facility("a", "clinic", FacilityStatus.EXISTING, 120, 36, "DUP"));
    assertThatThrownBy(() -> repository.insert(facility("b", "clinic", FacilityStatus.EXISTING, 120, 36, "DUP")))
        .isInstanceOf(DataIntegrityViolationException.class);
    Facility negative = new Facility(null, "c", "clinic", FacilityStatus.EXISTING, -1, null, null, null, null, null,
        Map.of(), point(120, 36));
    assertThatThrownBy(() -> repository.insert(negative)).isInstanceOf(DataIntegrityViolationException.class);
  }
}
