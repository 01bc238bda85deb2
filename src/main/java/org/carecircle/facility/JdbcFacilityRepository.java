package org.carecircle.facility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.carecircle.system.GeneratedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * {@link FacilityRepository} on JDBC, for H2GIS and PostGIS. Only functions both stores share are
 * used: {@code ST_GeomFromWKB}, {@code ST_AsBinary}, {@code ST_MakeEnvelope} and the {@code &&}
 * bounding-box operator, which both answer from their spatial index.
 */
@Repository
public class JdbcFacilityRepository implements FacilityRepository {
  private static final String COLUMNS =
      "id, name, type_code, status, beds, physicians, nurses, ambulances, address, external_id,"
          + " attributes, ST_AsBinary(geom) AS wkb, version";
  private static final String INSERT =
      "INSERT INTO facility (name, type_code, status, beds, physicians, nurses, ambulances, address,"
          + " external_id, attributes, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))";
  private static final String UPDATE =
      "UPDATE facility SET name = ?, type_code = ?, status = ?, beds = ?, physicians = ?, nurses = ?,"
          + " ambulances = ?, address = ?, external_id = ?, attributes = ?,"
          + " geom = ST_GeomFromWKB(?, 4326), updated_at = CURRENT_TIMESTAMP, version = version + 1 WHERE id = ?";
  /** A restore after a delete: the facility comes back under its old id, at a given version. */
  private static final String INSERT_WITH_ID =
      "INSERT INTO facility (name, type_code, status, beds, physicians, nurses, ambulances, address,"
          + " external_id, attributes, geom, id, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?)";
  /** Rows per JDBC batch: large enough to amortise round trips, small enough to bound memory. */
  private static final int BATCH_ROWS = 1000;

  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
  private static final TypeReference<Map<String, Object>> ATTRIBUTE_MAP = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json = new ObjectMapper();
  private final RowMapper<Facility> rowMapper = this::mapRow;

  public JdbcFacilityRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Facility> find(FacilityQuery query) {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT " + COLUMNS + " FROM facility" + where(query, args) + " ORDER BY id";
    return jdbc.query(sql, rowMapper, args.toArray());
  }

  @Override
  public List<Facility> find(FacilityQuery query, int limit, long offset) {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT " + COLUMNS + " FROM facility" + where(query, args) + " ORDER BY id LIMIT ? OFFSET ?";
    args.add(limit);
    args.add(offset);
    return jdbc.query(sql, rowMapper, args.toArray());
  }

  @Override
  public long count(FacilityQuery query) {
    List<Object> args = new ArrayList<>();
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM facility" + where(query, args), Long.class, args.toArray());
    return count == null ? 0 : count;
  }

  /** The WHERE clause of a query, its arguments appended to {@code args}. */
  private static String where(FacilityQuery query, List<Object> args) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (!query.typeCodes().isEmpty()) {
      sql.append(" AND type_code IN (").append(placeholders(query.typeCodes().size())).append(')');
      args.addAll(query.typeCodes());
    }
    if (!query.statuses().isEmpty()) {
      sql.append(" AND status IN (").append(placeholders(query.statuses().size())).append(')');
      query.statuses().forEach(s -> args.add(s.code()));
    }
    Envelope bbox = query.bbox();
    if (bbox != null) {
      sql.append(" AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
      args.addAll(List.of(bbox.getMinX(), bbox.getMinY(), bbox.getMaxX(), bbox.getMaxY()));
    }
    return sql.toString();
  }

  @Override
  public Optional<Facility> findById(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM facility WHERE id = ?", rowMapper, id).stream()
        .findFirst();
  }

