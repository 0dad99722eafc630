package io.tokenledger.query.user;

import java.time.Instant;

/** A user account as the read table knows it. */
public record UserAccount(String userId, String username, String email, String passwordHash, Instant createdAt) {
}
