package io.tokenledger.events.token;

/** Why a token was revoked; analysts group revocations by it. */
public enum RevocationReason {
    /** The client asked for it at the revocation endpoint (RFC 7009). */
    REVOKED_BY_CLIENT,
    /** An administrator revoked it. */
    REVOKED_BY_ADMIN
}
