package org.carecircle.system;

import java.util.Map;
import org.springframework.jdbc.support.KeyHolder;

/** The id a store generated for an inserted row, read the same way on H2GIS and PostGIS. */
public final class GeneratedIds {
  private GeneratedIds() {}

  /**
   * PostGIS returns every column of the new row as a generated key, H2 only the identity column;
   * both name it id (or ID).
   *
   * @param keys the holder passed to {@code JdbcTemplate.update} with RETURN_GENERATED_KEYS
   */
  public static long idOf(KeyHolder keys) {
    Map<String, Object> row = keys.getKeyList().get(0);
    for (Map.Entry<String, Object> column : row.entrySet()) {
      if (column.getKey().equalsIgnoreCase("id")) {
        return ((Number) column.getValue()).longValue();
      }
    }
    throw new IllegalStateException("the store returned no generated id: " + row.keySet());
  }
}
