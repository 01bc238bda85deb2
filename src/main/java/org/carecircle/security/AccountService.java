package org.carecircle.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Users, passwords and API tokens: every change an admin or a user makes to accounts goes through
 * here, checked. At least one enabled admin always remains.
 */
@Service
public class AccountService {
  /** NIST SP 800-63B's minimum for a password a person chooses. */
  public static final int MIN_PASSWORD_LENGTH = 8;
  /** bcrypt reads at most 72 bytes; longer passwords are refused instead of silently cut. */
  public static final int MAX_PASSWORD_BYTES = 72;
  /** Prefix of every API token, so that a leaked one is recognisable (and scanners can find it). */
  public static final String TOKEN_PREFIX = "cc_";
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final int TOKEN_RANDOM_BYTES = 32;
  private static final String ONE_TIME_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int ONE_TIME_LENGTH = 16;

  private final UserRepository users;
  private final PasswordEncoder passwords;
  private final SecureRandom random = new SecureRandom();

  public AccountService(UserRepository users, PasswordEncoder passwords) {
    this.users = users;
    this.passwords = passwords;
  }

  /** A new API token, shown once: {@code token} is never stored, only its SHA-256. */
  public record CreatedToken(long id, String name, String token, Instant createdAt) {}

  public List<UserAccount> listUsers() {
    return users.findAll();
  }

  public UserAccount user(String name) {
    return users.findByName(name).orElseThrow(() -> new NotFoundException("there is no user named '" + name + "'"));
  }

  /**
   * Creates an enabled user.
   *
   * @param mustChangePassword true: the user must choose their own password at the first sign-in
   * @throws InputRejectedException for an invalid or taken name, a weak password or an unknown role
   */
  public UserAccount createUser(String name, String password, String roleCode, boolean mustChangePassword) {
    List<InputProblem> problems = new ArrayList<>();
    if (name == null || !USER_NAME.matcher(name).matches()) {
      problems.add(InputProblem.ofField("name",
          "a user name is 1 to 64 letters, digits or . _ @ - (no spaces), was '" + (name == null ? "" : name) + "'"));
    }
    checkPassword("password", password, name).ifPresent(problems::add);
    Role role = parseRole(roleCode, problems);
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    try {
      users.insert(name, passwords.encode(password), role, mustChangePassword);
    } catch (DuplicateKeyException e) {
      throw new InputRejectedException(InputProblem.ofField("name", "a user named '" + name + "' already exists"));
    }
    return user(name);
  }

  /** Gives a user another role; the last enabled admin keeps theirs. */
  public UserAccount changeRole(String name, String roleCode) {
    List<InputProblem> problems = new ArrayList<>();
    Role role = parseRole(roleCode, problems);
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    UserAccount account = user(name);
    if (account.role() == Role.ADMIN && role != Role.ADMIN) {
      keepOneAdmin(account, "role");
    }
    users.updateRole(name, role);
    return user(name);
  }

  /** Disables or enables a user; a disabled user's sessions and tokens stop working at once. */
  public UserAccount setEnabled(String name, boolean enabled) {
    UserAccount account = user(name);
    if (!enabled && account.role() == Role.ADMIN) {
      keepOneAdmin(account, "enabled");
    }
    users.updateEnabled(name, enabled);
    return user(name);
  }

  /** An admin sets a temporary password; the user must change it at the next sign-in. */
  public UserAccount resetPassword(String name, String password) {
    user(name);
    checkPassword("password", password, name).ifPresent(problem -> {
      throw new InputRejectedException(problem);
    });
    users.updatePassword(name, passwords.encode(password), true);
    return user(name);
  }

  /**
   * A user changes their own password, which ends a must-change state.
   *
   * @throws InputRejectedException when the current password is wrong or the new one is weak or the same
   */
  public void changeOwnPassword(String name, String currentPassword, String newPassword) {
    UserAccount account = user(name);
    if (currentPassword == null || !passwords.matches(currentPassword, account.passwordHash())) {
      throw new InputRejectedException(InputProblem.ofField("currentPassword", "the current password is wrong"));
    }
    checkPassword("newPassword", newPassword, name).ifPresent(problem -> {
      throw new InputRejectedException(problem);
    });
    if (newPassword.equals(currentPassword)) {
      throw new InputRejectedException(InputProblem.ofField("newPassword",
          "the new password must differ from the current one"));
    }
    users.updatePassword(name, passwords.encode(newPassword), false);
  }

