package io.tokenledger.query.user;

import java.time.Instant;

/**
 * A user account as the read table knows it.
 *
 * @param disabledAt when it was disabled ({@code UserDisabled}), or null while it may sign in
 */
public record UserAccount(String userId, String username, String email, String passwordHash, Instant createdAt,
                          Instant disabledAt) {

    public boolean disabled() {
        return disabledAt != null;
    }
}
