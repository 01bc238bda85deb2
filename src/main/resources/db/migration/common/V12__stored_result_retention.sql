-- Retention of stored analysis results: a result the planner names is kept; unnamed results are
-- removed by the scheduled clean-up once they are older than carecircle.retention.max-age and not
-- among the newest carecircle.retention.keep-newest (siting runs a scenario refers to are kept
-- too). The same SQL runs on H2GIS and PostGIS, hence db/migration/common.
ALTER TABLE coverage_zone_set ADD COLUMN name VARCHAR(200);
ALTER TABLE accessibility_result ADD COLUMN name VARCHAR(200);
ALTER TABLE siting_run ADD COLUMN name VARCHAR(200);
CREATE INDEX coverage_zone_set_created_idx ON coverage_zone_set (created_at);
CREATE INDEX accessibility_result_created_idx ON accessibility_result (created_at);
CREATE INDEX siting_run_created_idx ON siting_run (created_at);