  /** Creates a personal API token for the user; the answer is the only place the token appears. */
  public CreatedToken createToken(String userName, String tokenName) {
    String label = tokenName == null ? "" : tokenName.trim();
    if (label.isEmpty() || label.length() > 100) {
      throw new InputRejectedException(InputProblem.ofField("name",
          "a token needs a name of 1 to 100 characters saying what it is for (e.g. 'nightly import')"));
    }
    UserAccount owner = user(userName);
    byte[] secret = new byte[TOKEN_RANDOM_BYTES];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long id;
    try {
      id = users.insertToken(owner.id(), label, sha256(token));
    } catch (DuplicateKeyException e) {
      throw new InputRejectedException(InputProblem.ofField("name", "you already have a token named '" + label + "'"));
    }
    return new CreatedToken(id, label, token, users.findTokens(owner.id()).stream()
        .filter(t -> t.id() == id).findFirst().map(ApiToken::createdAt).orElse(Instant.now()));
  }

  public List<ApiToken> listTokens(String userName) {
    return users.findTokens(user(userName).id());
  }

  /** Revokes one of the user's own tokens: requests with it are refused from now on. */
  public void revokeToken(String userName, long tokenId) {
    if (!users.deleteToken(user(userName).id(), tokenId)) {
      throw new NotFoundException("you have no API token with id " + tokenId);
    }
  }

  /** The owner of a presented token, when it is one of ours and not revoked. */
  public Optional<String> tokenOwner(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    return users.useToken(sha256(token));
  }

  /**
   * Creates the user admin when there are no users at all.
   *
   * @param configuredPassword the configured password, or blank for a one-time password
   * @return the one-time password when one was made (to be shown once), empty otherwise
   */
  Optional<String> createFirstAdminIfNoUsers(String configuredPassword) {
    if (users.count() > 0) {
      return Optional.empty();
    }
    boolean oneTime = configuredPassword == null || configuredPassword.isBlank();
    String password = oneTime ? oneTimePassword() : configuredPassword;
    try {
      users.insert("admin", passwords.encode(password), Role.ADMIN, oneTime);
    } catch (DuplicateKeyException e) {
      // another instance on the same store created it first
      return Optional.empty();
    }
    return oneTime ? Optional.of(password) : Optional.of("");
  }

  private String oneTimePassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < ONE_TIME_LENGTH; i++) {
      password.append(ONE_TIME_ALPHABET.charAt(random.nextInt(ONE_TIME_ALPHABET.length())));
    }
    return password.toString();
  }

  private void keepOneAdmin(UserAccount account, String field) {
    long otherAdmins = users.findAll().stream()
        .filter(u -> u.role() == Role.ADMIN && u.enabled() && u.id() != account.id()).count();
    if (account.enabled() && otherAdmins == 0) {
      throw new InputRejectedException(InputProblem.ofField(field, "'" + account.name()
          + "' is the only enabled admin; make another user admin first, so that someone can still manage users"));
    }
  }

  private static Role parseRole(String roleCode, List<InputProblem> problems) {
    return Role.fromCode(roleCode).orElseGet(() -> {
      problems.add(InputProblem.ofField("role", "the role must be viewer, planner or admin, was '"
          + (roleCode == null ? "" : roleCode) + "'"));
      return null;
    });
  }

  private static Optional<InputProblem> checkPassword(String field, String password, String userName) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      return Optional.of(InputProblem.ofField(field,
          "a password needs at least " + MIN_PASSWORD_LENGTH + " characters"));
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return Optional.of(InputProblem.ofField(field,
          "a password may be at most " + MAX_PASSWORD_BYTES + " bytes long (about 24 Chinese characters)"));
    }
    if (password.equalsIgnoreCase(userName)) {
      return Optional.of(InputProblem.ofField(field, "the password must not be the user name"));
    }
    return Optional.empty();
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
