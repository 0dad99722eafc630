package io.tokenledger.events.grant;

/** What became of a redemption; every outcome but {@link #REDEEMED} is {@code invalid_grant}. */
public enum RedemptionOutcome {
    REDEEMED,
    /** Presented again after redemption: the grant is revoked. */
    REPLAYED,
    EXPIRED,
    WRONG_CLIENT,
    REDIRECT_URI_MISMATCH,
    VERIFIER_MISMATCH
}
