package org.carecircle.population;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * {@link PopulationRepository} on JDBC, for H2GIS and PostGIS. Only functions both stores share are
 * used: {@code ST_GeomFromWKB}, {@code ST_AsBinary}, {@code ST_X}/{@code ST_Y}, {@code
 * ST_XMin}..{@code ST_YMax}, {@code ST_MakeEnvelope} and the {@code &&} bounding-box operator,
 * which both answer from their spatial index.
 */
@Repository
public class JdbcPopulationRepository implements PopulationRepository {
  private static final String INSERT = "INSERT INTO population_cell (id, population, geom, cell_geom) VALUES ";
  private static final String INSERT_ROW = "(?, ?, ST_GeomFromWKB(?, 4326), ST_GeomFromWKB(?, 4326))";
  private static final String COLUMNS =
      "id, population, ST_AsBinary(geom) AS wkb, ST_AsBinary(cell_geom) AS cell_wkb";
  private static final String IN_BOX = "geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)";
  /**
   * Rows per INSERT statement. IMPLEMENTATION NOTE: a multi-row VALUES list (plain SQL both stores
   * take) cuts PostGIS's per-statement cost, which a JDBC batch of one-row statements still pays
   * per row: about a third less time for 257,100 raster cells.
   */
  private static final int ROWS_PER_STATEMENT = 250;
  /** Statements per JDBC batch: 5,000 rows, large enough to amortise round trips. */
  private static final int STATEMENTS_PER_BATCH = 20;
  /** Rows fetched per round trip when streaming the whole layer (PostGIS would else buffer it all). */
  private static final int FETCH_ROWS = 10_000;

  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;

