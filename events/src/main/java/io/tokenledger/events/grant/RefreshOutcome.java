package io.tokenledger.events.grant;

import java.util.List;

/**
 * What became of a refresh.
 *
 * @param scopes the scopes of the new token, when {@link Result#ROTATED}
 * @param idToken the ID token issued with it, to be signed as recorded; null for none
 */
public record RefreshOutcome(Result result, List<String> scopes, IdTokenIssued idToken) {

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
        INVALID_TARGET
    }

    public static RefreshOutcome refused(Result result) {
        return new RefreshOutcome(result, List.of(), null);
    }
}
