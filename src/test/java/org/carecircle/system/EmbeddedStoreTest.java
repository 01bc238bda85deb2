package org.carecircle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The embedded store's two crash-safety rules, and what start-up says when a store is damaged. */
class EmbeddedStoreTest {
  @Test
  void embeddedSchemaHasNoSpatialIndexes() {
    // an R-tree in the file is what a kill during an import made unreadable (CrashSafetyIT, h2/V8)
    DataSource store = TestStores.dataSource(TestStores.Store.H2GIS);
    var spatial = new JdbcTemplate(store).queryForList(
        "SELECT TABLE_NAME || '.' || INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_TYPE_NAME = 'SPATIAL INDEX'",
        String.class);
    var btree = new JdbcTemplate(store).queryForObject(
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_TYPE_NAME <> 'SPATIAL INDEX'", Long.class);
    assertThat(spatial).isEmpty();
    assertThat(btree).as("the query sees the other indexes, so an empty answer means something").isPositive();
  }

  @Test
  void commitsOnTheEmbeddedStoreAreWrittenBeforeTheyAreAcknowledged() {
    SingleConnectionDataSource store = new SingleConnectionDataSource(TestStores.h2Url(), "sa", "", true);
    try {
      JdbcTemplate jdbc = new JdbcTemplate(store);
      String delay = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'";
      assertThat(jdbc.queryForList(delay, String.class)).as("H2's default").doesNotContain("0");
      EmbeddedStoreDurability.applyTo(store);
      assertThat(jdbc.queryForList(delay, String.class)).contains("0");
    } finally {
      store.destroy();
    }
  }

  @Test
  void aDamagedStoreFailsStartUpWithWhatToDo() {
    // the message H2 2.4.240 gives for a file damaged by a kill during an import with an R-tree
    SQLException h2 = new org.h2.jdbc.JdbcSQLNonTransientException("General error: \"org.h2.mvstore.MVStoreException:"
        + " Unable to read the page at position 0x180001e0c86, chunk chunk:6 ... ClassCastException: class"
        + " org.h2.mvstore.db.ValueDataType cannot be cast to class org.h2.mvstore.rtree.SpatialDataType\"",
        null, "HY000", 50000, null, null);
    FailureAnalysis analysis = new DamagedStoreFailureAnalyzer().analyze(
        new IllegalStateException("cannot open the store", h2));
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).contains("embedded store cannot be read").contains("Unable to read the page");
    assertThat(analysis.getAction()).contains("Backup and restore").contains("do not delete it");
    assertThat(new DamagedStoreFailureAnalyzer().analyze(new IllegalStateException("port 8080 in use"))).isNull();
  }
}
