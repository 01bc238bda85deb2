package org.carecircle.security;

import java.util.List;
import java.util.Map;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** User management for admins: list, create with a role, change role, disable, reset password. */
@RestController
public class UserAdminController {
  private final AccountService accounts;

  public UserAdminController(AccountService accounts) {
    this.accounts = accounts;
  }

  /**
   * @param name sign-in name
   * @param password first password, at least 8 characters
   * @param role viewer, planner or admin
   * @param mustChangePassword whether the user must choose their own password at the first
   *     sign-in; default true
   */
  public record NewUser(String name, String password, String role, Boolean mustChangePassword) {}

  public record RoleChange(String role) {}

  public record EnabledChange(Boolean enabled) {}

  public record PasswordReset(String password) {}

  /** All users [{name, role, roles, enabled, mustChangePassword, createdAt}], by name. */
  @GetMapping("/api/admin/users")
  public List<Map<String, Object>> users() {
    return accounts.listUsers().stream().map(MeController::describe).toList();
  }

  @PostMapping("/api/admin/users")
  public ResponseEntity<Map<String, Object>> create(@RequestBody NewUser user) {
    UserAccount created = accounts.createUser(user.name(), user.password(), user.role(),
        user.mustChangePassword() == null || user.mustChangePassword());
    return ResponseEntity.status(HttpStatus.CREATED).body(MeController.describe(created));
  }

  @PutMapping("/api/admin/users/{name}/role")
  public Map<String, Object> changeRole(@PathVariable String name, @RequestBody RoleChange change) {
    return MeController.describe(accounts.changeRole(name, change.role()));
  }

  /** {enabled: false} disables the user: no sign-in, and their sessions and tokens stop working at once. */
  @PutMapping("/api/admin/users/{name}/enabled")
  public Map<String, Object> setEnabled(@PathVariable String name, @RequestBody EnabledChange change) {
    if (change.enabled() == null) {
      throw new InputRejectedException(InputProblem.ofField("enabled", "enabled must be true or false"));
    }
    return MeController.describe(accounts.setEnabled(name, change.enabled()));
  }

  /** Sets a temporary password that the user must change at the next sign-in. */
  @PutMapping("/api/admin/users/{name}/password")
  public Map<String, Object> resetPassword(@PathVariable String name, @RequestBody PasswordReset reset) {
    return MeController.describe(accounts.resetPassword(name, reset.password()));
  }
}
