package org.carecircle.security;

import java.util.List;
import java.util.Optional;

/** The users and their API tokens, in the store (H2GIS or PostGIS). */
public interface UserRepository {
  /** The user with exactly this name (names are case-sensitive), or empty. */
  Optional<UserAccount> findByName(String name);

  /** All users, by name. */
  List<UserAccount> findAll();

  long count();

  /**
   * Stores a new user, enabled.
   *
   * @return the new user's id
   * @throws org.springframework.dao.DuplicateKeyException when the name is taken
   */
  long insert(String name, String passwordHash, Role role, boolean mustChangePassword);

  /** @return false when there is no such user */
  boolean updateRole(String name, Role role);

  /** @return false when there is no such user */
  boolean updateEnabled(String name, boolean enabled);

  /** @return false when there is no such user */
  boolean updatePassword(String name, String passwordHash, boolean mustChangePassword);

  /**
   * Stores a token for its owner.
   *
   * @param tokenSha256 lower-case hex SHA-256 of the token
   * @return the token's id
   * @throws org.springframework.dao.DuplicateKeyException when the owner has a token of that name
   */
  long insertToken(long userId, String name, String tokenSha256);

  /**
   * The name of the owner of the token with this SHA-256, or empty; notes the use, to the minute
   * (a use within a minute of the recorded one is not written again).
   */
  Optional<String> useToken(String tokenSha256);

  /** The owner's tokens, newest first. */
  List<ApiToken> findTokens(long userId);

  /** @return false when the owner has no such token */
  boolean deleteToken(long userId, long tokenId);
}
