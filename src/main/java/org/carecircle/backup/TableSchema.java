package org.carecircle.backup;

import java.util.List;

/**
 * One application table as the database metadata describes it.
 *
 * @param name the table's name in lower case, as backups name it
 * @param sqlName the name as the database spells it (upper case on H2, lower case on PostgreSQL)
 * @param columns in the table's own order
 * @param primaryKey the primary-key columns' SQL names in key order (empty when there is none);
 *     rows are dumped in this order so that two backups of the same data are the same file
 * @param referencedTables lower-case names of the other tables this one's foreign keys point to
 */
record TableSchema(String name, String sqlName, List<Column> columns, List<String> primaryKey,
    List<String> referencedTables) {

  /**
   * @param name lower case, as backups name it
   * @param sqlName as the database spells it
   * @param kind how values are written
   * @param sqlType the database's own type name, for messages and the manifest
   * @param identity whether the database generates its values (identity or serial)
   */
  record Column(String name, String sqlName, ColumnKind kind, String sqlType, boolean identity) {}

  Column column(String lowerCaseName) {
    return columns.stream().filter(c -> c.name().equals(lowerCaseName)).findFirst().orElse(null);
  }
}
