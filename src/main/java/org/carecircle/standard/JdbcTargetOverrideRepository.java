package org.carecircle.standard;

import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@link TargetOverrideRepository} on JDBC; plain SQL that H2GIS and PostGIS both run. A save is an
 * update, then an insert when there was nothing to update (both stores have an upsert, but each
 * its own: MERGE in H2, ON CONFLICT in PostgreSQL).
 */
@Repository
public class JdbcTargetOverrideRepository implements TargetOverrideRepository {
  private final JdbcTemplate jdbc;

  public JdbcTargetOverrideRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<TargetOverride> findByStandard(String standardCode) {
    return jdbc.query("SELECT standard_code, target_code, target_value, minutes FROM planning_target_override"
        + " WHERE standard_code = ?", (rs, n) -> new TargetOverride(rs.getString(1), rs.getString(2),
        rs.getDouble(3), rs.getObject(4) == null ? null : rs.getDouble(4)), standardCode);
  }

  @Override
  public void save(TargetOverride override) {
    if (update(override) > 0) {
      return;
    }
    try {
      jdbc.update("INSERT INTO planning_target_override (standard_code, target_code, target_value, minutes)"
          + " VALUES (?, ?, ?, ?)", override.standardCode(), override.targetCode(), override.value(),
          override.minutes());
    } catch (DuplicateKeyException e) {
      // another request inserted the same target between our update and insert: the later one wins
      update(override);
    }
  }

  private int update(TargetOverride override) {
    return jdbc.update("UPDATE planning_target_override SET target_value = ?, minutes = ?,"
        + " changed_at = CURRENT_TIMESTAMP WHERE standard_code = ? AND target_code = ?", override.value(),
        override.minutes(), override.standardCode(), override.targetCode());
  }

  @Override
  public boolean delete(String standardCode, String targetCode) {
    return jdbc.update("DELETE FROM planning_target_override WHERE standard_code = ? AND target_code = ?",
        standardCode, targetCode) > 0;
  }
}
