package io.tokenledger.events.grant;

import java.util.List;

/**
 * What became of a refresh.
 *
 * @param token   the new token as recorded, when {@link Result#ROTATED}: a JWT access token is signed from it
 * @param idToken the ID token issued with it, to be signed as recorded; null for none
 */
public record RefreshOutcome(Result result, GrantToken token, IdTokenIssued idToken) {

    /** The scopes of the new token; none when refused. */
    public List<String> scopes() {
        return token == null ? List.of() : token.scopes();
    }

    public enum Result {
        ROTATED,
        /** A retired refresh token was presented: the grant is revoked. */
        REUSED,
        REVOKED,
        EXPIRED,
        WRONG_CLIENT,
        SCOPE_WIDENED,
        /** The client no longer has any of the scopes the user granted. */
        SCOPES_WITHDRAWN,
        /** A resource beyond those the user authorized (RFC 8707 §2). */
        INVALID_TARGET,
        /** The grant's refresh tokens are bound to a DPoP key the refresh's proof is not of (RFC 9449 §5). */
        DPOP_KEY_MISMATCH
    }

    public static RefreshOutcome refused(Result result) {
        return new RefreshOutcome(result, null, null);
    }
}
