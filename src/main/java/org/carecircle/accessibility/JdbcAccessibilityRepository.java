package org.carecircle.accessibility;

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

/** {@link AccessibilityRepository} on JDBC: the summary as JSON text, the cells as one blob. */
@Repository
public class JdbcAccessibilityRepository implements AccessibilityRepository {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public JdbcAccessibilityRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public long insert(AccessibilitySummary summary, String populationLayer, AccessibilityCells cells) {
    byte[] blob = cells.encode();
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("INSERT INTO accessibility_result"
          + " (network_id, mode, summary, population_layer, cells) VALUES (?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS);
      statement.setLong(1, summary.networkId());
      statement.setString(2, summary.mode());
      statement.setString(3, write(summary));
      statement.setString(4, populationLayer);
      statement.setBytes(5, blob);
      return statement;
    }, keys);
    return GeneratedIds.idOf(keys);
  }

  @Override
  public Optional<AccessibilitySummary> findSummary(long id) {
    List<String> rows = jdbc.query("SELECT summary FROM accessibility_result WHERE id = ?",
        (rs, n) -> rs.getString(1), id);
    return rows.stream().findFirst().map(text -> read(text).withId(id));
  }

  @Override
  public Optional<AccessibilityCells> findCells(long id) {
    List<byte[]> rows = jdbc.query("SELECT cells FROM accessibility_result WHERE id = ?",
        (rs, n) -> rs.getBytes(1), id);
    return rows.stream().findFirst().map(AccessibilityCells::decode);
  }

  @Override
  public Optional<String> findPopulationLayer(long id) {
    List<String> rows = jdbc.query("SELECT population_layer FROM accessibility_result WHERE id = ?",
        (rs, n) -> rs.getString(1), id);
    return rows.stream().findFirst();
  }

  private String write(AccessibilitySummary summary) {
    try {
      return json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private AccessibilitySummary read(String text) {
    try {
      return json.readValue(text, AccessibilitySummary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored accessibility summary cannot be read", e);
    }
  }
}