  @Override
  public Facility insert(Facility facility) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS);
          bind(statement, facility);
          return statement;
        },
        keys);
    return facility.withId(GeneratedIds.idOf(keys)).withVersion(1L);
  }

  @Override
  public Facility insertWithId(Facility facility) {
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement(INSERT_WITH_ID);
      bind(statement, facility);
      statement.setLong(12, facility.id());
      statement.setLong(13, facility.version());
      return statement;
    });
    return facility;
  }

  @Override
  public boolean update(Facility facility) {
    Long expected = facility.version();
    return jdbc.update(
            connection -> {
              PreparedStatement statement =
                  connection.prepareStatement(expected == null ? UPDATE : UPDATE + " AND version = ?");
              bind(statement, facility);
              statement.setLong(12, facility.id());
              if (expected != null) {
                statement.setLong(13, expected);
              }
              return statement;
            })
        == 1;
  }

  @Override
  public boolean delete(long id) {
    return jdbc.update("DELETE FROM facility WHERE id = ?", id) == 1;
  }

  @Override
  public boolean delete(long id, long expectedVersion) {
    return jdbc.update("DELETE FROM facility WHERE id = ? AND version = ?", id, expectedVersion) == 1;
  }

  @Override
  public Optional<Facility> findByIdForUpdate(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM facility WHERE id = ? FOR UPDATE", rowMapper, id).stream()
        .findFirst();
  }

  @Override
  public List<Facility> findByIdsForUpdate(Collection<Long> ids) {
    List<Facility> found = new ArrayList<>(ids.size());
    List<Long> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += BATCH_ROWS) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + BATCH_ROWS));
      found.addAll(jdbc.query("SELECT " + COLUMNS + " FROM facility WHERE id IN (" + placeholders(chunk.size())
          + ") FOR UPDATE", rowMapper, chunk.toArray()));
    }
    return found;
  }

  @Override
  public Map<String, Long> idsByExternalId(Collection<String> externalIds) {
    Map<String, Long> ids = new HashMap<>();
    List<String> all = List.copyOf(externalIds);
    for (int from = 0; from < all.size(); from += BATCH_ROWS) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + BATCH_ROWS));
      jdbc.query(
          "SELECT external_id, id FROM facility WHERE external_id IN (" + placeholders(chunk.size()) + ")",
          (ResultSet rs) -> {
            ids.put(rs.getString(1), rs.getLong(2));
          },
          chunk.toArray());
    }
    return ids;
  }

  @Override
  public List<Facility> insertAll(List<Facility> facilities) {
    List<Facility> stored = new ArrayList<>(facilities.size());
    for (int from = 0; from < facilities.size(); from += BATCH_ROWS) {
      List<Facility> chunk = facilities.subList(from, Math.min(facilities.size(), from + BATCH_ROWS));
      // one batch per chunk, reading the generated ids back: PgJDBC and H2 both return one key row
      // per batched row, in order, when the key column is named
      List<Long> ids = jdbc.execute((java.sql.Connection connection) -> {
        try (PreparedStatement statement = connection.prepareStatement(INSERT, new String[] {"id"})) {
          for (Facility facility : chunk) {
            bind(statement, facility);
            statement.addBatch();
          }
          statement.executeBatch();
          List<Long> keys = new ArrayList<>(chunk.size());
          try (ResultSet rs = statement.getGeneratedKeys()) {
            while (rs.next()) {
              keys.add(rs.getLong(1));
            }
          }
          return keys;
        }
      });
      if (ids == null || ids.size() != chunk.size()) {
        throw new IllegalStateException("the store returned " + (ids == null ? 0 : ids.size()) + " ids for "
            + chunk.size() + " inserted facilities");
      }
      for (int i = 0; i < chunk.size(); i++) {
        stored.add(chunk.get(i).withId(ids.get(i)).withVersion(1L));
      }
    }
    return stored;
  }

  @Override
  public void updateAll(List<Facility> facilities) {
    jdbc.batchUpdate(
        UPDATE,
        facilities,
        BATCH_ROWS,
        (statement, facility) -> {
          bind(statement, facility);
          statement.setLong(12, facility.id());
        });
  }

  @Override
  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM facility", Long.class);
    return count == null ? 0 : count;
  }

  private void bind(PreparedStatement statement, Facility facility) throws SQLException {
    statement.setString(1, facility.name());
    statement.setString(2, facility.typeCode());
    statement.setString(3, facility.status().code());
    setInteger(statement, 4, facility.beds());
    setInteger(statement, 5, facility.physicians());
    setInteger(statement, 6, facility.nurses());
    setInteger(statement, 7, facility.ambulances());
    statement.setString(8, facility.address());
    statement.setString(9, facility.externalId());
    statement.setString(10, facility.attributes().isEmpty() ? null : toJson(facility.attributes()));
    statement.setBytes(11, new WKBWriter().write(facility.location()));
  }

  private static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  private Facility mapRow(ResultSet rs, int rowNum) throws SQLException {
    Point location;
    try {
      location = (Point) new WKBReader(WGS84).read(rs.getBytes("wkb"));
    } catch (ParseException e) {
      throw new SQLException("facility " + rs.getLong("id") + " has unreadable geometry", e);
    }
    return new Facility(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("type_code"),
        FacilityStatus.parse(rs.getString("status")).orElseThrow(),
        (Integer) rs.getObject("beds", Integer.class),
        (Integer) rs.getObject("physicians", Integer.class),
        (Integer) rs.getObject("nurses", Integer.class),
        (Integer) rs.getObject("ambulances", Integer.class),
        rs.getString("address"),
        rs.getString("external_id"),
        fromJson(rs.getString("attributes")),
        location,
        rs.getLong("version"));
  }

  private String toJson(Map<String, Object> attributes) {
    try {
      return json.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("attributes cannot be stored as JSON", e);
    }
  }

  private Map<String, Object> fromJson(String text) {
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    try {
      return json.readValue(text, ATTRIBUTE_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored attributes are not JSON: " + text, e);
    }
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
