package io.tokenledger.query.token;

import java.time.Instant;
import java.util.Locale;

/**
 * What an access token is at an instant: the one definition of "active" (RFC 7662 §2.2) that introspection, the
 * ledger's state at an instant and the analysts share. Its SQL twin is the {@code active_tokens} view (V6), held equal
 * to it by {@code TokenLookupTest}.
 */
public enum TokenStatus {
    NOT_ISSUED, REVOKED, CLIENT_RETIRED, EXPIRED, ACTIVE;

    /** The first that applies: revoked, its client retired, expired; otherwise active. Nulls mean "not (yet)". */
    public static TokenStatus at(Instant instant, Instant issuedAt, Instant expiresAt, Instant revokedAt,
                                 Instant clientRetiredAt) {
        return issuedAt == null ? NOT_ISSUED
                : revokedAt != null ? REVOKED
                : clientRetiredAt != null ? CLIENT_RETIRED
                : !instant.isBefore(expiresAt) ? EXPIRED
                : ACTIVE;
    }

    /** As the ledger API writes it: {@code active}, {@code client_retired}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
