package org.carecircle.security;

import java.time.Instant;

/**
 * A personal API token as listed: the token itself is shown once when created and never stored
 * (only its SHA-256).
 *
 * @param id store id, used to revoke it
 * @param name the owner's label ("nightly import")
 * @param createdAt when it was created
 * @param lastUsedAt when a request last signed in with it (to the minute), or null
 */
public record ApiToken(long id, String name, Instant createdAt, Instant lastUsedAt) {}
