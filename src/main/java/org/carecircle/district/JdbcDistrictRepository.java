package org.carecircle.district;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * {@link DistrictRepository} on JDBC, for H2GIS and PostGIS, with the functions both share
 * ({@code ST_GeomFromWKB}, {@code ST_AsBinary}).
 */
@Repository
public class JdbcDistrictRepository implements DistrictRepository {
  private static final String COLUMNS = "id, name, code, official_population, ST_AsBinary(geom) AS wkb, version";
  private static final String INSERT =
      "INSERT INTO district (name, code, official_population, geom) VALUES (?, ?, ?, ST_GeomFromWKB(?, 4326))";

  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final JdbcTemplate jdbc;

  public JdbcDistrictRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<District> findAll() {
    return jdbc.query("SELECT " + COLUMNS + " FROM district ORDER BY id", rowMapper());
  }

  @Override
  public List<District> find(int limit, long offset) {
    return jdbc.query("SELECT " + COLUMNS + " FROM district ORDER BY id LIMIT ? OFFSET ?", rowMapper(), limit, offset);
  }

  @Override
  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM district", Long.class);
    return count == null ? 0 : count;
  }

  @Override
  public Optional<District> findById(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM district WHERE id = ?", rowMapper(), id).stream().findFirst();
  }

  @Override
  public List<District> insertAll(List<District> districts) {
    // one statement per district, for the generated ids: a city has tens of districts, not thousands
    List<District> stored = new ArrayList<>(districts.size());
    WKBWriter wkb = new WKBWriter();
    for (District district : districts) {
      KeyHolder keys = new GeneratedKeyHolder();
      jdbc.update(connection -> {
        // naming the key column makes PostGIS return it alone, as H2 does
        PreparedStatement statement = connection.prepareStatement(INSERT, new String[] {"id"});
        statement.setString(1, district.name());
        statement.setString(2, district.code());
        setDouble(statement, 3, district.officialPopulation());
        statement.setBytes(4, wkb.write(district.boundary()));
        return statement;
      }, keys);
      stored.add(district.withId(keys.getKey().longValue()));
    }
    return stored;
  }

  @Override
  public boolean setOfficialPopulation(long id, Double officialPopulation, long expectedVersion) {
    return jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement(
          "UPDATE district SET official_population = ?, version = version + 1 WHERE id = ? AND version = ?");
      setDouble(statement, 1, officialPopulation);
      statement.setLong(2, id);
      statement.setLong(3, expectedVersion);
      return statement;
    }) == 1;
  }

  @Override
  public Optional<District> findByIdForUpdate(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM district WHERE id = ? FOR UPDATE", rowMapper(), id).stream()
        .findFirst();
  }

  @Override
  public int deleteAll() {
    return jdbc.update("DELETE FROM district");
  }

  @Override
  public Map<String, Long> idsByCode(Collection<String> codes) {
    // a country has a few thousand districts: reading every code is simpler than chunked IN lists
    Set<String> wanted = Set.copyOf(codes);
    Map<String, Long> ids = new HashMap<>();
    jdbc.query("SELECT code, id FROM district WHERE code IS NOT NULL", (ResultSet rs) -> {
      if (wanted.contains(rs.getString(1))) {
        ids.put(rs.getString(1), rs.getLong(2));
      }
    });
    return ids;
  }

  private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }

  private static RowMapper<District> rowMapper() {
    WKBReader wkb = new WKBReader(WGS84);
    return (rs, rowNum) -> {
      long id = rs.getLong("id");
      MultiPolygon boundary;
      try {
        boundary = (MultiPolygon) wkb.read(rs.getBytes("wkb"));
      } catch (ParseException e) {
        throw new SQLException("district " + id + " has an unreadable boundary", e);
      }
      boundary.setSRID(4326);
      Double official = rs.getObject("official_population") == null ? null : rs.getDouble("official_population");
      return new District(id, rs.getString("name"), rs.getString("code"), official, boundary, rs.getLong("version"));
    };
  }
}
