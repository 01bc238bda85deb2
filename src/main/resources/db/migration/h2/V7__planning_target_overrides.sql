-- Planning-target changes made through the API or the page. The standards themselves stay in
-- geodata/planning-standards.yaml; a row here replaces one target's pass mark (and, for an access
-- target, its minutes) until it is reset (the row deleted). Keyed by codes, not ids: a target the
-- file no longer has is simply ignored.
CREATE TABLE planning_target_override (
  standard_code VARCHAR(64) NOT NULL,
  target_code   VARCHAR(64) NOT NULL,
  target_value  DOUBLE PRECISION NOT NULL,
  -- null: keep the file's minutes (always null for targets without minutes)
  minutes       DOUBLE PRECISION,
  changed_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (standard_code, target_code)
);
