package org.carecircle.network;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.carecircle.system.GeneratedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * {@link NetworkRepository} on JDBC, for H2GIS and PostGIS: plain columns only, timestamps as
 * {@link OffsetDateTime} in UTC, which both drivers map to {@code TIMESTAMP WITH TIME ZONE}.
 */
@Repository
public class JdbcNetworkRepository implements NetworkRepository {
  private static final String COLUMNS =
      "id, name, source_file, min_lon, min_lat, max_lon, max_lat, node_count, edge_count, profiles, created_at";

  private final JdbcTemplate jdbc;

  public JdbcNetworkRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<NetworkInfo> findAll() {
    return jdbc.query("SELECT " + COLUMNS + " FROM road_network ORDER BY id", this::mapRow);
  }

  @Override
  public Optional<NetworkInfo> findById(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM road_network WHERE id = ?", this::mapRow, id).stream().findFirst();
  }

  @Override
  public NetworkInfo insert(NetworkInfo network) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement(
          "INSERT INTO road_network (name, source_file, min_lon, min_lat, max_lon, max_lat, node_count, edge_count,"
              + " profiles, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS);
      statement.setString(1, network.name());
      statement.setString(2, network.sourceFile());
      statement.setDouble(3, network.bbox().minLon());
      statement.setDouble(4, network.bbox().minLat());
      statement.setDouble(5, network.bbox().maxLon());
      statement.setDouble(6, network.bbox().maxLat());
      statement.setInt(7, network.nodeCount());
      statement.setInt(8, network.edgeCount());
      statement.setString(9, String.join(",", network.profiles()));
      statement.setObject(10, OffsetDateTime.ofInstant(network.createdAt(), ZoneOffset.UTC));
      return statement;
    }, keys);
    return network.withId(GeneratedIds.idOf(keys));
  }


  @Override
  public boolean delete(long id) {
    return jdbc.update("DELETE FROM road_network WHERE id = ?", id) == 1;
  }

  private NetworkInfo mapRow(ResultSet rs, int rowNum) throws SQLException {
    String profiles = rs.getString("profiles");
    Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
    return new NetworkInfo(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("source_file"),
        new BoundingBox(rs.getDouble("min_lon"), rs.getDouble("min_lat"), rs.getDouble("max_lon"),
            rs.getDouble("max_lat")),
        rs.getInt("node_count"),
        rs.getInt("edge_count"),
        profiles.isEmpty() ? List.of() : Arrays.asList(profiles.split(",")),
        createdAt,
        null);
  }
}
