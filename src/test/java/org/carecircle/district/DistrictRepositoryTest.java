package org.carecircle.district;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestStores.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same repository contract, run against a real H2GIS and a real PostGIS. */
class DistrictRepositoryTest {
  private static JdbcDistrictRepository repository(Store store) {
    DataSource dataSource = TestStores.dataSource(store);
    JdbcDistrictRepository repository = new JdbcDistrictRepository(new JdbcTemplate(dataSource));
    repository.deleteAll();
    return repository;
  }

  private static MultiPolygon boundary(String wkt) {
    try {
      MultiPolygon polygon = (MultiPolygon) new WKTReader(DistrictGeometry.WGS84).read(wkt);
      polygon.setSRID(4326);
      return polygon;
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void districtsReadBackWithChineseNamesHolesAndOfficialFigures(Store store) {
    var repository = repository(store);
    MultiPolygon withHole = boundary("MULTIPOLYGON (((120.3 36.0, 120.5 36.0, 120.5 36.2, 120.3 36.2, 120.3 36.0),"
        + " (120.35 36.05, 120.35 36.1, 120.4 36.1, 120.4 36.05, 120.35 36.05)))");
    List<District> stored = repository.insertAll(List.of(
        new District(null, "市南区", "370202", null, withHole),
        new District(null, "Sant Julià de Lòria", null, 9_000.0, boundary("MULTIPOLYGON (((1.4 42.4, 1.5 42.4, 1.5 42.5, 1.4 42.4)))"))));
    assertThat(stored).extracting(District::id).doesNotContainNull();

    District shinan = repository.findById(stored.get(0).id()).orElseThrow();
    assertThat(shinan.name()).isEqualTo("市南区");
    assertThat(shinan.code()).isEqualTo("370202");
    assertThat(shinan.officialPopulation()).isNull();
    assertThat(shinan.boundary().equalsExact(withHole)).isTrue();
    assertThat(shinan.boundary().getSRID()).isEqualTo(4326);
    assertThat(repository.findById(stored.get(1).id()).orElseThrow().officialPopulation()).isEqualTo(9_000.0);

    assertThat(shinan.version()).isEqualTo(1);
    assertThat(repository.setOfficialPopulation(shinan.id(), 525_000.0, 1)).isTrue();
    assertThat(repository.findById(shinan.id()).orElseThrow().officialPopulation()).isEqualTo(525_000.0);
    assertThat(repository.setOfficialPopulation(shinan.id(), null, 2)).isTrue();
    assertThat(repository.findById(shinan.id()).orElseThrow().officialPopulation()).isNull();
    assertThat(repository.findById(shinan.id()).orElseThrow().version()).isEqualTo(3);
    // a stale version changes nothing
    assertThat(repository.setOfficialPopulation(shinan.id(), 7.0, 2)).isFalse();
    assertThat(repository.findById(shinan.id()).orElseThrow().officialPopulation()).isNull();
    assertThat(repository.setOfficialPopulation(-1, 5.0, 1)).isFalse();

    assertThat(repository.idsByCode(List.of("370202", "999999"))).isEqualTo(Map.of("370202", shinan.id()));
    assertThat(repository.findAll()).extracting(District::name).containsExactly("市南区", "Sant Julià de Lòria");
    assertThat(repository.deleteAll()).isEqualTo(2);
    assertThat(repository.findAll()).isEmpty();
  }
}
