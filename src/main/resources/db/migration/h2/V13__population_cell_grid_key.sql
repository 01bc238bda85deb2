-- Population cells at metropolitan scale on the embedded store, which keeps no R-tree (see V8).
--
-- Each cell gets its location and its extent as plain numbers, so that bounding-box filters and
-- the district sums read doubles instead of decoding a geometry per row, and an integer grid key
-- (the 0.01-degree square holding the location, row-major from 90 S, 180 W) with an ordinary
-- B-tree index, which H2 rolls back safely after a kill. A bounding-box query reads the key ranges
-- of the rows of squares the box touches, then tests the numbers exactly. population_cell_reach
-- records how far any cell's polygon reaches from its location, by which a query for cells
-- overlapping a box widens the box before turning it into key ranges; it has its one row only while
-- there are cells, so that an empty store stays empty (restores require one).
ALTER TABLE population_cell ADD COLUMN lon DOUBLE PRECISION;
ALTER TABLE population_cell ADD COLUMN lat DOUBLE PRECISION;
ALTER TABLE population_cell ADD COLUMN min_lon DOUBLE PRECISION;
ALTER TABLE population_cell ADD COLUMN min_lat DOUBLE PRECISION;
ALTER TABLE population_cell ADD COLUMN max_lon DOUBLE PRECISION;
ALTER TABLE population_cell ADD COLUMN max_lat DOUBLE PRECISION;
ALTER TABLE population_cell ADD COLUMN grid_key BIGINT;
UPDATE population_cell SET lon = ST_X(geom), lat = ST_Y(geom),
  min_lon = ST_XMin(COALESCE(cell_geom, geom)), min_lat = ST_YMin(COALESCE(cell_geom, geom)),
  max_lon = ST_XMax(COALESCE(cell_geom, geom)), max_lat = ST_YMax(COALESCE(cell_geom, geom));
-- the same arithmetic as JdbcPopulationRepository.gridKey, in doubles
UPDATE population_cell SET grid_key =
  CAST(FLOOR((lat + 90) / CAST(0.01 AS DOUBLE PRECISION)) AS BIGINT) * 36001
  + CAST(FLOOR((lon + 180) / CAST(0.01 AS DOUBLE PRECISION)) AS BIGINT);
ALTER TABLE population_cell ALTER COLUMN lon SET NOT NULL;
ALTER TABLE population_cell ALTER COLUMN lat SET NOT NULL;
ALTER TABLE population_cell ALTER COLUMN min_lon SET NOT NULL;
ALTER TABLE population_cell ALTER COLUMN min_lat SET NOT NULL;
ALTER TABLE population_cell ALTER COLUMN max_lon SET NOT NULL;
ALTER TABLE population_cell ALTER COLUMN max_lat SET NOT NULL;
ALTER TABLE population_cell ALTER COLUMN grid_key SET NOT NULL;
CREATE INDEX population_cell_grid_key_idx ON population_cell (grid_key);

CREATE TABLE population_cell_reach (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  lon_degrees DOUBLE PRECISION NOT NULL CHECK (lon_degrees >= 0),
  lat_degrees DOUBLE PRECISION NOT NULL CHECK (lat_degrees >= 0)
);
INSERT INTO population_cell_reach (id, lon_degrees, lat_degrees)
  SELECT 1, COALESCE(MAX(GREATEST(lon - min_lon, max_lon - lon)), 0),
    COALESCE(MAX(GREATEST(lat - min_lat, max_lat - lat)), 0) FROM population_cell HAVING COUNT(*) > 0;
