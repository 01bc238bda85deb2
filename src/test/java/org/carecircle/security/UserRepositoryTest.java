package org.carecircle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import javax.sql.DataSource;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestStores.Store;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same user repository contract on a real H2GIS and a real PostGIS. Names are unique per run:
 * the PostGIS test database is shared with the application tests, whose admin must stay.
 */
class UserRepositoryTest {
  private static JdbcUserRepository repository(Store store) {
    DataSource dataSource = TestStores.dataSource(store);
    return new JdbcUserRepository(new JdbcTemplate(dataSource));
  }

  private static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aStoredUserIsFoundByExactNameAndKeepsItsChanges(Store store) {
    var users = repository(store);
    String name = uniqueName("repo-planner");
    long before = users.count();
    long id = users.insert(name, "{bcrypt}hash-1", Role.PLANNER, true);

    UserAccount stored = users.findByName(name).orElseThrow();
    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.role()).isEqualTo(Role.PLANNER);
    assertThat(stored.enabled()).isTrue();
    assertThat(stored.mustChangePassword()).isTrue();
    assertThat(stored.passwordHash()).isEqualTo("{bcrypt}hash-1");
    assertThat(stored.createdAt()).isNotNull();
    assertThat(users.count()).isEqualTo(before + 1);
    // names are case-sensitive: "Repo-…" is somebody else
    assertThat(users.findByName(name.toUpperCase())).isEmpty();
    assertThat(users.findAll()).extracting(UserAccount::name).contains(name);

    assertThat(users.updateRole(name, Role.VIEWER)).isTrue();
    assertThat(users.updateEnabled(name, false)).isTrue();
    assertThat(users.updatePassword(name, "{bcrypt}hash-2", false)).isTrue();
    UserAccount changed = users.findByName(name).orElseThrow();
    assertThat(changed.role()).isEqualTo(Role.VIEWER);
    assertThat(changed.enabled()).isFalse();
    assertThat(changed.mustChangePassword()).isFalse();
    assertThat(changed.passwordHash()).isEqualTo("{bcrypt}hash-2");

    assertThat(users.updateRole("nobody-" + name, Role.ADMIN)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aTakenNameIsRefusedByTheStore(Store store) {
    var users = repository(store);
    String name = uniqueName("repo-twice");
    users.insert(name, "{bcrypt}a", Role.VIEWER, false);
    assertThatThrownBy(() -> users.insert(name, "{bcrypt}b", Role.ADMIN, false)).isInstanceOf(DuplicateKeyException.class);
    assertThat(users.findByName(name).orElseThrow().role()).isEqualTo(Role.VIEWER);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aTokenIsFoundByItsHashUntilDeletedAndOnlyByItsOwner(Store store) {
    var users = repository(store);
    String owner = uniqueName("repo-owner");
    String other = uniqueName("repo-other");
    long ownerId = users.insert(owner, "{bcrypt}a", Role.PLANNER, false);
    long otherId = users.insert(other, "{bcrypt}b", Role.VIEWER, false);
    String hash = AccountService.sha256("cc_" + owner);

    long tokenId = users.insertToken(ownerId, "nightly import", hash);
    assertThatThrownBy(() -> users.insertToken(ownerId, "nightly import", AccountService.sha256("cc_x" + owner)))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(users.findTokens(ownerId)).singleElement().satisfies(token -> {
      assertThat(token.id()).isEqualTo(tokenId);
      assertThat(token.name()).isEqualTo("nightly import");
      assertThat(token.lastUsedAt()).isNull();
    });

    assertThat(users.useToken(hash)).contains(owner);
    java.time.Instant firstUse = users.findTokens(ownerId).get(0).lastUsedAt();
    assertThat(firstUse).isNotNull();
    // used again within the minute: the owner is found, the recorded time is not rewritten
    assertThat(users.useToken(hash)).contains(owner);
    assertThat(users.findTokens(ownerId).get(0).lastUsedAt()).isEqualTo(firstUse);
    assertThat(users.useToken(AccountService.sha256("cc_unknown"))).isEmpty();

    // somebody else cannot revoke it
    assertThat(users.deleteToken(otherId, tokenId)).isFalse();
    assertThat(users.useToken(hash)).contains(owner);
    assertThat(users.deleteToken(ownerId, tokenId)).isTrue();
    assertThat(users.useToken(hash)).isEmpty();
    assertThat(users.findTokens(ownerId)).isEmpty();
  }
}
