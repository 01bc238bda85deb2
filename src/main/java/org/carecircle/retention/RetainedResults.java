package org.carecircle.retention;

import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One kind of stored result under retention: a table with {@code id}, {@code created_at} and the
 * planner's {@code name} (V12). The same SQL serves H2GIS and PostGIS.
 */
public final class RetainedResults {
  private final JdbcTemplate jdbc;
  private final String description;
  private final String table;
  private final String alsoKeptWhen;

  /**
   * @param description what the rows are, for the planner and the log, e.g. "coverage zone sets"
   * @param table the table (its dependent rows go by ON DELETE CASCADE)
   * @param alsoKeptWhen an SQL condition on the row that keeps it too (e.g. a scenario refers to
   *     it), or null
   */
  public RetainedResults(JdbcTemplate jdbc, String description, String table, String alsoKeptWhen) {
    this.jdbc = jdbc;
    this.description = description;
    this.table = table;
    this.alsoKeptWhen = alsoKeptWhen;
  }

  public String description() {
    return description;
  }

  /**
   * Removes the unnamed rows (not kept by {@code alsoKeptWhen}) that are either created before
   * {@code createdBefore} and not among the newest {@code keepNewest} rows, or beyond the newest
   * {@code maxUnnamed} unnamed rows whatever their age.
   *
   * @return how many were removed
   */
  public int deleteExpired(Instant createdBefore, int keepNewest, int maxUnnamed) {
    String unkept = "name IS NULL" + (alsoKeptWhen == null ? "" : " AND NOT (" + alsoKeptWhen + ")");
    int old = jdbc.update("DELETE FROM " + table + " WHERE " + unkept + " AND created_at < ?"
        + " AND id NOT IN (SELECT id FROM (SELECT id FROM " + table + " ORDER BY id DESC LIMIT ?) newest)",
        java.sql.Timestamp.from(createdBefore), keepNewest);
    int surplus = jdbc.update("DELETE FROM " + table + " WHERE " + unkept
        + " AND id NOT IN (SELECT id FROM (SELECT id FROM " + table + " WHERE " + unkept
        + " ORDER BY id DESC LIMIT ?) newest)", maxUnnamed);
    return old + surplus;
  }

  /**
   * Names a result, which keeps it, or clears the name (it then ages like any other).
   *
   * @param name the name, or null to clear it
   * @return false when there is no such result
   */
  public boolean name(long id, String name) {
    return jdbc.update("UPDATE " + table + " SET name = ? WHERE id = ?", name, id) == 1;
  }
}
