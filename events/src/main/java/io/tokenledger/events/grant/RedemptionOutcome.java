package io.tokenledger.events.grant;

import java.util.List;

/**
 * What became of a redemption of a code or a device code; every result but {@link Result#REDEEMED} is
 * {@code invalid_grant}, except a device code's {@link Result#PENDING}, {@link Result#DENIED} and
 * {@link Result#EXPIRED} (RFC 8628 §3.5).
 *
 * @param token   the token as recorded, when {@link Result#REDEEMED}: a JWT access token is signed from it
 * @param idToken the ID token issued with it, to be signed as recorded; null for none
 */
public record RedemptionOutcome(Result result, GrantToken token, IdTokenIssued idToken) {

    /** The scopes of the issued token; none when refused. */
    public List<String> scopes() {
        return token == null ? List.of() : token.scopes();
    }

    public enum Result {
        REDEEMED,
        /** Presented again after redemption: the grant is revoked. */
        REPLAYED,
        EXPIRED,
        WRONG_CLIENT,
        REDIRECT_URI_MISMATCH,
        VERIFIER_MISMATCH,
        /** The client no longer has any of the scopes the user granted. */
        SCOPES_WITHDRAWN,
        /** A resource beyond those the user authorized (RFC 8707 §2). */
        INVALID_TARGET,
        /** The grant was revoked before its code was redeemed (its user was disabled, say). */
        REVOKED,
        /** The code was bound to a DPoP key ({@code dpop_jkt}) the redemption's proof is not of (RFC 9449 §10). */
        DPOP_KEY_MISMATCH,
        /** A device code no user has decided on yet (RFC 8628 §3.5 {@code authorization_pending}). */
        PENDING,
        /** A device code its user denied (RFC 8628 §3.5 {@code access_denied}). */
        DENIED
    }

    public static RedemptionOutcome refused(Result result) {
        return new RedemptionOutcome(result, null, null);
    }
}
