package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestStores.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The network catalogue, the same contract on a real H2GIS and a real PostGIS. */
class NetworkRepositoryTest {

  private static JdbcNetworkRepository repository(Store store) {
    DataSource dataSource = TestStores.dataSource(store);
    TestStores.clearNetworks(dataSource);
    return new JdbcNetworkRepository(new JdbcTemplate(dataSource));
  }

  private static NetworkInfo qingdao() {
    return new NetworkInfo(null, "青岛市区路网", "qingdao-latest.osm.pbf",
        new BoundingBox(119.5, 35.6, 121.0, 37.1), 412_345, 598_765, List.of("walk", "drive", "ambulance"),
        Instant.parse("2025-06-01T08:30:15.123456Z"), null);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void insertedNetworkReadsBackWithEveryField(Store store) {
    var repository = repository(store);
    NetworkInfo stored = repository.insert(qingdao());
    assertThat(stored.id()).isNotNull();

    NetworkInfo read = repository.findById(stored.id()).orElseThrow();
    assertThat(read).isEqualTo(stored);
    assertThat(read.name()).isEqualTo("青岛市区路网");
    assertThat(read.bbox().asArray()).containsExactly(119.5, 35.6, 121.0, 37.1);
    assertThat(read.profiles()).containsExactly("walk", "drive", "ambulance");
    assertThat(read.createdAt()).isEqualTo(Instant.parse("2025-06-01T08:30:15.123456Z"));
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void severalNetworksAreListedByIdAndDeletedOneByOne(Store store) {
    var repository = repository(store);
    NetworkInfo first = repository.insert(qingdao());
    NetworkInfo second = repository.insert(new NetworkInfo(null, "Jinan", "/srv/osm/jinan.osm.pbf",
        new BoundingBox(116.8, 36.5, 117.3, 36.8), 10, 12, List.of("walk", "drive", "ambulance"), Instant.now()
        .truncatedTo(java.time.temporal.ChronoUnit.MICROS), null));

    assertThat(repository.findAll()).extracting(NetworkInfo::id).containsExactly(first.id(), second.id());
    assertThat(repository.delete(first.id())).isTrue();
    assertThat(repository.delete(first.id())).isFalse();
    assertThat(repository.findById(first.id())).isEmpty();
    assertThat(repository.findAll()).extracting(NetworkInfo::name).containsExactly("Jinan");
  }
}
