package org.carecircle.security;

import java.time.Instant;

/**
 * A user as stored.
 *
 * @param id store id
 * @param name sign-in name, 1..64 characters of letters, digits, {@code . _ -}
 * @param passwordHash DelegatingPasswordEncoder hash ({@code {bcrypt}$2a$…}); never sent out
 * @param role the one role
 * @param enabled false: cannot sign in, existing sessions and tokens stop working
 * @param mustChangePassword true after a one-time or reset password: only the password change
 *     is allowed until done
 * @param createdAt when the user was created
 */
public record UserAccount(long id, String name, String passwordHash, Role role, boolean enabled,
    boolean mustChangePassword, Instant createdAt) {}
