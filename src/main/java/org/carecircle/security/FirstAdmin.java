package org.carecircle.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a store without users, creates the user {@code admin}: with the configured password
 * ({@code CARECIRCLE_ADMIN_PASSWORD}), or with a one-time password printed once in the log, which
 * must be changed at the first sign-in.
 */
@Component
class FirstAdmin implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
  private final AccountService accounts;
  private final SecuritySettings settings;

  FirstAdmin(AccountService accounts, SecuritySettings settings) {
    this.accounts = accounts;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) {
    accounts.createFirstAdminIfNoUsers(settings.adminPassword()).ifPresent(oneTime -> {
      if (oneTime.isEmpty()) {
        log.info("Created the first user 'admin' with the password from carecircle.security.admin-password"
            + " (CARECIRCLE_ADMIN_PASSWORD)");
      } else {
        log.warn("""

            ************************************************************************
            CareCircle created the first user.  Sign in as:  admin
            One-time password:  {}
            It is shown only this once and must be changed at the first sign-in.
            (Set CARECIRCLE_ADMIN_PASSWORD before the first start to choose it.)
            ************************************************************************""", oneTime);
      }
    });
  }
}
