package io.tokenledger.events.token;

/** What became of a revocation (RFC 7009 §2.1); only {@link #REVOKED} appended anything. */
public enum RevocationOutcome {
    REVOKED,
    /** Already revoked, or superseded within its grant: nothing to do, and the client is answered 200 (§2.2). */
    ALREADY_REVOKED,
    /** A client asked to revoke a token that was not issued to it. */
    NOT_THE_CLIENTS
}
