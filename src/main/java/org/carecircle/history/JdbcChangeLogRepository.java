package org.carecircle.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** {@link ChangeLogRepository} on JDBC, plain SQL that H2 and PostgreSQL read alike. */
@Repository
public class JdbcChangeLogRepository implements ChangeLogRepository {
  private static final String COLUMNS =
      "id, entity_type, entity_id, version, action, changed_by, changed_at, before_state, after_state";
  private static final String INSERT = "INSERT INTO change_log (entity_type, entity_id, version, action, changed_by,"
      + " changed_at, before_state, after_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  /** Rows per JDBC batch, as for the facility import: few round trips, bounded memory. */
  private static final int BATCH_ROWS = 1000;

  private final JdbcTemplate jdbc;
  private final ObjectMapper json = new ObjectMapper();
  private final RowMapper<ChangeEntry> rowMapper = this::mapRow;

  public JdbcChangeLogRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void appendAll(List<Change> changes, List<String> beforeJson, List<String> afterJson, String user,
      Instant changedAt) {
    OffsetDateTime at = changedAt.atOffset(ZoneOffset.UTC);
    List<Integer> rows = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      rows.add(i);
    }
    jdbc.batchUpdate(INSERT, rows, BATCH_ROWS, (statement, i) -> {
      Change change = changes.get(i);
      statement.setString(1, change.entityType().code());
      statement.setString(2, change.entityId());
      statement.setLong(3, change.version());
      statement.setString(4, change.action().code());
      statement.setString(5, user);
      statement.setObject(6, at);
      statement.setString(7, beforeJson.get(i));
      statement.setString(8, afterJson.get(i));
    });
  }

  @Override
  public List<ChangeEntry> forEntity(EntityType type, String entityId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM change_log WHERE entity_type = ? AND entity_id = ?"
        + " ORDER BY version DESC, id DESC", rowMapper, type.code(), entityId);
  }

  @Override
  public Optional<ChangeEntry> find(EntityType type, String entityId, long version) {
    return jdbc.query("SELECT " + COLUMNS + " FROM change_log WHERE entity_type = ? AND entity_id = ? AND version = ?"
        + " ORDER BY id DESC", rowMapper, type.code(), entityId, version).stream().findFirst();
  }

  @Override
  public long latestVersion(EntityType type, String entityId) {
    Long latest = jdbc.queryForObject("SELECT MAX(version) FROM change_log WHERE entity_type = ? AND entity_id = ?",
        Long.class, type.code(), entityId);
    return latest == null ? 0 : latest;
  }

  @Override
  public List<ChangeEntry> page(HistoryQuery query) {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM change_log WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (query.entityType() != null) {
      sql.append(" AND entity_type = ?");
      args.add(query.entityType().code());
    }
    if (query.entityId() != null) {
      sql.append(" AND entity_id = ?");
      args.add(query.entityId());
    }
    if (query.user() != null) {
      sql.append(" AND changed_by = ?");
      args.add(query.user());
    }
    if (query.beforeId() != null) {
      sql.append(" AND id < ?");
      args.add(query.beforeId());
    }
    sql.append(" ORDER BY id DESC LIMIT ").append(query.limit());
    return jdbc.query(sql.toString(), rowMapper, args.toArray());
  }

  private ChangeEntry mapRow(ResultSet rs, int rowNum) throws SQLException {
    OffsetDateTime at = rs.getObject("changed_at", OffsetDateTime.class);
    return new ChangeEntry(rs.getLong("id"), rs.getString("entity_type"), rs.getString("entity_id"),
        rs.getLong("version"), rs.getString("action"), rs.getString("changed_by"), at.toInstant(),
        parse(rs.getString("before_state")), parse(rs.getString("after_state")));
  }

  private JsonNode parse(String text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new SQLException("a change_log entry holds text that is not JSON", e);
    }
  }
}
