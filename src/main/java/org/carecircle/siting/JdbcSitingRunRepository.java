package org.carecircle.siting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.carecircle.system.GeneratedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@link SitingRunRepository} on JDBC: the answer as JSON text. */
@Repository
public class JdbcSitingRunRepository implements SitingRunRepository {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public JdbcSitingRunRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public long insert(SitingAnswer answer) {
    if (answer.network() == null) {
      throw new IllegalArgumentException("only network siting runs are stored");
    }
    String text;
    try {
      text = json.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a siting answer could not be written as JSON", e);
    }
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement(
          "INSERT INTO siting_run (network_id, model, answer) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
      statement.setLong(1, answer.network().networkId());
      statement.setString(2, answer.model());
      statement.setString(3, text);
      return statement;
    }, keys);
    return GeneratedIds.idOf(keys);
  }

  @Override
  public Optional<SitingAnswer> find(long id) {
    List<String> rows = jdbc.query("SELECT answer FROM siting_run WHERE id = ?", (rs, n) -> rs.getString(1), id);
    return rows.stream().findFirst().map(text -> {
      try {
        return json.readValue(text, SitingAnswer.class).withResultId(id);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored siting run " + id + " is not readable JSON", e);
      }
    });
  }
}
