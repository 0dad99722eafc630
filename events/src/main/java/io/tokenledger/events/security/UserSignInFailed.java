package io.tokenledger.events.security;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A sign-in at the authorization endpoint failed. The typed username is not recorded (people type passwords
 * into it); the account is named only when it exists.
 *
 * @param userId   the account whose password was wrong, or null for an unknown username
 * @param clientId the client the user was signing in to
 * @param throttled true only in events recorded before 2026-11-30: attempts refused while slowed down are now
 *                  counted in metrics, not recorded
 */
@Revision("1")
public record UserSignInFailed(String userId, String clientId, boolean throttled, Instant failedAt)
        implements SecurityEvent {
}
