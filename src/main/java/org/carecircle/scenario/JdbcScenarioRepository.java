package org.carecircle.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.carecircle.system.GeneratedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@link ScenarioRepository} on JDBC; the summary as JSON text. */
@Repository
public class JdbcScenarioRepository implements ScenarioRepository {
  private static final String COLUMNS = "id, name, type_code, created_at, siting_run_id, summary";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public JdbcScenarioRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public long insert(String name, Long resultId, String typeCode, Scenario.ScenarioSummary summary) {
    String text;
    try {
      text = json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scenario summary could not be written as JSON", e);
    }
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("INSERT INTO scenario (name, siting_run_id,"
          + " type_code, summary) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
      statement.setString(1, name);
      if (resultId == null) {
        statement.setNull(2, Types.BIGINT);
      } else {
        statement.setLong(2, resultId);
      }
      statement.setString(3, typeCode);
      statement.setString(4, text);
      return statement;
    }, keys);
    return GeneratedIds.idOf(keys);
  }

  @Override
  public void link(long scenarioId, long facilityId, int rank) {
    jdbc.update("INSERT INTO scenario_facility (scenario_id, facility_id, site_rank) VALUES (?, ?, ?)", scenarioId,
        facilityId, rank);
  }

  @Override
  public boolean nameTaken(String name) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM scenario WHERE name = ?", Integer.class, name);
    return count != null && count > 0;
  }

  @Override
  public List<Row> findAll() {
    return jdbc.query("SELECT " + COLUMNS + " FROM scenario ORDER BY id", (rs, n) -> row(rs));
  }

  @Override
  public Optional<Row> findById(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM scenario WHERE id = ?", (rs, n) -> row(rs), id).stream()
        .findFirst();
  }

  @Override
  public List<Link> links(long scenarioId) {
    return jdbc.query("SELECT facility_id, site_rank FROM scenario_facility WHERE scenario_id = ? ORDER BY site_rank",
        (rs, n) -> new Link(rs.getLong(1), rs.getInt(2)), scenarioId);
  }

  @Override
  public boolean delete(long id) {
    return jdbc.update("DELETE FROM scenario WHERE id = ?", id) > 0;
  }

  private Row row(ResultSet rs) throws SQLException {
    long runId = rs.getLong(5);
    Long resultId = rs.wasNull() ? null : runId;
    Timestamp created = rs.getTimestamp(4);
    try {
      return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), created.toInstant(), resultId,
          json.readValue(rs.getString(6), Scenario.ScenarioSummary.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("scenario " + rs.getLong(1) + " has an unreadable summary", e);
    }
  }
}
