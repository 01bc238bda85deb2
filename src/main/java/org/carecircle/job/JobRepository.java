package org.carecircle.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code background_job} table on JDBC, for H2GIS and PostGIS alike (plain columns,
 * timestamps as {@link OffsetDateTime} in UTC). Every state change is a conditional update, so
 * that two instances acting on one job at the same time (a cancel on B while A starts it, two
 * instances failing the same orphan) agree on one outcome: the method reports whether it won.
 */
class JobRepository {
  /** The table db-scheduler keeps its executions in (V11). */
  static final String EXECUTION_TABLE = "job_execution";
  /** H2's message column is VARCHAR(4000); longer messages are cut. */
  private static final int MAX_MESSAGE_LENGTH = 4000;
  private static final String COLUMNS = "id, kind, instance_id, state, progress, message, result_json, error_json,"
      + " cancel_requested, committed, temp_files, submitted_at, started_at, finished_at, heartbeat_at";

  private final JdbcTemplate jdbc;

  JobRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(JobRow row) {
    jdbc.update("INSERT INTO background_job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.id(), row.kind(), row.instanceId(), code(row.state()), row.progress(), cut(row.message()),
        row.resultJson(), row.errorJson(), row.cancelRequested(), row.committed(),
        row.tempFiles().isEmpty() ? null : String.join("\n", row.tempFiles()), time(row.submittedAt()),
        time(row.startedAt()), time(row.finishedAt()), time(row.heartbeatAt()));
  }

  Optional<JobRow> find(String id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM background_job WHERE id = ?", this::mapRow, id).stream()
        .findFirst();
  }

  /** The rows with these ids (those that still exist). */
  List<JobRow> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", ids.stream().map(id -> "?").toList());
    return jdbc.query("SELECT " + COLUMNS + " FROM background_job WHERE id IN (" + marks + ")", this::mapRow,
        ids.toArray());
  }

  /** Every job, newest first. */
  List<JobRow> listNewestFirst() {
    return jdbc.query("SELECT " + COLUMNS + " FROM background_job ORDER BY submitted_at DESC, id", this::mapRow);
  }

  /** queued → running; false when the job is no longer queued (cancelled or interrupted meanwhile). */
  boolean markRunning(String id, Instant startedAt, String message) {
    return jdbc.update("UPDATE background_job SET state = 'running', started_at = ?, message = ? WHERE id = ?"
        + " AND state = 'queued'", time(startedAt), cut(message), id) == 1;
  }

  /** Writes the final state; false when the job had already finished (e.g. failed as an orphan). */
  boolean finish(String id, JobState state, double progress, String message, String resultJson, String errorJson,
      Instant finishedAt) {
    return jdbc.update("UPDATE background_job SET state = ?, progress = ?, message = ?, result_json = ?,"
        + " error_json = ?, finished_at = ? WHERE id = ? AND finished_at IS NULL", code(state), progress,
        cut(message), resultJson, errorJson, time(finishedAt), id) == 1;
  }

  /** queued → cancelled; false when the job is no longer queued. */
  boolean cancelQueued(String id, String message, Instant finishedAt) {
    return jdbc.update("UPDATE background_job SET state = 'cancelled', message = ?, finished_at = ? WHERE id = ?"
        + " AND state = 'queued'", cut(message), time(finishedAt), id) == 1;
  }

  /** Flags a running job that has not passed its commit point; false when it was not such a job. */
  boolean requestCancel(String id, String message) {
    return jdbc.update("UPDATE background_job SET cancel_requested = TRUE, message = ? WHERE id = ?"
        + " AND state = 'running' AND committed = FALSE", cut(message), id) == 1;
  }

  /** Marks the commit point; false when a cancel was requested first (the job must stop). */
  boolean commit(String id) {
    return jdbc.update("UPDATE background_job SET committed = TRUE WHERE id = ? AND cancel_requested = FALSE",
        id) == 1;
  }

  /** The instance is alive: refreshes the heartbeat of its unfinished jobs. */
  void heartbeat(String instanceId, Instant now) {
    jdbc.update("UPDATE background_job SET heartbeat_at = ? WHERE instance_id = ? AND finished_at IS NULL",
        time(now), instanceId);
  }

  /** Writes a running job's progress; the message stays "cancelling" once a cancel was requested. */
  void progress(String id, double progress, String message) {
    jdbc.update("UPDATE background_job SET progress = ?, message = CASE WHEN cancel_requested THEN message"
        + " ELSE ? END WHERE id = ? AND finished_at IS NULL", progress, cut(message), id);
  }

  /** Unfinished jobs of other instances whose heartbeat is older than {@code staleBefore}. */
  List<JobRow> findOrphans(String instanceId, Instant staleBefore) {
    return jdbc.query("SELECT " + COLUMNS + " FROM background_job WHERE finished_at IS NULL AND heartbeat_at < ?"
        + " AND instance_id <> ?", this::mapRow, time(staleBefore), instanceId);
  }

  /** Fails an orphan; false when it finished or its instance came back meanwhile. */
  boolean interrupt(String id, Instant staleBefore, String message, String errorJson, Instant finishedAt) {
    return jdbc.update("UPDATE background_job SET state = 'failed', message = ?, error_json = ?, finished_at = ?"
        + " WHERE id = ? AND finished_at IS NULL AND heartbeat_at < ?", cut(message), errorJson, time(finishedAt),
        id, time(staleBefore)) == 1;
  }

  /** Forgets jobs that finished before {@code instant}. */
  int deleteFinishedBefore(Instant instant) {
    return jdbc.update("DELETE FROM background_job WHERE finished_at < ?", time(instant));
  }

  /** Removes db-scheduler's execution of a job (a cancelled or orphaned one that will never run). */
  void deleteExecution(String id) {
    jdbc.update("DELETE FROM " + EXECUTION_TABLE + " WHERE task_instance = ?", id);
  }

  private JobRow mapRow(ResultSet rs, int rowNum) throws SQLException {
    String tempFiles = rs.getString("temp_files");
    return new JobRow(
        rs.getString("id"),
        rs.getString("kind"),
        rs.getString("instance_id"),
        JobState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
        rs.getDouble("progress"),
        rs.getString("message"),
        rs.getString("result_json"),
        rs.getString("error_json"),
        rs.getBoolean("cancel_requested"),
        rs.getBoolean("committed"),
        tempFiles == null || tempFiles.isEmpty() ? List.of() : Arrays.asList(tempFiles.split("\n")),
        instant(rs, "submitted_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        instant(rs, "heartbeat_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String code(JobState state) {
    return state.code();
  }

  private static String cut(String message) {
    return message == null || message.length() <= MAX_MESSAGE_LENGTH ? message
        : message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
  }
}
