package io.tokenledger.events.token;

/** Why a token was revoked; analysts group revocations by it. */
public enum RevocationReason {
    /** The client asked for it at the revocation endpoint (RFC 7009). */
    REVOKED_BY_CLIENT,
    /** An administrator revoked it. */
    REVOKED_BY_ADMIN,
    /** Its grant's refresh token was revoked by the client (RFC 7009 §2.1). */
    GRANT_REVOKED_BY_CLIENT,
    /** The authorization code it came from was presented again (RFC 9700 §4.2.4). */
    CODE_REPLAYED,
    /** A retired refresh token of its grant was presented again (RFC 9700 §4.14.2). */
    REFRESH_REUSED,
    /** A retried refresh replaced it before the client could have used it. */
    SUPERSEDED,
    /** Its client was retired (RFC 7592 §2.3). */
    CLIENT_RETIRED,
    /** The user who granted it was disabled. */
    USER_DISABLED,
    /** The user's consent to its client was revoked. */
    CONSENT_REVOKED,
    /** The token it was obtained for by token exchange (RFC 8693) was revoked, and its client asked for that. */
    SUBJECT_TOKEN_REVOKED,
    /** The user who granted it was erased (GDPR Art. 17). */
    USER_ERASED
}
