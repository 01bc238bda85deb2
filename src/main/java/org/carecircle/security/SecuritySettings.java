package org.carecircle.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code carecircle.security.*} settings.
 *
 * @param adminPassword password of the user {@code admin} created on the first start with no users
 *     (environment {@code CARECIRCLE_ADMIN_PASSWORD}); empty: a one-time password is printed in the
 *     log and must be changed at the first sign-in. Ignored once any user exists
 * @param bcryptStrength log2 of the bcrypt rounds for new password hashes, 4..31; default 10
 *     (about 0.1 s per sign-in check). Existing hashes keep the strength they were made with
 * @param login the sign-in rate limit
 */
@ConfigurationProperties("carecircle.security")
public record SecuritySettings(String adminPassword, Integer bcryptStrength, LoginLimit login) {
  public static final int DEFAULT_BCRYPT_STRENGTH = 10;

  public SecuritySettings {
    adminPassword = adminPassword == null ? "" : adminPassword;
    bcryptStrength = bcryptStrength == null ? DEFAULT_BCRYPT_STRENGTH : bcryptStrength;
    login = login == null ? new LoginLimit(null, null, null, null) : login;
    if (bcryptStrength < 4 || bcryptStrength > 31) {
      throw new IllegalArgumentException("carecircle.security.bcrypt-strength must be 4..31, was " + bcryptStrength);
    }
  }

  /**
   * After {@code maxFailuresPerName} failed sign-ins for one user name, or {@code
   * maxFailuresPerAddress} from one IP address, within {@code window}, further sign-ins for that
   * name or from that address are refused (429) for {@code lockout}.
   *
   * @param maxFailuresPerName failures of one user name that lock it, &ge; 1; default 5
   * @param maxFailuresPerAddress failures from one IP address that lock it, &ge; 1; default 5.
   *     Raise it when many users sign in through one proxy or NAT address
   * @param window how far back failures count; default 15 minutes
   * @param lockout how long sign-ins are refused; default 5 minutes
   */
  public record LoginLimit(Integer maxFailuresPerName, Integer maxFailuresPerAddress, Duration window,
      Duration lockout) {
    public static final int DEFAULT_MAX_FAILURES = 5;

    public LoginLimit {
      maxFailuresPerName = maxFailuresPerName == null ? DEFAULT_MAX_FAILURES : maxFailuresPerName;
      maxFailuresPerAddress = maxFailuresPerAddress == null ? DEFAULT_MAX_FAILURES : maxFailuresPerAddress;
      window = window == null ? Duration.ofMinutes(15) : window;
      lockout = lockout == null ? Duration.ofMinutes(5) : lockout;
      if (maxFailuresPerName < 1 || maxFailuresPerAddress < 1) {
        throw new IllegalArgumentException("carecircle.security.login.max-failures-per-name and -per-address must be"
            + " >= 1, were " + maxFailuresPerName + " and " + maxFailuresPerAddress);
      }
    }
  }
}
