package io.tokenledger.query.user;

import io.tokenledger.events.user.UserRole;

import java.time.Instant;
import java.util.Set;

/**
 * A user account as the read table knows it.
 *
 * @param disabledAt    when it was disabled ({@code UserDisabled}), or null while it may sign in
 * @param name          its full name (OpenID Connect's {@code name}), or null
 * @param emailVerified whether an administrator said its email was verified
 * @param updatedAt     when the account last changed (OpenID Connect's {@code updated_at})
 * @param roles         what its tokens may open of the ledger's own APIs
 * @param erasedAt      when the person was erased ({@code UserErased}), or null: their username and email are then
 *                      {@code erased:<user id>}, their name and password hash gone
 */
public record UserAccount(String userId, String username, String email, String passwordHash, Instant createdAt,
                          Instant disabledAt, String name, boolean emailVerified, Instant updatedAt,
                          Set<UserRole> roles, Instant erasedAt) {

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean erased() {
        return erasedAt != null;
    }
}
