package io.tokenledger.query.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A session that has not ended, as the read table knows it.
 *
 * @param methods      how its user authenticated ({@code amr})
 * @param startedAt    when its user authenticated ({@code auth_time})
 * @param lastUsedAt   when a code was last issued on it, or its start
 * @param userDisabled whether its user was disabled since: it then signs no one in
 */
public record OpenSession(String sessionId, String userId, List<String> methods, Instant startedAt, Instant expiresAt,
                          Instant lastUsedAt, boolean userDisabled) {

    /** Whether it may still sign its user in at this instant. */
    public boolean liveAt(Instant now, Duration idleTimeout) {
        return now.isBefore(expiresAt) && now.isBefore(lastUsedAt.plus(idleTimeout));
    }
}
