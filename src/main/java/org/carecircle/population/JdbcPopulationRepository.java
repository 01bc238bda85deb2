package org.carecircle.population;

import java.io.StringReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Repository;

/**
 * {@link PopulationRepository} on JDBC, for H2GIS and PostGIS. Each cell is stored with its
 * geometry and, since V13, with its location and envelope as plain doubles and a grid key: filters
 * compare the doubles, so no geometry is decoded to decide whether a cell is in a box.
 *
 * <p>What differs between the stores stays here: how a box finds its candidate rows (PostGIS: the
 * GiST index through {@code &&}; the embedded store, which keeps no R-tree: key ranges on the
 * B-tree index of {@code grid_key}, one range per row of grid squares) and how rows are written
 * (PostGIS: {@code COPY}; H2: multi-row INSERTs). Geometry crosses the boundary as EWKB in EPSG:4326.
 */
@Repository
public class JdbcPopulationRepository implements PopulationRepository {
  private static final String INSERT = "INSERT INTO population_cell"
      + " (id, population, geom, cell_geom, lon, lat, min_lon, min_lat, max_lon, max_lat, grid_key) VALUES ";
  private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String COPY = "COPY population_cell"
      + " (id, population, geom, cell_geom, lon, lat, min_lon, min_lat, max_lon, max_lat, grid_key) FROM STDIN";
  private static final String COLUMNS =
      "id, population, ST_AsBinary(geom) AS wkb, ST_AsBinary(cell_geom) AS cell_wkb";
  private static final String EXTENT_COLUMNS = "id, population, lon, lat, min_lon, min_lat, max_lon, max_lat";
  /** The location lies in the box (closed). */
  private static final String LOCATION_IN_BOX = "lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?";
  /** The envelope (the location's, for cells without a polygon) intersects the box (closed). */
  private static final String EXTENT_MEETS_BOX = "max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?";
  /**
   * Rows per INSERT statement. IMPLEMENTATION NOTE: a multi-row VALUES list cuts the per-statement
   * cost, which a JDBC batch of one-row statements still pays per row.
   */
  private static final int ROWS_PER_STATEMENT = 250;
  /** Statements per JDBC batch: 5,000 rows, large enough to amortise round trips. */
  private static final int STATEMENTS_PER_BATCH = 20;
  /** Rows fetched per round trip when streaming the whole layer (PostGIS would else buffer it all). */
  private static final int FETCH_ROWS = 10_000;
  /** Ids per lookup of {@link #cellPolygons}: one statement stays well within parameter limits. */
  private static final int IDS_PER_LOOKUP = 500;

  /**
   * Side of a grid square in degrees: about 1 km, ten 100 m pixels, so that a map view or a
   * district reads few squares beyond its edge and a square holds about a hundred raster cells.
   */
  static final double GRID_DEGREES = 0.01;
  /** Squares per row of the grid: 360 / 0.01, plus one for longitude 180 itself. */
  static final long GRID_COLUMNS = 36_001;
  /**
   * Above this many rows of squares a box covers so much of a layer that one pass over the table
   * beats one index range per row (each index hit costs a lookup of its row).
   */
  private static final long MAX_GRID_ROWS = 64;
  /** Likewise for the key ranges of several boxes read at once (ten 15 km districts: about 160). */
  private static final int MAX_KEY_RANGES = 400;

  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
  private static final int EWKB_SRID_FLAG = 0x20000000;

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;
  private final DataSource dataSource;
  private final boolean postgis;

  public JdbcPopulationRepository(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(FETCH_ROWS);
    try {
      String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      this.postgis = product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    } catch (org.springframework.jdbc.support.MetaDataAccessException e) {
      throw new DataAccessResourceFailureException("the population store cannot be reached", e);
    }
  }

