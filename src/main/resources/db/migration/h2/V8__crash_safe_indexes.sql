-- Crash safety of the embedded store: no R-tree (SPATIAL) indexes.
--
-- H2's MVStore keeps the changes of an open transaction in the file, with an undo log. When the
-- process is killed during a transaction that touched a SPATIAL index (any import), the next
-- start rolls that transaction back through the undo log, which opens the R-tree as an ordinary
-- map and fails with "ValueDataType cannot be cast to SpatialDataType": the store never opens
-- again. Reproduced with H2 2.4.240 and H2GIS 2.2.5 at the first kill, with any WRITE_DELAY;
-- the same tables with B-tree indexes only survived every kill. So the embedded store answers
-- bounding-box queries by scanning; PostGIS, the production store, keeps its GiST indexes.
DROP INDEX IF EXISTS facility_geom_idx;
DROP INDEX IF EXISTS population_cell_geom_idx;
DROP INDEX IF EXISTS population_cell_cell_geom_idx;
DROP INDEX IF EXISTS district_geom_idx;
DROP INDEX IF EXISTS coverage_zone_geom_idx;
