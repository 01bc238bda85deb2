package org.carecircle.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.carecircle.system.GeneratedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link ZoneSetRepository} on JDBC; geometry crosses as WKB, as for facilities. */
@Repository
public class JdbcZoneSetRepository implements ZoneSetRepository {
  private static final int BATCH_ROWS = 500;
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public JdbcZoneSetRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  @Transactional
  public long insert(ZoneSet set) {
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement(
          "INSERT INTO coverage_zone_set (network_id, parameters, unreachable) VALUES (?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS);
      if (set.networkId() == null) {
        statement.setNull(1, Types.BIGINT);
      } else {
        statement.setLong(1, set.networkId());
      }
      statement.setString(2, write(set.parameters()));
      statement.setString(3, write(set.unreachable()));
      return statement;
    }, keys);
    long id = GeneratedIds.idOf(keys);
    jdbc.batchUpdate(
        "INSERT INTO coverage_zone (zone_set_id, facility_id, facility_name, point_index, minutes,"
            + " area_square_meters, geom) VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))",
        set.zones(), BATCH_ROWS, (statement, zone) -> {
          statement.setLong(1, id);
          statement.setObject(2, zone.facilityId(), Types.BIGINT);
          statement.setString(3, zone.facilityName());
          statement.setObject(4, zone.pointIndex(), Types.INTEGER);
          statement.setDouble(5, zone.minutes());
          statement.setDouble(6, zone.areaSquareMeters());
          statement.setBytes(7, new WKBWriter().write(zone.geometry()));
        });
    return id;
  }

  @Override
  public Optional<ZoneSet> find(long id) {
    List<ZoneSet> sets = jdbc.query(
        "SELECT id, network_id, parameters, unreachable, created_at FROM coverage_zone_set WHERE id = ?",
        (rs, n) -> set(rs, List.of()), id);
    if (sets.isEmpty()) {
      return Optional.empty();
    }
    List<ZoneFeature> zones = jdbc.query(
        "SELECT facility_id, facility_name, point_index, minutes, area_square_meters, ST_AsBinary(geom) AS wkb"
            + " FROM coverage_zone WHERE zone_set_id = ? ORDER BY minutes DESC, id",
        (rs, n) -> new ZoneFeature(
            (Long) rs.getObject("facility_id", Long.class), rs.getString("facility_name"),
            (Integer) rs.getObject("point_index", Integer.class), rs.getDouble("minutes"),
            rs.getDouble("area_square_meters"), geometry(rs.getBytes("wkb"))),
        id);
    ZoneSet set = sets.get(0);
    return Optional.of(new ZoneSet(set.id(), set.networkId(), set.parameters(), set.unreachable(), zones, set.createdAt()));
  }

  @Override
  public List<ZoneSet> listWithoutZones() {
    return jdbc.query(
        "SELECT id, network_id, parameters, unreachable, created_at FROM coverage_zone_set ORDER BY id DESC",
        (rs, n) -> set(rs, List.of()));
  }

  @Override
  public List<ZoneSet> listWithoutZones(int limit, long offset) {
    return jdbc.query("SELECT id, network_id, parameters, unreachable, created_at FROM coverage_zone_set"
        + " ORDER BY id DESC LIMIT ? OFFSET ?", (rs, n) -> set(rs, List.of()), limit, offset);
  }

  @Override
  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM coverage_zone_set", Long.class);
    return count == null ? 0 : count;
  }

  @Override
  public boolean delete(long id) {
    // zones go with their set (ON DELETE CASCADE)
    return jdbc.update("DELETE FROM coverage_zone_set WHERE id = ?", id) == 1;
  }

  private ZoneSet set(ResultSet rs, List<ZoneFeature> zones) throws SQLException {
    return new ZoneSet(rs.getLong("id"), (Long) rs.getObject("network_id", Long.class),
        read(rs.getString("parameters"), new TypeReference<Map<String, Object>>() {}),
        read(rs.getString("unreachable"), new TypeReference<List<UnreachableOrigin>>() {}),
        zones, rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
  }

  private static MultiPolygon geometry(byte[] wkb) throws SQLException {
    try {
      return (MultiPolygon) new WKBReader(WGS84).read(wkb);
    } catch (ParseException e) {
      throw new SQLException("unreadable zone geometry", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + text, e);
    }
  }
}