  /**
   * The grid square holding a location: row-major from (90 S, 180 W) in squares of {@link
   * #GRID_DEGREES}. Migration V13 computes the same in SQL, in the same double arithmetic; the
   * function never decreases as either coordinate grows, which is what lets a box become key ranges.
   */
  static long gridKey(double lon, double lat) {
    return gridRow(lat) * GRID_COLUMNS + gridColumn(lon);
  }

  private static long gridRow(double lat) {
    return (long) Math.floor((lat + 90) / GRID_DEGREES);
  }

  private static long gridColumn(double lon) {
    return (long) Math.floor((lon + 180) / GRID_DEGREES);
  }

  @Override
  public void deleteAll() {
    // DELETE, not TRUNCATE: H2 commits the open transaction on TRUNCATE, which would break
    // the all-or-nothing import
    jdbc.update("DELETE FROM population_cell");
    jdbc.update("DELETE FROM population_layer");
    jdbc.update("DELETE FROM population_cell_reach");
  }

  /** The numbers stored beside a cell's geometry. */
  private record Row(PopulationCell cell, byte[] location, byte[] polygon, double lon, double lat, Envelope extent,
      long gridKey) {
    static Row of(PopulationCell cell, WKBWriter wkb) {
      Point location = cell.location();
      Geometry polygon = cell.cellPolygon();
      double lon = location.getX();
      double lat = location.getY();
      Envelope extent = polygon != null ? polygon.getEnvelopeInternal() : new Envelope(lon, lon, lat, lat);
      return new Row(cell, ewkb(wkb, location), polygon == null ? null : ewkb(wkb, polygon), lon, lat, extent,
          JdbcPopulationRepository.gridKey(lon, lat));
    }
  }

  @Override
  public void insertAll(List<PopulationCell> cells) {
    if (cells.isEmpty()) {
      return;
    }
    WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
    List<Row> rows = new ArrayList<>(cells.size());
    double lonReach = 0;
    double latReach = 0;
    for (PopulationCell cell : cells) {
      Row row = Row.of(cell, wkb);
      rows.add(row);
      lonReach = Math.max(lonReach, Math.max(row.lon - row.extent.getMinX(), row.extent.getMaxX() - row.lon));
      latReach = Math.max(latReach, Math.max(row.lat - row.extent.getMinY(), row.extent.getMaxY() - row.lat));
    }
    if (postgis) {
      copy(rows);
    } else {
      insert(rows);
    }
    // update, else insert: imports are serialized (PopulationImportService), so no one else inserts
    int updated = jdbc.update("UPDATE population_cell_reach SET lon_degrees = GREATEST(lon_degrees, ?),"
        + " lat_degrees = GREATEST(lat_degrees, ?) WHERE id = 1", lonReach, latReach);
    if (updated == 0) {
      jdbc.update("INSERT INTO population_cell_reach (id, lon_degrees, lat_degrees) VALUES (1, ?, ?)", lonReach,
          latReach);
    }
  }

  /**
   * Multi-row INSERTs. The EWKB is bound as bytes straight into the geometry columns, which H2
   * stores as they are: no geometry is built on the way in.
   */
  private void insert(List<Row> rows) {
    int whole = rows.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
    List<List<Row>> statements = new ArrayList<>();
    for (int from = 0; from < whole; from += ROWS_PER_STATEMENT) {
      statements.add(rows.subList(from, from + ROWS_PER_STATEMENT));
    }
    ParameterizedPreparedStatementSetter<List<Row>> binder = (statement, batch) -> {
      int parameter = 1;
      for (Row row : batch) {
        statement.setLong(parameter++, row.cell.id());
        statement.setDouble(parameter++, row.cell.population());
        statement.setBytes(parameter++, row.location);
        if (row.polygon == null) {
          statement.setNull(parameter++, Types.VARBINARY);
        } else {
          statement.setBytes(parameter++, row.polygon);
        }
        statement.setDouble(parameter++, row.lon);
        statement.setDouble(parameter++, row.lat);
        statement.setDouble(parameter++, row.extent.getMinX());
        statement.setDouble(parameter++, row.extent.getMinY());
        statement.setDouble(parameter++, row.extent.getMaxX());
        statement.setDouble(parameter++, row.extent.getMaxY());
        statement.setLong(parameter++, row.gridKey);
      }
    };
    if (!statements.isEmpty()) {
      jdbc.batchUpdate(insertSql(ROWS_PER_STATEMENT), statements, STATEMENTS_PER_BATCH, binder);
    }
    if (whole < rows.size()) {
      jdbc.batchUpdate(insertSql(rows.size() - whole), List.of(rows.subList(whole, rows.size())), 1, binder);
    }
  }

