package io.tokenledger.events.security;

/**
 * A refused, security-relevant request. It changes no aggregate's state, so it is published as a plain event:
 * the ledger keeps it with the rest, in order, for auditors.
 */
public sealed interface SecurityEvent permits ClientAuthenticationFailed, UserSignInFailed {
}
