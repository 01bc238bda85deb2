-- Background jobs shared by every CareCircle instance on this database.
--
-- background_job is what planners see: one row per job from submission until it is forgotten
-- (carecircle.jobs.retention after it finished). The instance that accepted a job runs it and
-- refreshes heartbeat_at while the job is unfinished; a job whose heartbeat is older than
-- carecircle.job-store.instance-timeout belonged to an instance that died and is failed as
-- "interrupted by a restart" by whichever instance notices first, which also removes temp_files.
CREATE TABLE background_job (
  id               VARCHAR(36) PRIMARY KEY,
  kind             VARCHAR(100) NOT NULL,
  -- the instance that runs the job (random per start of CareCircle)
  instance_id      VARCHAR(36) NOT NULL,
  -- queued, running, succeeded, failed, cancelled
  state            VARCHAR(16) NOT NULL,
  progress         DOUBLE PRECISION NOT NULL DEFAULT 0,
  message          VARCHAR(4000),
  -- the work's result and the failure (JobError) as JSON; null until finished
  result_json      CLOB,
  error_json       CLOB,
  -- set by a cancel request from any instance; the running instance polls it
  cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
  -- the job passed its commit point: cancel requests are ignored from then on
  committed        BOOLEAN NOT NULL DEFAULT FALSE,
  -- files and folders the job owns, one absolute path per line; removed when it is interrupted
  temp_files       CLOB,
  submitted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at       TIMESTAMP WITH TIME ZONE,
  finished_at      TIMESTAMP WITH TIME ZONE,
  heartbeat_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX background_job_unfinished ON background_job (finished_at, heartbeat_at);

-- db-scheduler's executions (com.github.kagkarlsson:db-scheduler, table name set in JobService):
-- one row per job waiting for or held by a worker thread of its instance; the columns are the
-- ones the library reads and writes.
CREATE TABLE job_execution (
  task_name            VARCHAR(200) NOT NULL,
  task_instance        VARCHAR(200) NOT NULL,
  task_data            BLOB,
  execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
  picked               BOOLEAN NOT NULL,
  picked_by            VARCHAR(200),
  last_success         TIMESTAMP WITH TIME ZONE,
  last_failure         TIMESTAMP WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat       TIMESTAMP WITH TIME ZONE,
  version              BIGINT NOT NULL,
  priority             SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX job_execution_time ON job_execution (execution_time);
CREATE INDEX job_execution_heartbeat ON job_execution (last_heartbeat);