  private static String insertSql(int rows) {
    return INSERT + String.join(", ", Collections.nCopies(rows, INSERT_ROW));
  }

  /**
   * PostgreSQL's COPY in text form, on the transaction's connection: one round trip per batch and
   * no statement to plan per row. Geometry goes as hex EWKB, which PostGIS reads directly; doubles
   * as Java's shortest exact decimal form, which PostgreSQL reads back to the same bits.
   */
  private void copy(List<Row> rows) {
    HexFormat hex = HexFormat.of();
    StringBuilder text = new StringBuilder(rows.size() * 360);
    for (Row row : rows) {
      text.append(row.cell.id()).append('\t').append(row.cell.population()).append('\t');
      hex.formatHex(text, row.location).append('\t');
      if (row.polygon == null) {
        text.append("\\N");
      } else {
        hex.formatHex(text, row.polygon);
      }
      text.append('\t').append(row.lon).append('\t').append(row.lat)
          .append('\t').append(row.extent.getMinX()).append('\t').append(row.extent.getMinY())
          .append('\t').append(row.extent.getMaxX()).append('\t').append(row.extent.getMaxY())
          .append('\t').append(row.gridKey).append('\n');
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(text.toString()));
    } catch (SQLException | IOException e) {
      throw new DataAccessResourceFailureException("population cells could not be written: " + e.getMessage(), e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /**
   * EWKB: the little-endian WKB of {@code geometry} with SRID 4326 in its header (flag 0x20000000
   * on the type, then the SRID), whatever SRID the object carries.
   */
  private static byte[] ewkb(WKBWriter writer, Geometry geometry) {
    byte[] wkb = writer.write(geometry);
    byte[] ewkb = new byte[wkb.length + 4];
    System.arraycopy(wkb, 0, ewkb, 0, 5);
    ewkb[4] |= (byte) (EWKB_SRID_FLAG >>> 24);
    ewkb[5] = (byte) (4326 & 0xff);
    ewkb[6] = (byte) (4326 >>> 8);
    System.arraycopy(wkb, 5, ewkb, 9, wkb.length - 5);
    return ewkb;
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
    return jdbc.queryForObject("SELECT COUNT(*), SUM(population), MIN(min_lon), MIN(min_lat), MAX(max_lon),"
        + " MAX(max_lat) FROM population_cell", (rs, rowNum) -> {
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
        : jdbc.queryForObject(inBox("SELECT COUNT(*) FROM (", "SELECT id", bbox, ") counted"), Long.class,
            args(bbox));
    return count == null ? 0 : count;
  }

  @Override
  public List<PopulationCell> find(Envelope bbox, int limit) {
    if (bbox == null) {
      return jdbc.query("SELECT " + COLUMNS + " FROM population_cell ORDER BY id LIMIT ?", cellMapper(), limit);
    }
    // the geometry is decoded for the page only, not for every candidate
    String page = inBox("SELECT id FROM (", "SELECT id", bbox, ") found ORDER BY id LIMIT ?");
    List<Long> ids = jdbc.queryForList(page, Long.class, append(args(bbox), limit));
    List<PopulationCell> cells = new ArrayList<>(byIds(ids, COLUMNS, cellMapper()).values());
    cells.sort((a, b) -> Long.compare(a.id(), b.id()));
    return cells;
  }

  @Override
  public List<PopulationBin> aggregate(Envelope bbox, double binWidthDegrees, double binHeightDegrees) {
    double originLon = bbox.getMinX();
    double originLat = bbox.getMinY();
    String sql = "SELECT gx, gy, COUNT(*), SUM(p), SUM(x * p), SUM(y * p) FROM ("
        + "SELECT FLOOR((lon - ?) / ?) AS gx, FLOOR((lat - ?) / ?) AS gy, lon AS x, lat AS y, population AS p"
        + " FROM (" + inBox("", "SELECT lon, lat, population", bbox, "") + ") candidates"
        + ") binned GROUP BY gx, gy ORDER BY gy, gx";
    Object[] args = append(new Object[] {originLon, binWidthDegrees, originLat, binHeightDegrees}, args(bbox));
    return jdbc.query(sql, (rs, rowNum) -> {
      double minLon = originLon + rs.getDouble(1) * binWidthDegrees;
      double minLat = originLat + rs.getDouble(2) * binHeightDegrees;
      double population = rs.getDouble(4);
      return new PopulationBin(minLon, minLat, minLon + binWidthDegrees, minLat + binHeightDegrees,
          rs.getLong(3), population, rs.getDouble(5) / population, rs.getDouble(6) / population);
    }, args);
  }

  /**
   * SQL selecting {@code select} (a select list over population_cell) for the cells whose location
   * lies in {@code box}, wrapped in {@code before} and {@code after}; its parameters are {@link
   * #args(Envelope)} of the same box.
   */
  private String inBox(String before, String select, Envelope box, String after) {
    return before + candidates(select, box, LOCATION_IN_BOX) + after;
  }

  private Object[] args(Envelope box) {
    return candidateArgs(box, box);
  }

  /**
   * The candidate rows for a box with an exact condition on the stored numbers. PostGIS finds them
   * with its GiST index on the location; the embedded store with one key range per row of grid
   * squares that {@code keyBox} touches (UNION ALL of index range scans), or one pass over the table
   * when the box spans more rows than that pays for.
   */
  private String candidates(String select, Envelope keyBox, String exact) {
    String from = " FROM population_cell WHERE ";
    if (postgis) {
      return select + from + "geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND " + exact;
    }
    long rows = gridRow(keyBox.getMaxY()) - gridRow(keyBox.getMinY()) + 1;
    if (rows > MAX_GRID_ROWS) {
      return select + from + exact;
    }
    List<String> ranges = new ArrayList<>();
    for (long row = 0; row < rows; row++) {
      ranges.add(select + from + "grid_key BETWEEN ? AND ? AND " + exact);
    }
    return String.join(" UNION ALL ", ranges);
  }

  /** The parameters of {@link #candidates}: the key box's, then the exact condition's box, per branch. */
  private Object[] candidateArgs(Envelope keyBox, Envelope exactBox) {
    Object[] exact = {exactBox.getMinX(), exactBox.getMaxX(), exactBox.getMinY(), exactBox.getMaxY()};
    if (postgis) {
      return append(corners(keyBox), exact);
    }
    long firstRow = gridRow(keyBox.getMinY());
    long rows = gridRow(keyBox.getMaxY()) - firstRow + 1;
    if (rows > MAX_GRID_ROWS) {
      return exact;
    }
    long westColumn = gridColumn(keyBox.getMinX());
    long eastColumn = gridColumn(keyBox.getMaxX());
    List<Object> args = new ArrayList<>();
    for (long row = firstRow; row < firstRow + rows; row++) {
      args.add(row * GRID_COLUMNS + westColumn);
      args.add(row * GRID_COLUMNS + eastColumn);
      args.addAll(Arrays.asList(exact));
    }
    return args.toArray();
  }

  /**
   * The box in which the location of every cell overlapping {@code envelope} lies: the envelope
   * widened by how far any stored polygon reaches from its cell's location.
   */
  private Envelope locationsOfCellsOverlapping(Envelope envelope) {
    // no row: no cells, or none inserted yet
    List<double[]> reach = jdbc.query("SELECT lon_degrees, lat_degrees FROM population_cell_reach WHERE id = 1",
        (rs, rowNum) -> new double[] {rs.getDouble(1), rs.getDouble(2)});
    Envelope widened = new Envelope(envelope);
    if (!reach.isEmpty()) {
      widened.expandBy(reach.get(0)[0], reach.get(0)[1]);
    }
    return widened;
  }

  /**
   * The SQL (appended to {@code sql}) and parameters selecting {@code select} for the cells that may
   * overlap {@code envelope}: on PostGIS from the two GiST indexes (polygons, then the locations of
   * cells without one: two index scans answer better than one OR), on the embedded store from the
   * grid keys of the locations in the envelope widened by the cells' reach; both then test the
   * stored envelope exactly.
   */
  private Object[] overlappingQuery(String select, Envelope envelope, StringBuilder sql) {
    Object[] exact = {envelope.getMinX(), envelope.getMaxX(), envelope.getMinY(), envelope.getMaxY()};
    if (postgis) {
      sql.append(select).append(" FROM population_cell WHERE cell_geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ")
          .append(EXTENT_MEETS_BOX).append(" UNION ALL ").append(select)
          .append(" FROM population_cell WHERE cell_geom IS NULL AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ")
          .append(EXTENT_MEETS_BOX);
      return append(append(corners(envelope), exact), append(corners(envelope), exact));
    }
    Envelope keyBox = locationsOfCellsOverlapping(envelope);
    sql.append(candidates(select, keyBox, EXTENT_MEETS_BOX));
    return candidateArgs(keyBox, envelope);
  }

  @Override
  public List<PopulationCell> findOverlapping(Envelope envelope) {
    StringBuilder sql = new StringBuilder();
    Object[] args = overlappingQuery("SELECT " + COLUMNS, envelope, sql);
    return jdbc.query(sql.toString(), cellMapper(), args);
  }

  @Override
  public void forEachOverlapping(Envelope envelope, Consumer<PopulationCell> action) {
    StringBuilder sql = new StringBuilder();
    Object[] args = overlappingQuery("SELECT " + COLUMNS, envelope, sql);
    RowMapper<PopulationCell> cells = cellMapper();
    streaming.query(sql.toString(), (ResultSet rs) -> {
      action.accept(cells.mapRow(rs, 0));
    }, args);
  }

  @Override
  public void forEachExtentOverlapping(Envelope envelope, Consumer<PopulationCellExtent> action) {
    StringBuilder sql = new StringBuilder();
    Object[] args = overlappingQuery("SELECT " + EXTENT_COLUMNS, envelope, sql);
    streaming.query(sql.toString(), (ResultSet rs) -> {
      action.accept(new PopulationCellExtent(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
          rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
    }, args);
  }

  @Override
  public void forEachExtentOverlappingAny(List<Envelope> envelopes, Consumer<PopulationCellExtent> action) {
    Envelope joint = new Envelope();
    envelopes.forEach(joint::expandToInclude);
    if (postgis || envelopes.size() < 2) {
      forEachExtentOverlapping(joint, action);
      return;
    }
    // per row of grid squares, the merged column spans of every widened envelope: each cell's key
    // lies in at most one span, so no cell is read twice
    java.util.TreeMap<Long, List<long[]>> spansByRow = new java.util.TreeMap<>();
    for (Envelope envelope : envelopes) {
      Envelope keyBox = locationsOfCellsOverlapping(envelope);
      for (long row = gridRow(keyBox.getMinY()); row <= gridRow(keyBox.getMaxY()); row++) {
        spansByRow.computeIfAbsent(row, r -> new ArrayList<>())
            .add(new long[] {gridColumn(keyBox.getMinX()), gridColumn(keyBox.getMaxX())});
      }
    }
    List<Object> args = new ArrayList<>();
    List<String> branches = new ArrayList<>();
    String branch = "SELECT " + EXTENT_COLUMNS + " FROM population_cell WHERE grid_key BETWEEN ? AND ? AND "
        + EXTENT_MEETS_BOX;
    for (var row : spansByRow.entrySet()) {
      List<long[]> spans = row.getValue();
      spans.sort((a, b) -> Long.compare(a[0], b[0]));
      long[] open = null;
      for (long[] span : spans) {
        if (open != null && span[0] <= open[1] + 1) {
          open[1] = Math.max(open[1], span[1]);
          continue;
        }
        if (open != null) {
          addSpan(branches, args, branch, row.getKey(), open, joint);
        }
        open = span.clone();
      }
      addSpan(branches, args, branch, row.getKey(), open, joint);
    }
    if (branches.size() > MAX_KEY_RANGES) {
      forEachExtentOverlapping(joint, action);
      return;
    }
    streaming.query(String.join(" UNION ALL ", branches), (ResultSet rs) -> {
      action.accept(new PopulationCellExtent(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
          rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
    }, args.toArray());
  }

  private static void addSpan(List<String> branches, List<Object> args, String branch, long row, long[] span,
      Envelope exact) {
    branches.add(branch);
    args.add(row * GRID_COLUMNS + span[0]);
    args.add(row * GRID_COLUMNS + span[1]);
    args.addAll(List.of(exact.getMinX(), exact.getMaxX(), exact.getMinY(), exact.getMaxY()));
  }

  @Override
  public Map<Long, Geometry> cellPolygons(Collection<Long> ids) {
    WKBReader wkb = new WKBReader(WGS84);
    Map<Long, Geometry> polygons = new HashMap<>();
    byIds(ids, "id, ST_AsBinary(cell_geom) AS cell_wkb", (rs, rowNum) -> {
      byte[] bytes = rs.getBytes(2);
      return bytes == null ? null : Map.entry(rs.getLong(1), read(wkb, bytes, rs.getLong(1)));
    }).values().forEach(entry -> {
      if (entry != null) {
        polygons.put(entry.getKey(), entry.getValue());
      }
    });
    return polygons;
  }

  /** Rows looked up by primary key, in lookups of {@link #IDS_PER_LOOKUP}; by id. */
  private <T> Map<Long, T> byIds(Collection<Long> ids, String columns, RowMapper<T> mapper) {
    Map<Long, T> found = new HashMap<>();
    List<Long> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += IDS_PER_LOOKUP) {
      List<Long> part = all.subList(from, Math.min(all.size(), from + IDS_PER_LOOKUP));
      String sql = "SELECT " + columns + " FROM population_cell WHERE id IN ("
          + String.join(", ", Collections.nCopies(part.size(), "?")) + ")";
      jdbc.query(sql, (ResultSet rs) -> {
        long id = rs.getLong("id");
        found.put(id, mapper.mapRow(rs, 0));
      }, part.toArray());
    }
    return found;
  }

  @Override
  public PopulationCells loadAll() {
    Long expected = jdbc.queryForObject("SELECT COUNT(*) FROM population_cell", Long.class);
    // the polygons are not read here (that is the point), so whether they are envelopes is unknown
    PopulationCells.Builder arrays = new PopulationCells.Builder(expected == null ? 0 : expected.intValue())
        .polygonsUnknown();
    streaming.query("SELECT " + EXTENT_COLUMNS + " FROM population_cell ORDER BY id",
        (ResultSet rs) -> {
          arrays.add(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
              rs.getDouble(6), rs.getDouble(7), rs.getDouble(8));
        });
    return arrays.build();
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
