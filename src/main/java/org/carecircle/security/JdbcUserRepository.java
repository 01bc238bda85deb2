package org.carecircle.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carecircle.system.GeneratedIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@link UserRepository} on JDBC; plain SQL that H2GIS and PostGIS both run. */
@Repository
public class JdbcUserRepository implements UserRepository {
  /** How exact a token's last use is kept: a use within this of the recorded one is not written. */
  static final java.time.Duration TOKEN_USE_RESOLUTION = java.time.Duration.ofMinutes(1);

  private static final String COLUMNS = "id, name, password_hash, role, enabled, must_change_password, created_at";
  private final JdbcTemplate jdbc;

  public JdbcUserRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<UserAccount> findByName(String name) {
    return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE name = ?", JdbcUserRepository::account, name)
        .stream().findFirst();
  }

  @Override
  public List<UserAccount> findAll() {
    return jdbc.query("SELECT " + COLUMNS + " FROM app_user ORDER BY name", JdbcUserRepository::account);
  }

  @Override
  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Long.class);
    return count == null ? 0 : count;
  }

  @Override
  public long insert(String name, String passwordHash, Role role, boolean mustChangePassword) {
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("INSERT INTO app_user (name, password_hash, role,"
          + " must_change_password) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
      statement.setString(1, name);
      statement.setString(2, passwordHash);
      statement.setString(3, role.code());
      statement.setBoolean(4, mustChangePassword);
      return statement;
    }, keys);
    return GeneratedIds.idOf(keys);
  }

  @Override
  public boolean updateRole(String name, Role role) {
    return jdbc.update("UPDATE app_user SET role = ? WHERE name = ?", role.code(), name) > 0;
  }

  @Override
  public boolean updateEnabled(String name, boolean enabled) {
    return jdbc.update("UPDATE app_user SET enabled = ? WHERE name = ?", enabled, name) > 0;
  }

  @Override
  public boolean updatePassword(String name, String passwordHash, boolean mustChangePassword) {
    return jdbc.update("UPDATE app_user SET password_hash = ?, must_change_password = ? WHERE name = ?",
        passwordHash, mustChangePassword, name) > 0;
  }

  @Override
  public long insertToken(long userId, String name, String tokenSha256) {
    var keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("INSERT INTO api_token (user_id, name, token_sha256)"
          + " VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
      statement.setLong(1, userId);
      statement.setString(2, name);
      statement.setString(3, tokenSha256);
      return statement;
    }, keys);
    return GeneratedIds.idOf(keys);
  }

  @Override
  public Optional<String> useToken(String tokenSha256) {
    record Use(String owner, java.sql.Timestamp lastUsedAt) {}
    Optional<Use> use = jdbc.query("SELECT u.name, t.last_used_at FROM api_token t JOIN app_user u ON u.id = t.user_id"
        + " WHERE t.token_sha256 = ?", (rs, n) -> new Use(rs.getString(1), rs.getTimestamp(2)), tokenSha256)
        .stream().findFirst();
    // a script signs in on every request: writing the time each time would cost a commit per call
    use.filter(u -> u.lastUsedAt() == null
            || u.lastUsedAt().toInstant().isBefore(java.time.Instant.now().minus(TOKEN_USE_RESOLUTION)))
        .ifPresent(u -> jdbc.update("UPDATE api_token SET last_used_at = CURRENT_TIMESTAMP WHERE token_sha256 = ?",
            tokenSha256));
    return use.map(Use::owner);
  }

  @Override
  public List<ApiToken> findTokens(long userId) {
    return jdbc.query("SELECT id, name, created_at, last_used_at FROM api_token WHERE user_id = ?"
        + " ORDER BY created_at DESC, id DESC", (rs, n) -> new ApiToken(rs.getLong(1), rs.getString(2),
        instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))), userId);
  }

  @Override
  public boolean deleteToken(long userId, long tokenId) {
    return jdbc.update("DELETE FROM api_token WHERE user_id = ? AND id = ?", userId, tokenId) > 0;
  }

  private static UserAccount account(ResultSet rs, int row) throws SQLException {
    String roleCode = rs.getString(4);
    Role role = Role.fromCode(roleCode)
        .orElseThrow(() -> new IllegalStateException("unknown role in app_user: " + roleCode));
    return new UserAccount(rs.getLong(1), rs.getString(2), rs.getString(3), role, rs.getBoolean(5),
        rs.getBoolean(6), instant(rs.getTimestamp(7)));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
