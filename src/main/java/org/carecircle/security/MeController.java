package org.carecircle.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account: who am I, my password, my API tokens. Any role. */
@RestController
public class MeController {
  private final AccountService accounts;
  private final CurrentUser currentUser;

  public MeController(AccountService accounts, CurrentUser currentUser) {
    this.accounts = accounts;
    this.currentUser = currentUser;
  }

  /** @param currentPassword the password now; @param newPassword at least 8 characters */
  public record PasswordChange(String currentPassword, String newPassword) {}

  /** @param name what the token is for, 1..100 characters */
  public record TokenRequest(String name) {}

  /** {name, role, roles (the role and those it includes), mustChangePassword}. */
  @GetMapping("/api/me")
  public Map<String, Object> me() {
    return describe(accounts.user(currentUser.name()));
  }

  /** Changes the signed-in user's password (204); also the way out of a one-time password. */
  @PostMapping("/api/me/password")
  public ResponseEntity<Void> changePassword(@RequestBody PasswordChange change) {
    accounts.changeOwnPassword(currentUser.name(), change.currentPassword(), change.newPassword());
    return ResponseEntity.noContent().build();
  }

  /** Creates a token (201 {id, name, token, createdAt}); the token is in this answer only. */
  @PostMapping("/api/me/tokens")
  public ResponseEntity<AccountService.CreatedToken> createToken(@RequestBody TokenRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED).body(accounts.createToken(currentUser.name(), request.name()));
  }

  /** The user's tokens [{id, name, createdAt, lastUsedAt}], without the tokens themselves. */
  @GetMapping("/api/me/tokens")
  public List<ApiToken> tokens() {
    return accounts.listTokens(currentUser.name());
  }

  /** Revokes a token (204): requests with it answer 401 from now on. */
  @DeleteMapping("/api/me/tokens/{id}")
  public ResponseEntity<Void> revoke(@PathVariable long id) {
    accounts.revokeToken(currentUser.name(), id);
    return ResponseEntity.noContent().build();
  }

  /** A user as the API shows it: no password hash. */
  static Map<String, Object> describe(UserAccount account) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("name", account.name());
    user.put("role", account.role().code());
    user.put("roles", Arrays.stream(Role.values()).filter(account.role()::includes).map(Role::code).toList());
    user.put("enabled", account.enabled());
    user.put("mustChangePassword", account.mustChangePassword());
    user.put("createdAt", account.createdAt());
    return user;
  }
}