  public JdbcPopulationRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(FETCH_ROWS);
  }

  @Override
  public void deleteAll() {
    // DELETE, not TRUNCATE: H2 commits the open transaction on TRUNCATE, which would break
    // the all-or-nothing import
    jdbc.update("DELETE FROM population_cell");
    jdbc.update("DELETE FROM population_layer");
  }

  @Override
  public void insertAll(List<PopulationCell> cells) {
    int whole = cells.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
    List<List<PopulationCell>> statements = new ArrayList<>();
    for (int from = 0; from < whole; from += ROWS_PER_STATEMENT) {
      statements.add(cells.subList(from, from + ROWS_PER_STATEMENT));
    }
    WKBWriter wkb = new WKBWriter();
    ParameterizedPreparedStatementSetter<List<PopulationCell>> binder = (statement, rows) -> {
      int parameter = 1;
      for (PopulationCell cell : rows) {
        statement.setLong(parameter++, cell.id());
        statement.setDouble(parameter++, cell.population());
        statement.setBytes(parameter++, wkb.write(cell.location()));
        if (cell.cellPolygon() == null) {
          statement.setNull(parameter++, Types.BINARY);
        } else {
          statement.setBytes(parameter++, wkb.write(cell.cellPolygon()));
        }
      }
    };
    jdbc.batchUpdate(insertSql(ROWS_PER_STATEMENT), statements, STATEMENTS_PER_BATCH, binder);
    if (whole < cells.size()) {
      jdbc.batchUpdate(insertSql(cells.size() - whole), List.of(cells.subList(whole, cells.size())), 1, binder);
    }
  }

  private static String insertSql(int rows) {
    return INSERT + String.join(", ", Collections.nCopies(rows, INSERT_ROW));
  }

  @Override
  public void saveLayer(PopulationLayer layer) {
    jdbc.update("DELETE FROM population_layer");
    jdbc.update("INSERT INTO population_layer (id, source_name, source_format, crs, value_column)"
        + " VALUES (1, ?, ?, ?, ?)", layer.sourceName(), layer.sourceFormat(), layer.crs(), layer.valueColumn());
  }

  @Override
  public Optional<PopulationLayer> layer() {
    return jdbc.query("SELECT source_name, source_format, crs, value_column, imported_at FROM population_layer",
        (rs, rowNum) -> new PopulationLayer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant())).stream().findFirst();
  }

  @Override
  public PopulationSummary summary() {
    String extentOf = "COALESCE(cell_geom, geom)";
    return jdbc.queryForObject("SELECT COUNT(*), SUM(population), MIN(ST_XMin(" + extentOf + ")),"
        + " MIN(ST_YMin(" + extentOf + ")), MAX(ST_XMax(" + extentOf + ")), MAX(ST_YMax(" + extentOf + "))"
        + " FROM population_cell", (rs, rowNum) -> {
          long cells = rs.getLong(1);
          double[] bbox = cells == 0 ? null
              : new double[] {rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)};
          return new PopulationSummary(cells, rs.getDouble(2), bbox, layer().orElse(null));
        });
  }

  @Override
  public boolean hasCells() {
    return !jdbc.queryForList("SELECT id FROM population_cell LIMIT 1", Long.class).isEmpty();
  }

  @Override
  public long count(Envelope bbox) {
    Long count = bbox == null
        ? jdbc.queryForObject("SELECT COUNT(*) FROM population_cell", Long.class)
        : jdbc.queryForObject("SELECT COUNT(*) FROM population_cell WHERE " + IN_BOX, Long.class, corners(bbox));
    return count == null ? 0 : count;
  }

  @Override
  public List<PopulationCell> find(Envelope bbox, int limit) {
    String where = bbox == null ? "" : " WHERE " + IN_BOX;
    Object[] args = bbox == null ? new Object[] {limit} : append(corners(bbox), limit);
    return jdbc.query("SELECT " + COLUMNS + " FROM population_cell" + where + " ORDER BY id LIMIT ?",
        cellMapper(), args);
  }

  @Override
  public List<PopulationBin> aggregate(Envelope bbox, double binWidthDegrees, double binHeightDegrees) {
    double originLon = bbox.getMinX();
    double originLat = bbox.getMinY();
    String sql = "SELECT gx, gy, COUNT(*), SUM(p), SUM(x * p), SUM(y * p) FROM ("
        + "SELECT FLOOR((ST_X(geom) - ?) / ?) AS gx, FLOOR((ST_Y(geom) - ?) / ?) AS gy,"
        + " ST_X(geom) AS x, ST_Y(geom) AS y, population AS p FROM population_cell WHERE " + IN_BOX
        + ") binned GROUP BY gx, gy ORDER BY gy, gx";
    Object[] args = {originLon, binWidthDegrees, originLat, binHeightDegrees,
        bbox.getMinX(), bbox.getMinY(), bbox.getMaxX(), bbox.getMaxY()};
    return jdbc.query(sql, (rs, rowNum) -> {
      double minLon = originLon + rs.getDouble(1) * binWidthDegrees;
      double minLat = originLat + rs.getDouble(2) * binHeightDegrees;
      double population = rs.getDouble(4);
      return new PopulationBin(minLon, minLat, minLon + binWidthDegrees, minLat + binHeightDegrees,
          rs.getLong(3), population, rs.getDouble(5) / population, rs.getDouble(6) / population);
    }, args);
  }

  // two index scans on PostGIS instead of one OR, which it answers less well from its GiST indexes
  private static final String OVERLAPPING = "SELECT " + COLUMNS + " FROM population_cell"
      + " WHERE cell_geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
      + " UNION ALL SELECT " + COLUMNS + " FROM population_cell WHERE cell_geom IS NULL AND " + IN_BOX;

  @Override
  public List<PopulationCell> findOverlapping(Envelope envelope) {
    return jdbc.query(OVERLAPPING, cellMapper(), append(corners(envelope), corners(envelope)));
  }

  @Override
  public void forEachOverlapping(Envelope envelope, Consumer<PopulationCell> action) {
    RowMapper<PopulationCell> cells = cellMapper();
    streaming.query(OVERLAPPING, (ResultSet rs) -> {
      action.accept(cells.mapRow(rs, 0));
    }, append(corners(envelope), corners(envelope)));
  }

  @Override
  public PopulationCells loadAll() {
    Long expected = jdbc.queryForObject("SELECT COUNT(*) FROM population_cell", Long.class);
    ArrayBuilder arrays = new ArrayBuilder(expected == null ? 0 : expected.intValue());
    streaming.query("SELECT id, ST_X(geom), ST_Y(geom), population FROM population_cell ORDER BY id",
        (ResultSet rs) -> {
          arrays.add(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
        });
    return arrays.build();
  }

  /** Growable parallel arrays: the count read first is a hint, the layer may change in between. */
  private static final class ArrayBuilder {
    private long[] id;
    private double[] lon;
    private double[] lat;
    private double[] population;
    private int size;

    ArrayBuilder(int capacity) {
      int initial = Math.max(16, capacity);
      id = new long[initial];
      lon = new double[initial];
      lat = new double[initial];
      population = new double[initial];
    }

    void add(long cellId, double cellLon, double cellLat, double cellPopulation) {
      if (size == id.length) {
        int grown = size * 2;
        id = Arrays.copyOf(id, grown);
        lon = Arrays.copyOf(lon, grown);
        lat = Arrays.copyOf(lat, grown);
        population = Arrays.copyOf(population, grown);
      }
      id[size] = cellId;
      lon[size] = cellLon;
      lat[size] = cellLat;
      population[size] = cellPopulation;
      size++;
    }

    PopulationCells build() {
      return new PopulationCells(Arrays.copyOf(id, size), Arrays.copyOf(lon, size), Arrays.copyOf(lat, size),
          Arrays.copyOf(population, size));
    }
  }

  private static RowMapper<PopulationCell> cellMapper() {
    WKBReader wkb = new WKBReader(WGS84);
    return (rs, rowNum) -> {
      long id = rs.getLong("id");
      byte[] cellWkb = rs.getBytes("cell_wkb");
      return new PopulationCell(id, rs.getDouble("population"), (Point) read(wkb, rs.getBytes("wkb"), id),
          cellWkb == null ? null : read(wkb, cellWkb, id));
    };
  }

  private static Geometry read(WKBReader wkb, byte[] bytes, long id) throws SQLException {
    try {
      Geometry geometry = wkb.read(bytes);
      geometry.setSRID(4326);
      return geometry;
    } catch (ParseException e) {
      throw new SQLException("population cell " + id + " has unreadable geometry", e);
    }
  }

  private static Object[] corners(Envelope box) {
    return new Object[] {box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY()};
  }

  private static Object[] append(Object[] first, Object... more) {
    List<Object> all = new ArrayList<>(Arrays.asList(first));
    all.addAll(Arrays.asList(more));
    return all.toArray();
  }
}
